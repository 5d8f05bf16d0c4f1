package io.gomsggw.core.store;

import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import java.time.Instant;

/**
 * One status change to record: the message moves to {@code status} at {@code at}; {@code reason}
 * (may be null) is kept in the history and as the message's last error when it is a failure.
 * {@code carrierMessageId}, when not null, is stored as the id the carrier gave the message.
 * {@code retryAt}, only with {@code QUEUED}, parks the message until then (every change sets the
 * stored due time to its own {@code retryAt}, so any other change clears it); {@code windowFrom},
 * when not null, starts a new delivery window (a redelivery).
 */
public record StatusTransition(
        String messageId,
        MessageStatus status,
        Instant at,
        String reason,
        int attempts,
        String carrierMessageId,
        Instant retryAt,
        Instant windowFrom) {

    public StatusTransition {
        if (retryAt != null && status != MessageStatus.QUEUED) {
            throw new IllegalArgumentException("only a queued message waits for a retry");
        }
    }

    public StatusTransition(
            String messageId, MessageStatus status, Instant at, String reason, int attempts, String carrierMessageId) {
        this(messageId, status, at, reason, attempts, carrierMessageId, null, null);
    }

    public StatusTransition(String messageId, MessageStatus status, Instant at, String reason, int attempts) {
        this(messageId, status, at, reason, attempts, null);
    }

    /**
     * Whether the reason is a failure, and so becomes the message's last error: a move to failed or
     * undelivered, or back to queued for a retry (but not a redelivery, which starts afresh).
     */
    public boolean isFailure() {
        return reason != null
                && windowFrom == null
                && (status == MessageStatus.FAILED
                        || status == MessageStatus.UNDELIVERED
                        || status == MessageStatus.QUEUED);
    }

    /**
     * {@code message} after this change, as the store records it: the new status, attempts and
     * time; the reason as last error when {@link #isFailure()}; the carrier's id when given.
     * Applying a change twice gives the same message as applying it once.
     */
    public Message applyTo(Message message) {
        Message.Builder next = message.toBuilder()
                .status(status)
                .attempts(attempts)
                .updatedAt(at)
                .retryAt(retryAt);
        if (windowFrom != null) {
            next.windowFrom(windowFrom);
        }
        if (isFailure()) {
            next.lastError(reason);
        }
        if (carrierMessageId != null) {
            next.carrierMessageId(carrierMessageId);
        }
        return next.build();
    }
}
