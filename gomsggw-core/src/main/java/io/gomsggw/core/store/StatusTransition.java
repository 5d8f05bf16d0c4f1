package io.gomsggw.core.store;

import io.gomsggw.core.model.MessageStatus;
import java.time.Instant;

/**
 * One status change to record: the message moves to {@code status} at {@code at}; {@code reason}
 * (may be null) is kept in the history and as the message's last error when it is a failure.
 */
public record StatusTransition(String messageId, MessageStatus status, Instant at, String reason, int attempts) {}
