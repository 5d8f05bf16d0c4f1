package io.gomsggw.core.store.log;

import io.gomsggw.core.model.Message;
import io.gomsggw.core.store.StatusTransition;
import java.util.Objects;

/** One record of the {@link MessageLog}: a new message or a status change of one. Immutable. */
public sealed interface LogRecord {

    /** A new message, as accepted. */
    record Inserted(Message message) implements LogRecord {
        public Inserted {
            Objects.requireNonNull(message, "message");
        }
    }

    /** A status change of a message; its {@code status} and {@code at} must not be null. */
    record Changed(StatusTransition transition) implements LogRecord {
        public Changed {
            Objects.requireNonNull(transition, "transition");
        }
    }
}
