package io.gomsggw.server;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool of worker threads for blocking work (database, outbound HTTP): a fixed number
 * of threads and a bounded queue. When both are full, {@code execute} throws
 * {@link java.util.concurrent.RejectedExecutionException}, which the caller turns into its
 * protocol's back-pressure signal (HTTP 503). Closing waits briefly for running tasks.
 */
final class WorkerPool implements AutoCloseable {
    private static final int THREADS = 16;
    private static final int QUEUE = 512;
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final ThreadPoolExecutor executor;

    WorkerPool(String name) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory threads = task -> {
            Thread thread = new Thread(task, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.executor = new ThreadPoolExecutor(
                THREADS,
                THREADS,
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE),
                threads,
                new ThreadPoolExecutor.AbortPolicy());
        this.executor.allowCoreThreadTimeOut(true);
    }

    ExecutorService executor() {
        return executor;
    }

    /** Lets running and queued tasks finish for a few seconds, then interrupts what is left. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "WorkerPool[" + executor + "]";
    }
}
