package io.gomsggw.core.spi;

import java.time.Clock;

/**
 * What the gateway gives a carrier adapter: its clock and the public base URL under which the
 * carrier can reach the gateway ({@code SERVER_ADDRESS}), e.g. for status callbacks.
 */
public record CarrierContext(Clock clock, String publicBaseUrl) {}
