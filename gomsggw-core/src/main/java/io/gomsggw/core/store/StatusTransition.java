package io.gomsggw.core.store;

import io.gomsggw.core.model.MessageStatus;
import java.time.Instant;

/**
 * One status change to record: the message moves to {@code status} at {@code at}; {@code reason}
 * (may be null) is kept in the history and as the message's last error when it is a failure.
 * {@code carrierMessageId}, when not null, is stored as the id the carrier gave the message.
 */
public record StatusTransition(String messageId, MessageStatus status, Instant at, String reason, int attempts,
                               String carrierMessageId) {

    public StatusTransition(String messageId, MessageStatus status, Instant at, String reason, int attempts) {
        this(messageId, status, at, reason, attempts, null);
    }
}
