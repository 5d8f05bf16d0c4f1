package io.gomsggw.core.spi;

/**
 * The gateway's intake for what a carrier adapter learns outside of webhook requests. Thread-safe;
 * both methods return at once and do their work asynchronously.
 */
public interface CarrierEvents {
    /** A delivery report for a message the carrier sent, by the carrier's message id. */
    void status(String carrierName, WebhookResult.StatusUpdate update);

    /** A message from the phone network. */
    void inbound(String carrierName, WebhookResult.InboundMessage message);
}
