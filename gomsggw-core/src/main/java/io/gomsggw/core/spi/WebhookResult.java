package io.gomsggw.core.spi;

import io.gomsggw.core.model.MessageStatus;
import java.time.Instant;
import java.util.List;

/** What a carrier webhook carried, and how to answer it. */
public sealed interface WebhookResult {

    /**
     * A verified request.
     *
     * @param inbound      messages for the gateway's clients
     * @param statuses     delivery status updates of messages the gateway sent
     * @param responseType content type of the answer (e.g. {@code text/xml} for Twilio)
     * @param responseBody body of the answer; may be empty
     */
    record Accepted(List<InboundMessage> inbound, List<StatusUpdate> statuses, String responseType, String responseBody)
            implements WebhookResult {
        public Accepted {
            inbound = List.copyOf(inbound);
            statuses = List.copyOf(statuses);
        }
    }

    /** The signature did not verify or was missing: the gateway answers 401 and changes nothing. */
    record Unauthorized(String reason) implements WebhookResult {}

    /** The request could not be read: the gateway answers 400 with the reason. */
    record Malformed(String reason) implements WebhookResult {}

    /**
     * A message from the phone network.
     *
     * @param carrierMessageId the carrier's id
     * @param from             sender as the carrier wrote it (normalized by the gateway)
     * @param to               recipient as the carrier wrote it
     * @param text             text; may be empty
     * @param media            media to fetch after answering
     * @param receivedAt       when the carrier received it
     */
    record InboundMessage(
            String carrierMessageId, String from, String to, String text, List<MediaRef> media, Instant receivedAt) {
        public InboundMessage {
            media = List.copyOf(media);
        }
    }

    /** A media link in a carrier webhook; fetched with the adapter's credentials when {@code authenticated}. */
    record MediaRef(String url, String contentType, boolean authenticated) {}

    /**
     * A delivery report.
     *
     * @param carrierMessageId the carrier's id of a message the gateway sent
     * @param status           {@code SENT}, {@code DELIVERED} or {@code FAILED}
     * @param reason           the carrier's error text, or null
     */
    record StatusUpdate(String carrierMessageId, MessageStatus status, String reason) {}
}
