package io.gomsggw.core.dispatch;

import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.core.store.MessageStore;
import io.gomsggw.core.store.StatusTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable journal of messages: new messages and status changes go through group-commit
 * writers, so a batch of both is written in one transaction ({@link MessageStore#writeAll}). The
 * embedded database's cost is per commit and per changed page, not per row, so there one writer
 * with larger batches beats two. PostgreSQL flushes the WAL of concurrent commits together, so
 * there several writers, each committing while the others fill their next batch, cut the wait
 * of every message; a message always goes to the same writer, so its changes stay in order.
 *
 * <p>New messages are written at once: {@link #insert}'s future completes after the commit, and
 * only then may the ingress acknowledge. Status changes are not acknowledged to anyone, so they
 * are <em>held</em>: the changes of a message wait in memory until it turns final
 * ({@code delivered} or {@code failed}) or until {@code hold} has passed since the first of them,
 * and are then queued for the writer together, in order. A message that is delivered within the
 * hold (the common case) is thus written once more after its insert: one row update to its final
 * status and all its history rows at once, each change with its own time. A crash loses at most
 * the held changes: the message is still {@code queued} (or at its last written status) in the
 * store, and is resumed after the restart, as it would be had the crash come before the write.
 *
 * <p>New messages are refused with {@link QueueFullException} once {@code insertLimit} entries
 * wait, which keeps room for the status changes of messages already accepted. Status changes
 * tell the {@link StatusListener}s at once, before they are written; a change whose write fails
 * is logged, and the message resumes from its last recorded status after a restart.
 */
public final class MessageJournal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MessageJournal.class);
    /** How long the changes of a message not yet final wait for more, by default. */
    public static final Duration DEFAULT_HOLD = Duration.ofMillis(100);

    private sealed interface Entry {}

    private record Insert(Message message) implements Entry {}

    /** The held changes of one message, in order. */
    private record Transitions(List<StatusTransition> transitions) implements Entry {}

    /** The changes of one message waiting for more, since {@code since} (System.nanoTime). */
    private static final class Held {
        final String messageId;
        final long since;
        final List<StatusTransition> transitions = new ArrayList<>(4);

        Held(String messageId, long since) {
            this.messageId = messageId;
            this.since = since;
        }
    }

    private final List<BatchingWriter<Entry>> writers;
    private final int insertLimit;
    private final long holdNanos;
    private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();
    private final Object holdLock = new Object();
    /** Guarded by holdLock: the held changes by message id, and the same in the order they began. */
    private final Map<String, Held> held = new HashMap<>();

    private final ArrayDeque<Held> holdOrder = new ArrayDeque<>();
    private final Thread releaser;
    private volatile boolean closed;

    /**
     * With the {@link #DEFAULT_HOLD}.
     *
     * @param capacity    entries that may wait in all
     * @param insertLimit waiting entries beyond which new messages are refused
     * @param maxBatch    most entries written in one transaction
     */
    public MessageJournal(MessageStore store, int capacity, int insertLimit, int maxBatch) {
        this(store, capacity, insertLimit, maxBatch, DEFAULT_HOLD);
    }

    /**
     * @param hold how long the status changes of a message that is not final may wait for the
     *             next ones before they are written; zero writes each change at once
     */
    public MessageJournal(MessageStore store, int capacity, int insertLimit, int maxBatch, Duration hold) {
        this(store, capacity, insertLimit, maxBatch, hold, 1);
    }

    /**
     * @param writers how many group-commit writers share the work, each with its own transactions:
     *                a message's insert and all its changes go to the same one (chosen by its id),
     *                so they are written in order. More than one pays when the store's commits
     *                can overlap (PostgreSQL flushes concurrent commits together); the capacity
     *                and the insert limit are shared out between them
     */
    public MessageJournal(MessageStore store, int capacity, int insertLimit, int maxBatch, Duration hold, int writers) {
        if (writers < 1) throw new IllegalArgumentException("writers must be positive");
        this.insertLimit = Math.max(1, insertLimit / writers);
        this.holdNanos = hold.toNanos();
        List<BatchingWriter<Entry>> made = new ArrayList<>(writers);
        for (int i = 0; i < writers; i++) {
            made.add(new BatchingWriter<>(
                    writers == 1 ? "journal" : "journal-" + (i + 1),
                    Math.max(1, capacity / writers),
                    maxBatch,
                    entries -> commit(store, entries)));
        }
        this.writers = List.copyOf(made);
        this.releaser = new Thread(this::releaseExpired, "gomsggw-journal-hold");
        this.releaser.setDaemon(true);
        if (holdNanos > 0) {
            this.releaser.start();
        }
    }

    private static void commit(MessageStore store, List<Entry> entries) {
        List<Message> inserts = new ArrayList<>();
        List<StatusTransition> transitions = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry instanceof Insert insert) {
                inserts.add(insert.message());
            } else {
                transitions.addAll(((Transitions) entry).transitions());
            }
        }
        store.writeAll(inserts, transitions);
    }

    private BatchingWriter<Entry> writerOf(String messageId) {
        return writers.size() == 1 ? writers.get(0) : writers.get(Math.floorMod(messageId.hashCode(), writers.size()));
    }

    public void addListener(StatusListener listener) {
        listeners.add(listener);
    }

    /** Queues a new message; the future completes once it is committed. */
    public CompletableFuture<Void> insert(Message message) {
        BatchingWriter<Entry> writer = writerOf(message.id());
        if (writer.depth() >= insertLimit) {
            return CompletableFuture.failedFuture(new QueueFullException("journal"));
        }
        return writer.submit(new Insert(message));
    }

    /**
     * Records the change of {@code message} (already carrying its new status) and notifies
     * listeners. The change is written with the message's next ones, at the latest after the hold.
     */
    public void record(Message message, StatusChange change) {
        String carrierId = change.status() == MessageStatus.SENT ? message.carrierMessageId() : null;
        StatusTransition transition = new StatusTransition(
                message.id(), change.status(), change.at(), change.reason(), message.attempts(), carrierId);
        hold(transition);
        notifyListeners(message, change);
    }

    /**
     * Records the change of {@code message} (already carrying its new status) at once, with the
     * changes of the message still held, and notifies listeners; the future completes once it is
     * written. A {@code queued} change carries the message's {@link Message#retryAt()}: it parks the
     * message until then.
     */
    public CompletableFuture<Void> recordDurably(Message message, StatusChange change) {
        boolean parks = change.status() == MessageStatus.QUEUED;
        return recordNow(message, change, parks ? message.retryAt() : null, null);
    }

    /**
     * Records a redelivery of {@code message} (already {@code queued}, with its {@link Message#retryAt()}
     * and the new window's {@link Message#windowFrom()}) at once; the future completes once written.
     */
    public CompletableFuture<Void> recordRedelivery(Message message, StatusChange change) {
        return recordNow(message, change, message.retryAt(), message.windowFrom());
    }

    private CompletableFuture<Void> recordNow(
            Message message, StatusChange change, Instant retryAt, Instant windowFrom) {
        String carrierId = change.status() == MessageStatus.SENT ? message.carrierMessageId() : null;
        StatusTransition transition = new StatusTransition(
                message.id(),
                change.status(),
                change.at(),
                change.reason(),
                message.attempts(),
                carrierId,
                retryAt,
                windowFrom);
        CompletableFuture<Void> written = hold(transition, true);
        notifyListeners(message, change);
        return written;
    }

    private void notifyListeners(Message message, StatusChange change) {
        for (StatusListener listener : listeners) {
            try {
                listener.onStatus(message, change);
            } catch (RuntimeException e) {
                log.warn("status listener failed id={} error={}", message.id(), e.toString());
            }
        }
    }

    private void hold(StatusTransition transition) {
        hold(transition, false);
    }

    /** Holds the change, or writes it with the changes held before it; the future completes once written (or at once when held). */
    private CompletableFuture<Void> hold(StatusTransition transition, boolean writeNow) {
        synchronized (holdLock) {
            Held group = held.get(transition.messageId());
            boolean now =
                    writeNow || closed || holdNanos <= 0 || transition.status().isFinal();
            if (group == null) {
                if (now) {
                    return write(List.of(transition));
                }
                group = new Held(transition.messageId(), System.nanoTime());
                held.put(transition.messageId(), group);
                holdOrder.addLast(group);
            }
            group.transitions.add(transition);
            if (now) {
                held.remove(group.messageId);
                return write(group.transitions);
            }
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Called under holdLock, so the changes of one message reach the writer in order. */
    private CompletableFuture<Void> write(List<StatusTransition> transitions) {
        CompletableFuture<Void> written =
                writerOf(transitions.get(0).messageId()).submit(new Transitions(transitions));
        written.whenComplete((ok, error) -> {
            if (error != null) {
                StatusTransition last = transitions.get(transitions.size() - 1);
                log.warn(
                        "status not recorded id={} status={} changes={} error={}",
                        last.messageId(),
                        last.status().wireName(),
                        transitions.size(),
                        error.toString());
            }
        });
        return written;
    }

    /** Queues the groups whose hold is over (and all of them once closed). */
    private void releaseExpired() {
        long tick = Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(holdNanos) / 4, 20));
        while (true) {
            boolean last = closed;
            long now = System.nanoTime();
            synchronized (holdLock) {
                Held group;
                while ((group = holdOrder.peekFirst()) != null && (last || now - group.since >= holdNanos)) {
                    holdOrder.pollFirst();
                    // Written already when it turned final: then it is no longer (or no more this group) held.
                    if (held.get(group.messageId) == group) {
                        held.remove(group.messageId);
                        write(group.transitions);
                    }
                }
            }
            if (last) {
                return;
            }
            try {
                Thread.sleep(tick);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Entries waiting to be written, held status changes not counted. */
    public int depth() {
        int depth = 0;
        for (BatchingWriter<Entry> writer : writers) {
            depth += writer.depth();
        }
        return depth;
    }

    /** Writes the held changes, then everything queued, and stops the writer. */
    @Override
    public void close() {
        closed = true;
        try {
            if (releaser.isAlive()) {
                releaser.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writers.forEach(BatchingWriter::close);
    }
}
