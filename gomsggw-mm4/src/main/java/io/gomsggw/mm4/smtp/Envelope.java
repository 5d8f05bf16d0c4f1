package io.gomsggw.mm4.smtp;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * The SMTP envelope of one received message. Immutable.
 *
 * @param source     the client's address (from the PROXY protocol header when the server takes one)
 * @param heloName   the name the client gave in {@code EHLO}/{@code HELO}
 * @param mailFrom   the reverse path without angle brackets; {@code ""} for the null path {@code <>}
 * @param recipients the accepted forward paths without angle brackets, in the order given (at least one)
 * @param tls        whether the message came over TLS ({@code STARTTLS})
 */
public record Envelope(
        InetSocketAddress source, String heloName, String mailFrom, List<String> recipients, boolean tls) {

    public Envelope {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(heloName, "heloName");
        Objects.requireNonNull(mailFrom, "mailFrom");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an envelope needs a recipient");
        }
    }
}
