package io.gomsggw.core.spi;

import java.time.Clock;

/**
 * What the gateway gives a carrier adapter.
 *
 * @param clock         the gateway's clock
 * @param publicBaseUrl the base URL under which the carrier reaches the gateway ({@code SERVER_ADDRESS}),
 *                      e.g. for status callbacks; null when it is not configured
 * @param events        where an adapter that learns of messages or statuses by other means than
 *                      {@code /inbound} (a connection of its own, a timer) reports them
 */
public record CarrierContext(Clock clock, String publicBaseUrl, CarrierEvents events) {}
