package io.gomsggw.core.store;

import io.gomsggw.core.model.MessageStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * A delivery receipt for a message an SMPP client submitted, waiting for one of the client's
 * receiving binds. It holds what the receipt says, so it can be sent after a restart. Immutable.
 *
 * @param clientId    the client that submitted the message and receives the receipt
 * @param messageId   the message's id
 * @param from        the message's sender (E.164), the receipt's destination
 * @param to          the message's recipient (E.164), the receipt's source
 * @param status      the final status the receipt reports
 * @param submittedAt when the message was accepted
 * @param doneAt      when it reached {@code status}
 * @param text        the start of the message's text that the receipt quotes (at most 20 characters)
 */
public record PendingReceipt(
        long clientId,
        String messageId,
        String from,
        String to,
        MessageStatus status,
        Instant submittedAt,
        Instant doneAt,
        String text) {
    public PendingReceipt {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(submittedAt, "submittedAt");
        Objects.requireNonNull(doneAt, "doneAt");
        Objects.requireNonNull(text, "text");
    }
}
