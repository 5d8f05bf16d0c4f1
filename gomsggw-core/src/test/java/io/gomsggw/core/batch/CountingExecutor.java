package io.gomsggw.core.batch;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A single-thread executor that knows how many of its tasks are queued or running. */
final class CountingExecutor implements Executor, AutoCloseable {
    private final ExecutorService delegate = Executors.newSingleThreadExecutor();
    private final AtomicInteger pending = new AtomicInteger();

    @Override
    public void execute(Runnable task) {
        pending.incrementAndGet();
        try {
            delegate.execute(() -> {
                try {
                    task.run();
                } finally {
                    pending.decrementAndGet();
                }
            });
        } catch (RuntimeException e) {
            pending.decrementAndGet();
            throw e;
        }
    }

    boolean idle() {
        return pending.get() == 0;
    }

    @Override
    public void close() {
        delegate.shutdownNow();
    }
}
