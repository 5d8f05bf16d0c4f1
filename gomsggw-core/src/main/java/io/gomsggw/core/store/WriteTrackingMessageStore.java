package io.gomsggw.core.store;

import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.StatusChange;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A {@link MessageStore} that remembers whether its last write failed, for {@code /health}: a
 * database that is reachable but refuses writes (its disk full) shows as down until a write
 * succeeds again, through this store or by {@link #probeSucceeded()}. Writes are never held back
 * here: each one is tried, so the gateway takes messages again as soon as the database does.
 *
 * <p>Threading and errors: those of the store it wraps.
 */
public final class WriteTrackingMessageStore implements MessageStore, WriteHealth {
    private final MessageStore store;
    private volatile String failure;

    public WriteTrackingMessageStore(MessageStore store) {
        this.store = store;
    }

    @Override
    public Optional<String> writeFailure() {
        return Optional.ofNullable(failure).map(why -> "database write failed: " + why);
    }

    /** A probe write to the database succeeded: clears the failure. */
    public void probeSucceeded() {
        failure = null;
    }

    private void tracked(Runnable write) {
        try {
            write.run();
            failure = null;
        } catch (DuplicateKeyException e) {
            throw e; // the database took the write and refused this one: not a failing database
        } catch (StoreException e) {
            String message = String.valueOf(e.getMessage());
            int newline = message.indexOf('\n');
            failure = newline < 0 ? message : message.substring(0, newline);
            throw e;
        }
    }

    @Override
    public void insertAll(List<Message> messages) {
        tracked(() -> store.insertAll(messages));
    }

    @Override
    public void writeAll(List<Message> inserts, List<StatusTransition> transitions) {
        tracked(() -> store.writeAll(inserts, transitions));
    }

    @Override
    public boolean transition(String id, MessageStatus status, Instant at, String reason, int attempts) {
        boolean[] found = new boolean[1];
        tracked(() -> found[0] = store.transition(id, status, at, reason, attempts));
        return found[0];
    }

    @Override
    public void transitionAll(List<StatusTransition> transitions) {
        tracked(() -> store.transitionAll(transitions));
    }

    @Override
    public Optional<Message> find(String id) {
        return store.find(id);
    }

    @Override
    public List<StatusChange> history(String id) {
        return store.history(id);
    }

    @Override
    public Optional<Message> findAwaitingReport(String carrier, String carrierMessageId) {
        return store.findAwaitingReport(carrier, carrierMessageId);
    }

    @Override
    public List<Message> findToResume(ResumeCursor after, int limit) {
        return store.findToResume(after, limit);
    }

    @Override
    public List<Message> findDue(Instant dueBy, String owner, int limit) {
        return store.findDue(dueBy, owner, limit);
    }

    @Override
    public Optional<Instant> nextDue(String owner) {
        return store.nextDue(owner);
    }

    @Override
    public int claimFinal(List<String> ids, String serverId) {
        return store.claimFinal(ids, serverId);
    }

    @Override
    public List<Message> findUndelivered(
            long targetClientId, Instant since, Instant until, ResumeCursor after, int limit) {
        return store.findUndelivered(targetClientId, since, until, after, limit);
    }

    @Override
    public Page<Message> search(MessageQuery query) {
        return store.search(query);
    }
}
