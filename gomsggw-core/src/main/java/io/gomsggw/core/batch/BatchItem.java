package io.gomsggw.core.batch;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of a batch.
 *
 * @param batchId   its job
 * @param index     its position in the request, from 0
 * @param messageId the gateway message id reserved for it when the batch was stored; the message
 *                  record, once sent, has this id ({@code GET /messages/{id}})
 * @param to        the recipient, E.164 (as written when it could not be read)
 * @param text      the text, template applied
 * @param status    its state
 * @param error     why it failed, was cancelled or waits; null when none
 * @param errorCode an HTTP-style code for {@code error} (400, 403, 429); 0 when none
 * @param queuedAt  when a usage limit last refused it; null if never
 * @param sentAt    when the runner handed it to the gateway; null until sent
 * @param createdAt when the batch was stored
 */
public record BatchItem(
        String batchId,
        int index,
        String messageId,
        String to,
        String text,
        BatchItemStatus status,
        String error,
        int errorCode,
        Instant queuedAt,
        Instant sentAt,
        Instant createdAt) {
    public BatchItem {
        Objects.requireNonNull(batchId, "batchId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
