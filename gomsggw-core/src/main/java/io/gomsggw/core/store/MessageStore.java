package io.gomsggw.core.store;

import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.StatusChange;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The durable record of every message and its status history.
 *
 * <p>{@link #insertAll(List)} writes many messages in one transaction: it is the primitive a
 * group-commit writer builds on, and a message is acknowledged to its sender only after it
 * returns. Status changes are appended, never overwritten, so the history survives.
 *
 * <p>Threading: thread-safe; every method blocks on I/O.
 */
public interface MessageStore {
    /** Inserts the messages, with their media and an initial history entry each, in one transaction. */
    void insertAll(List<Message> messages);

    /**
     * Inserts {@code inserts}, then applies {@code transitions} in order, in one transaction where
     * the implementation can; the default does two.
     */
    default void writeAll(List<Message> inserts, List<StatusTransition> transitions) {
        insertAll(inserts);
        transitionAll(transitions);
    }

    Optional<Message> find(String id);

    /** Status history of a message, oldest first; empty when it does not exist. */
    List<StatusChange> history(String id);

    /**
     * Moves a message to {@code status}, appending to its history; {@code attempts} and
     * {@code lastError} are stored as given. Returns false when the message does not exist.
     */
    boolean transition(String id, MessageStatus status, Instant at, String reason, int attempts);

    /**
     * Records many transitions, in order, in as few transactions as the implementation can; the
     * default records them one by one. Transitions of unknown messages are skipped.
     */
    default void transitionAll(List<StatusTransition> transitions) {
        for (StatusTransition t : transitions) {
            transition(t.messageId(), t.status(), t.at(), t.reason(), t.attempts());
        }
    }

    /**
     * The message {@code carrier} accepted under {@code carrierMessageId} while it still waits for
     * a delivery report (not {@code delivered} or {@code failed}); empty once it is final, so a
     * late or repeated report for a finished message is not looked up here (stores index only the
     * messages in flight).
     */
    Optional<Message> findAwaitingReport(String carrier, String carrierMessageId);

    /**
     * Messages not yet handed over (status {@code queued} or {@code dispatching}), oldest first
     * (by creation time, then id), strictly after {@code after} (null: from the start), at most
     * {@code limit}. Used to resume dispatch after a restart, page by page.
     */
    List<Message> findToResume(ResumeCursor after, int limit);

    /**
     * Parked messages (status {@code queued} with a {@link Message#retryAt()}) due at or before
     * {@code dueBy}, oldest first (by creation time, then id), at most {@code limit}: the
     * deliveries a retry scheduler picks up. Stores index the due time, so this is a range scan.
     *
     * @param owner only the messages of this node ({@link Message#serverId()}): on a database
     *              several nodes share, each takes up its own parked messages only, so no two take
     *              up the same one; null for every message (a database that serves one node)
     */
    List<Message> findDue(Instant dueBy, String owner, int limit);

    /** The earliest {@link Message#retryAt()} of a parked message of {@code owner} (null: of any), if any is parked. */
    Optional<Instant> nextDue(String owner);

    /**
     * Makes {@code serverId} the owner ({@link Message#serverId()}) of the messages {@code ids}
     * that are final ({@code undelivered} or {@code failed}), before they are sent again: the node
     * that redelivers a message takes it up, whichever node accepted it. Returns how many.
     */
    int claimFinal(List<String> ids, String serverId);

    /**
     * Messages to {@code targetClientId} that are {@code undelivered}, created in
     * [{@code since}, {@code until}) (null: unbounded), oldest first, strictly after {@code after}
     * (null: from the start), at most {@code limit}: what a bulk redelivery sends again.
     */
    List<Message> findUndelivered(long targetClientId, Instant since, Instant until, ResumeCursor after, int limit);

    Page<Message> search(MessageQuery query);
}
