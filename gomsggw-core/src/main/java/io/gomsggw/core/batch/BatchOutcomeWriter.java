package io.gomsggw.core.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outcomes of every job of a {@link BatchRunner}, written to the store in the background, many
 * per transaction, so that no job waits on a write to send its next rows. An outcome not written
 * before a crash leaves its row {@code sending}, which {@link BatchRunner#resume} settles. A failed
 * write keeps the outcomes for the next one.
 *
 * <p>Thread-safe: {@link #add} from any thread; one write at a time.
 */
final class BatchOutcomeWriter {
    private static final Logger log = LoggerFactory.getLogger(BatchOutcomeWriter.class);
    /** Outcomes written in one transaction at most, and the count that starts a write. */
    private static final int OUTCOMES_PER_WRITE = 2_000;

    private static final int WRITE_AT = 250;

    private final BatchStore store;
    private final Consumer<Runnable> background;
    private final ConcurrentLinkedQueue<ItemOutcome> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final ReentrantLock writing = new ReentrantLock();

    /** @param background runs a write off the caller's thread */
    BatchOutcomeWriter(BatchStore store, Consumer<Runnable> background) {
        this.store = store;
        this.background = background;
    }

    void add(ItemOutcome outcome) {
        waiting.add(outcome);
        if (count.incrementAndGet() % WRITE_AT == 0) {
            background.accept(this::writeAll);
        }
    }

    /** Writes everything waiting now; false when the store failed (the outcomes wait for the next try). */
    boolean writeAll() {
        writing.lock();
        try {
            while (!waiting.isEmpty()) {
                List<ItemOutcome> batch = new ArrayList<>();
                ItemOutcome next;
                while (batch.size() < OUTCOMES_PER_WRITE && (next = waiting.poll()) != null) {
                    batch.add(next);
                }
                try {
                    store.record(batch);
                } catch (RuntimeException e) {
                    waiting.addAll(batch);
                    log.warn("batch outcomes not written yet outcomes={} error={}", batch.size(), e.toString());
                    return false;
                }
            }
            return true;
        } finally {
            writing.unlock();
        }
    }
}
