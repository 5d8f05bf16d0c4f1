package io.gomsggw.core.dispatch;

import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.core.store.MessageStore;
import io.gomsggw.core.store.StatusTransition;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records status changes through a group-commit writer (many transitions per transaction) and tells
 * the {@link StatusListener}s. A change whose write fails is logged; the message itself stays
 * durable and is resumed from its last recorded status after a restart.
 */
public final class StatusRecorder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatusRecorder.class);

    private final BatchingWriter<StatusTransition> writer;
    private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();

    public StatusRecorder(MessageStore store, int capacity, int maxBatch) {
        this.writer = new BatchingWriter<>("status", capacity, maxBatch, store::transitionAll);
    }

    public void addListener(StatusListener listener) {
        listeners.add(listener);
    }

    /** Queues the change of {@code message} (already carrying its new status) and notifies listeners. */
    public void record(Message message, StatusChange change) {
        String carrierId = change.status() == MessageStatus.SENT ? message.carrierMessageId() : null;
        writer.submit(new StatusTransition(message.id(), change.status(), change.at(), change.reason(),
                        message.attempts(), carrierId))
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

    public int depth() {
        return writer.depth();
    }

    @Override
    public void close() {
        writer.close();
    }
}
