package io.gomsggw.smpp.gateway;

import io.gomsggw.core.spi.RetryPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * How the gateway treats SMPP clients.
 *
 * @param reassemblyTimeout how long the parts of a long message wait for the rest
 * @param maxPendingParts   parts of incomplete long messages held per client; beyond, {@code ESME_RMSGQFUL}
 * @param maxTotalParts     parts of incomplete long messages held for all clients together; beyond,
 *                          {@code ESME_RMSGQFUL}
 * @param delivery          retries and timeout of {@code deliver_sm} to a client ({@code SMPP_RETRIES},
 *                          {@code SMPP_TIMEOUT_SECS})
 */
public record SmppGatewaySettings(
        Duration reassemblyTimeout, int maxPendingParts, int maxTotalParts, RetryPolicy delivery) {
    public SmppGatewaySettings {
        Objects.requireNonNull(reassemblyTimeout, "reassemblyTimeout");
        Objects.requireNonNull(delivery, "delivery");
        if (maxPendingParts < 1 || maxTotalParts < 1) {
            throw new IllegalArgumentException("maxPendingParts and maxTotalParts must be at least 1");
        }
    }

    /** Long messages wait 60 s for their parts, at most 1,000 parts per client and 100,000 in all. */
    public static SmppGatewaySettings withDelivery(RetryPolicy delivery) {
        return new SmppGatewaySettings(Duration.ofSeconds(60), 1_000, 100_000, delivery);
    }
}
