package io.gomsggw.server.bench;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whom {@code bench smpp} binds and submits as, and to: the sending client's credentials, its
 * numbers, the destination numbers, and — when the destinations belong to another legacy client —
 * that client's credentials, so the run binds it too and counts the deliveries. Message {@code n}
 * goes from {@code from[n % |from|]} to {@code to[n % |to|]}: the gateway keeps one message in
 * flight per conversation (from, to) toward a legacy client, so the number of conversations bounds
 * the end-to-end rate.
 */
record SmppTarget(SmppCredentials sender, List<String> from, List<String> to, Optional<SmppCredentials> receiver) {
    SmppTarget {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(receiver, "receiver");
        from = List.copyOf(from);
        to = List.copyOf(to);
        if (from.isEmpty() || to.isEmpty()) {
            throw new IllegalArgumentException("at least one number to send from and to");
        }
    }
}
