package io.gomsggw.core.store.log;

import io.gomsggw.core.model.Message;
import io.gomsggw.core.store.HeldPartStore;
import io.gomsggw.core.store.PendingReceiptStore;
import io.gomsggw.core.store.StatusTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One record of the {@link MessageLog}: a new message or a status change of one, or a change of
 * the held parts of long messages or of the receipts waiting for a bind. Immutable.
 */
public sealed interface LogRecord {

    /** The id of the message the record is about. */
    String messageId();

    /** Whether the record is about the message itself ({@link Inserted}, {@link Changed}). */
    default boolean isMessageRecord() {
        return false;
    }

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

        @Override
        public boolean isMessageRecord() {
            return true;
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

        @Override
        public boolean isMessageRecord() {
            return true;
        }
    }

    /** A part of a long message held, or a message's parts released ({@link HeldPartStore}). */
    record PartChange(HeldPartStore.Change change) implements LogRecord {
        public PartChange {
            Objects.requireNonNull(change, "change");
        }

        @Override
        public String messageId() {
            return change instanceof HeldPartStore.Hold hold
                    ? hold.part().messageId()
                    : ((HeldPartStore.Release) change).messageId();
        }
    }

    /** A delivery receipt kept for a later bind, or dropped ({@link PendingReceiptStore}). */
    record ReceiptChange(PendingReceiptStore.Change change) implements LogRecord {
        public ReceiptChange {
            Objects.requireNonNull(change, "change");
        }

        @Override
        public String messageId() {
            return change instanceof PendingReceiptStore.Keep keep
                    ? keep.receipt().messageId()
                    : ((PendingReceiptStore.Drop) change).messageId();
        }
    }
}
