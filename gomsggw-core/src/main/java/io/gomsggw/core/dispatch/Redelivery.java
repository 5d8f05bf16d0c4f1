package io.gomsggw.core.dispatch;

import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.core.store.MessageStore;
import io.gomsggw.core.store.ResumeCursor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Sends messages to clients again: {@code POST /messages/{id}/redeliver} and the bulk form for a
 * client and a time range. A message to a client that is {@code undelivered} (given up after its
 * delivery window) or {@code failed} (refused, e.g. a webhook that answered 404 before it was
 * fixed) is parked due at once with a new delivery window, and the {@link RetryScheduler} sends
 * it. Messages that left by a carrier, and messages not final, are not redelivered.
 *
 * <p>Threading: thread-safe; every method blocks on the store.
 */
public final class Redelivery {
    private static final int PAGE = 500;

    /** What came of a request to redeliver one message. */
    public sealed interface Outcome {
        /** Parked for an attempt now, with a new window. */
        record Queued(Message message) implements Outcome {}

        /** No such message. */
        record NotFound() implements Outcome {}

        /** The message is not one that can be sent again; {@code reason} says why. */
        record NotRedeliverable(Message message, String reason) implements Outcome {}
    }

    private final MessageStore store;
    private final MessageJournal journal;
    private final RetryScheduler scheduler;
    private final Clock clock;
    private final String owner;

    /**
     * @param owner this node's {@code SERVER_ID} on a database other nodes may share: a message is
     *              made this node's before it is parked again, so that this node's scheduler takes
     *              it up whichever node accepted it (that node may be gone); null on a database that
     *              serves this node alone
     */
    public Redelivery(MessageStore store, MessageJournal journal, RetryScheduler scheduler, Clock clock, String owner) {
        this.store = store;
        this.journal = journal;
        this.scheduler = scheduler;
        this.clock = clock;
        this.owner = owner;
    }

    /** Redelivers the message {@code id}; the caller checks first that it may see it. */
    public Outcome redeliver(String id) {
        Optional<Message> found = store.find(id);
        if (found.isEmpty()) {
            return new Outcome.NotFound();
        }
        Message message = found.get();
        String refusal = refusal(message);
        if (refusal != null) {
            return new Outcome.NotRedeliverable(message, refusal);
        }
        if (owner != null && store.claimFinal(List.of(id), owner) == 0) {
            // its status changed since it was read (redelivered meanwhile through another node)
            return new Outcome.NotRedeliverable(message, "message is being redelivered already");
        }
        Message queued = requeue(message, clock.instant());
        journal.recordRedelivery(queued, change(queued)).join();
        scheduler.dueAt(queued.retryAt());
        return new Outcome.Queued(queued);
    }

    /**
     * Redelivers every {@code undelivered} message to {@code clientId} created in [{@code since},
     * {@code until}) (null: unbounded); returns how many.
     */
    public int redeliverAll(long clientId, Instant since, Instant until) {
        Instant now = clock.instant();
        int count = 0;
        ResumeCursor after = null;
        while (true) {
            List<Message> page = store.findUndelivered(clientId, since, until, after, PAGE);
            if (owner != null) {
                store.claimFinal(page.stream().map(Message::id).toList(), owner);
            }
            List<CompletableFuture<Void>> writes = new ArrayList<>(page.size());
            for (Message message : page) {
                Message queued = requeue(message, now);
                writes.add(journal.recordRedelivery(queued, change(queued)));
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
            count += page.size();
            if (page.size() < PAGE) {
                break;
            }
            after = ResumeCursor.after(page.get(page.size() - 1));
        }
        if (count > 0) {
            scheduler.dueAt(now);
        }
        return count;
    }

    private static String refusal(Message message) {
        if (message.targetClientId() == null) {
            return "only messages to a client can be redelivered; this one left by carrier " + message.carrier();
        }
        if (message.status() != MessageStatus.UNDELIVERED && message.status() != MessageStatus.FAILED) {
            return "message is " + message.status().wireName()
                    + "; only undelivered or failed messages can be redelivered";
        }
        return null;
    }

    private static Message requeue(Message message, Instant now) {
        return message.toBuilder()
                .status(MessageStatus.QUEUED)
                .updatedAt(now)
                .retryAt(now)
                .windowFrom(now)
                .build();
    }

    private static StatusChange change(Message queued) {
        return new StatusChange(MessageStatus.QUEUED, queued.updatedAt(), "redelivery requested");
    }
}
