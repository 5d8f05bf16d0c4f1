package io.gomsggw.core.pipeline;

import io.gomsggw.core.dispatch.QueueFullException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An in-flight bound of the pipeline: a permit per message between its acceptance and the end of
 * its dispatch. When none is free, a submission waits its turn (first come, first served) for at
 * most the time it is given, so a burst above the rate at which messages leave slows the senders down
 * (an SMPP client's window fills, an HTTP request takes longer) instead of refusing them; a
 * refused sender that retries at once only takes CPU from the messages on their way out. Beyond
 * {@code maxWaiting} waiting submissions, or after the wait, it fails with
 * {@link QueueFullException}.
 *
 * <p>Thread-safe. A waiting submission is resumed on the thread that released the permit.
 */
final class AdmissionGate {
    private final int capacity;
    private final int maxWaiting;
    /** Guarded by this. */
    private int available;
    /** Guarded by this; may hold submissions that have stopped waiting (timed out). */
    private final ArrayDeque<CompletableFuture<Void>> waiting = new ArrayDeque<>();

    AdmissionGate(int capacity, int maxWaiting) {
        this.capacity = capacity;
        this.available = capacity;
        this.maxWaiting = maxWaiting;
    }

    /**
     * A permit for one message: at once when one is free and nobody waits, else after a wait of at
     * most {@code maxWait}; fails with {@link QueueFullException} when none came in time.
     */
    CompletableFuture<Void> acquire(Duration maxWait) {
        boolean mayWait = !maxWait.isZero() && !maxWait.isNegative();
        CompletableFuture<Void> turn = grantOrQueue(mayWait ? maxWaiting : 0);
        if (turn == null) {
            return CompletableFuture.failedFuture(new QueueFullException("dispatch"));
        }
        if (turn.isDone()) {
            return turn;
        }
        turn.orTimeout(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        return turn.exceptionallyCompose(e ->
                CompletableFuture.failedFuture(e instanceof TimeoutException ? new QueueFullException("dispatch") : e));
    }

    /** {@code count} permits at once if they are free and nobody waits; never waits. */
    synchronized boolean tryAcquire(int count) {
        dropWhoStoppedWaiting();
        if (waiting.isEmpty() && available >= count) {
            available -= count;
            return true;
        }
        return false;
    }

    /** Blocks until a permit is free (for the resume at start, which must not skip a message). */
    void acquireUninterruptibly() {
        grantOrQueue(Integer.MAX_VALUE).join();
    }

    /**
     * A completed turn when a permit is free and nobody waits; else a turn in the queue if fewer
     * than {@code waitLimit} wait; else null.
     */
    private synchronized CompletableFuture<Void> grantOrQueue(int waitLimit) {
        dropWhoStoppedWaiting();
        if (waiting.isEmpty() && available > 0) {
            available--;
            return CompletableFuture.completedFuture(null);
        }
        if (waiting.size() >= waitLimit) {
            return null;
        }
        CompletableFuture<Void> turn = new CompletableFuture<>();
        waiting.add(turn);
        return turn;
    }

    /** Gives back {@code count} permits, each to the longest waiting submission if any. */
    void release(int count) {
        for (int i = 0; i < count; i++) {
            release();
        }
    }

    void release() {
        while (true) {
            CompletableFuture<Void> next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    available++;
                    return;
                }
            }
            if (next.complete(null)) {
                return;
            }
        }
    }

    /** Permits taken (messages in flight). */
    synchronized int inUse() {
        return capacity - available;
    }

    private void dropWhoStoppedWaiting() {
        while (!waiting.isEmpty() && waiting.peekFirst().isDone()) {
            waiting.pollFirst();
        }
    }
}
