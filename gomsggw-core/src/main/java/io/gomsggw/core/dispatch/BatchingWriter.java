package io.gomsggw.core.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: items submitted from many threads are written by one writer thread in batches
 * (one call of {@code commit} per batch, which the store runs as one transaction). Each caller's
 * future completes only after its batch is committed, so an ingress can acknowledge at that point.
 *
 * <p>When a batch fails, its items are retried one by one, so one bad item fails alone. The queue
 * is bounded: {@link #submit} on a full queue fails at once with {@link QueueFullException}.
 * {@link #close()} stops taking items and writes what was queued.
 */
public final class BatchingWriter<T> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BatchingWriter.class);

    private final String name;
    private final int maxBatch;
    private final Consumer<List<T>> commit;
    private final BlockingQueue<Pending<T>> queue;
    private final Thread thread;
    private volatile boolean closed;

    private record Pending<T>(T item, CompletableFuture<Void> done) {}

    /**
     * @param name     used in the thread name and errors
     * @param capacity how many items may wait
     * @param maxBatch most items written in one commit
     * @param commit   writes a batch atomically; throws on failure
     */
    public BatchingWriter(String name, int capacity, int maxBatch, Consumer<List<T>> commit) {
        if (capacity < 1 || maxBatch < 1) throw new IllegalArgumentException("capacity and maxBatch must be positive");
        this.name = name;
        this.maxBatch = maxBatch;
        this.commit = commit;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "gomsggw-" + name + "-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues an item; the future completes when it is committed, or exceptionally when it could not be. */
    public CompletableFuture<Void> submit(T item) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException(name + " writer is closed"));
        } else if (!queue.offer(new Pending<>(item, done))) {
            done.completeExceptionally(new QueueFullException(name));
        }
        return done;
    }

    /** Items waiting to be written. */
    public int depth() {
        return queue.size();
    }

    private void run() {
        List<Pending<T>> batch = new ArrayList<>(maxBatch);
        while (!closed || !queue.isEmpty()) {
            try {
                Pending<T> first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending<T>> batch) {
        List<T> items = new ArrayList<>(batch.size());
        for (Pending<T> p : batch) {
            items.add(p.item());
        }
        try {
            commit.accept(items);
            batch.forEach(p -> p.done().complete(null));
        } catch (RuntimeException batchFailure) {
            if (batch.size() == 1) {
                batch.get(0).done().completeExceptionally(batchFailure);
                return;
            }
            log.warn(
                    "{} batch of {} failed, retrying one by one error={}", name, batch.size(), batchFailure.toString());
            for (Pending<T> p : batch) {
                try {
                    commit.accept(List.of(p.item()));
                    p.done().complete(null);
                } catch (RuntimeException e) {
                    p.done().completeExceptionally(e);
                }
            }
        }
    }

    /** Stops accepting items, writes those already queued, and waits for the writer to finish. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
