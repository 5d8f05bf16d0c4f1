package io.gomsggw.core.store.log;

import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.core.store.StatusTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory overlay of a {@link LoggedMessageStore}: the messages with records in the log that
 * are not yet known to be in the tables, so that a read sees every write that returned before it.
 * An entry is added when a record is logged ({@link #remember}) and removed once the applier has
 * written all of its message's records ({@link #forgetIfApplied}).
 *
 * <p>Thread-safe: {@link #remember} is called by the one appending thread, {@link #forgetIfApplied}
 * by the applier, reads by any thread; each entry is immutable and replaced as a whole.
 */
final class PendingMessages {
    /** Messages with records not yet in the tables (possibly applied already, until all are). */
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    /** Carrier message id to message id, for the messages in {@link #pending} that have one. */
    private final ConcurrentHashMap<String, String> byCarrierId = new ConcurrentHashMap<>();

    /** Adds {@code record}, logged at {@code lsn}, to its message's entry; other records are ignored. */
    void remember(long lsn, LogRecord record) {
        if (record instanceof LogRecord.Inserted inserted) {
            Message m = inserted.message();
            pending.put(m.id(), Pending.of(m, lsn));
            if (m.carrierMessageId() != null) byCarrierId.put(m.carrierMessageId(), m.id());
        } else if (record instanceof LogRecord.Changed changed) {
            StatusTransition t = changed.transition();
            Change change = new Change(lsn, t);
            pending.compute(t.messageId(), (id, p) -> p == null ? Pending.of(change) : p.with(change));
            if (t.carrierMessageId() != null) byCarrierId.put(t.carrierMessageId(), t.messageId());
        }
    }

    /** Removes the entry of message {@code id} when all its records are at or before {@code through}. */
    void forgetIfApplied(String id, long through) {
        Pending p = pending.get(id);
        if (p != null && p.lastLsn() <= through && pending.remove(id, p)) {
            p.carrierMessageIds().forEach(carrierId -> byCarrierId.remove(carrierId, id));
        }
    }

    /** The records of message {@code id} not yet known to be in the tables, or null. */
    Pending get(String id) {
        return pending.get(id);
    }

    boolean contains(String id) {
        return pending.containsKey(id);
    }

    /** The id of the pending message that has {@code carrierMessageId}, or null. */
    String idForCarrierId(String carrierMessageId) {
        return byCarrierId.get(carrierMessageId);
    }

    /** A logged status change and its LSN. */
    record Change(long lsn, StatusTransition transition) {}

    /**
     * The records of one message not yet known to be in the tables: its insert (null when that
     * was applied before) and its changes since, in order. Immutable.
     */
    record Pending(Message inserted, List<Change> changes, long lastLsn) {
        static Pending of(Message message, long lsn) {
            return new Pending(message, List.of(), lsn);
        }

        static Pending of(Change change) {
            return new Pending(null, List.of(change), change.lsn());
        }

        Pending with(Change change) {
            List<Change> next = new ArrayList<>(changes.size() + 1);
            next.addAll(changes);
            next.add(change);
            return new Pending(inserted, List.copyOf(next), change.lsn());
        }

        /** Every carrier id these records gave the message (a retry may have got a new one). */
        List<String> carrierMessageIds() {
            List<String> ids = new ArrayList<>(2);
            if (inserted != null && inserted.carrierMessageId() != null) ids.add(inserted.carrierMessageId());
            for (Change change : changes) {
                if (change.transition().carrierMessageId() != null)
                    ids.add(change.transition().carrierMessageId());
            }
            return ids;
        }

        /** {@code message} with the changes applied; applying them to a row that has them already changes nothing. */
        Message applyTo(Message message) {
            Message result = message;
            for (Change change : changes) {
                result = change.transition().applyTo(result);
            }
            return result;
        }

        /** The whole history; only for a message whose insert is here. */
        List<StatusChange> history() {
            List<StatusChange> history = new ArrayList<>(changes.size() + 1);
            history.add(new StatusChange(inserted.status(), inserted.createdAt(), inserted.lastError()));
            for (Change change : changes) {
                StatusTransition t = change.transition();
                history.add(new StatusChange(t.status(), t.at(), t.reason()));
            }
            return history;
        }
    }
}
