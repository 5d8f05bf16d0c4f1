package io.gomsggw.core.store.log;

import io.gomsggw.core.model.Message;
import io.gomsggw.core.store.StatusTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One record of the {@link MessageLog}: a new message or a status change of one. Immutable. */
public sealed interface LogRecord {

    /** The id of the message the record is about. */
    String messageId();

    /** The records of {@code inserts}, then of {@code transitions}, in order. */
    static List<LogRecord> of(List<Message> inserts, List<StatusTransition> transitions) {
        List<LogRecord> records = new ArrayList<>(inserts.size() + transitions.size());
        inserts.forEach(m -> records.add(new Inserted(m)));
        transitions.forEach(t -> records.add(new Changed(t)));
        return records;
    }

    /** A new message, as accepted. */
    record Inserted(Message message) implements LogRecord {
        public Inserted {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String messageId() {
            return message.id();
        }
    }

    /** A status change of a message; its {@code status} and {@code at} must not be null. */
    record Changed(StatusTransition transition) implements LogRecord {
        public Changed {
            Objects.requireNonNull(transition, "transition");
        }

        @Override
        public String messageId() {
            return transition.messageId();
        }
    }
}
