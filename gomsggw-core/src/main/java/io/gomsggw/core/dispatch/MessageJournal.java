package io.gomsggw.core.dispatch;

import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.core.store.MessageStore;
import io.gomsggw.core.store.StatusTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable journal of messages: new messages and status changes go through one group-commit
 * writer, so a batch of both is written in one transaction ({@link MessageStore#writeAll}). The
 * embedded database's cost is per commit, not per row, so one writer with larger batches beats two.
 *
 * <p>New messages are refused with {@link QueueFullException} once {@code insertLimit} entries
 * wait, which keeps room for the status changes of messages already accepted. Status changes
 * tell the {@link StatusListener}s at once; a change whose write fails is logged, and the message
 * resumes from its last recorded status after a restart.
 */
public final class MessageJournal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MessageJournal.class);

    private sealed interface Entry {}

    private record Insert(Message message) implements Entry {}

    private record Transition(StatusTransition transition) implements Entry {}

    private final BatchingWriter<Entry> writer;
    private final int insertLimit;
    private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param capacity    entries that may wait in all
     * @param insertLimit waiting entries beyond which new messages are refused
     * @param maxBatch    most entries written in one transaction
     */
    public MessageJournal(MessageStore store, int capacity, int insertLimit, int maxBatch) {
        this.insertLimit = insertLimit;
        this.writer = new BatchingWriter<>("journal", capacity, maxBatch, entries -> {
            List<Message> inserts = new ArrayList<>();
            List<StatusTransition> transitions = new ArrayList<>();
            for (Entry entry : entries) {
                if (entry instanceof Insert insert) {
                    inserts.add(insert.message());
                } else {
                    transitions.add(((Transition) entry).transition());
                }
            }
            store.writeAll(inserts, transitions);
        });
    }

    public void addListener(StatusListener listener) {
        listeners.add(listener);
    }

    /** Queues a new message; the future completes once it is committed. */
    public CompletableFuture<Void> insert(Message message) {
        if (writer.depth() >= insertLimit) {
            return CompletableFuture.failedFuture(new QueueFullException("journal"));
        }
        return writer.submit(new Insert(message));
    }

    /** Queues the change of {@code message} (already carrying its new status) and notifies listeners. */
    public void record(Message message, StatusChange change) {
        String carrierId = change.status() == MessageStatus.SENT ? message.carrierMessageId() : null;
        writer.submit(new Transition(new StatusTransition(message.id(), change.status(), change.at(), change.reason(),
                        message.attempts(), carrierId)))
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        log.warn("status not recorded id={} status={} error={}", message.id(),
                                change.status().wireName(), error.toString());
                    }
                });
        for (StatusListener listener : listeners) {
            try {
                listener.onStatus(message, change);
            } catch (RuntimeException e) {
                log.warn("status listener failed id={} error={}", message.id(), e.toString());
            }
        }
    }

    /** Entries waiting to be written. */
    public int depth() {
        return writer.depth();
    }

    @Override
    public void close() {
        writer.close();
    }
}
