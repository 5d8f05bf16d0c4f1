package io.gomsggw.core.store;

import io.gomsggw.core.model.Message;
import java.time.Instant;

/** A position in the creation order of messages: after the message created at {@code createdAt} with {@code id}. */
public record ResumeCursor(Instant createdAt, String id) {
    public static ResumeCursor after(Message message) {
        return new ResumeCursor(message.createdAt(), message.id());
    }
}
