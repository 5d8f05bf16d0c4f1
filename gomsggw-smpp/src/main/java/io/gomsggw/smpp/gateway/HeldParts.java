package io.gomsggw.smpp.gateway;

import io.gomsggw.core.dispatch.BatchingWriter;
import io.gomsggw.core.store.HeldPart;
import io.gomsggw.core.store.HeldPartStore;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the held parts of long messages to their {@link HeldPartStore} through one group-commit
 * writer (many parts per durable write), without blocking the caller: a part is answered when its
 * future completes. Bounded: beyond {@value #CAPACITY} waiting changes a hold fails at once with
 * {@link io.gomsggw.core.dispatch.QueueFullException} ({@code ESME_RMSGQFUL}).
 */
final class HeldParts implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HeldParts.class);
    static final int CAPACITY = 10_000;
    private static final int MAX_BATCH = 1_000;

    private final HeldPartStore store;
    private final BatchingWriter<HeldPartStore.Change> writer;

    HeldParts(HeldPartStore store) {
        this.store = store;
        this.writer = new BatchingWriter<>("held-parts", CAPACITY, MAX_BATCH, store::writeAll);
    }

    HeldPartStore store() {
        return store;
    }

    /** Completes once {@code part} is durable. */
    CompletableFuture<Void> hold(HeldPart part) {
        return writer.submit(new HeldPartStore.Hold(part));
    }

    /** Forgets the parts of {@code messageId}; nobody waits for it (a part left behind is found stale at the next start). */
    void release(String messageId) {
        writer.submit(new HeldPartStore.Release(messageId)).whenComplete((ok, failure) -> {
            if (failure != null) {
                log.warn("smpp held parts not released id={} error={}", messageId, failure.toString());
            }
        });
    }

    @Override
    public void close() {
        writer.close();
    }
}
