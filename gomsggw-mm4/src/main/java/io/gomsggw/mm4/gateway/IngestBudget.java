package io.gomsggw.mm4.gateway;

import io.gomsggw.core.dispatch.StatusListener;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.StatusChange;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the memory MM4 messages take on their way through the node: a received message holds its size
 * of the budget from before it is parsed until every message made of it has been handed over (sent,
 * delivered or failed: until then the pipeline keeps its media in memory). A message that does not fit
 * waits, in arrival order, at most {@code maxWait}; then the PBX is answered {@code 451} and sends it
 * again later. A message larger than the whole budget waits for it all.
 *
 * <p>Thread-safe; {@link #acquire} never blocks (it returns a stage), {@link #onStatus} neither.
 */
final class IngestBudget implements StatusListener {
    /** What one received message holds, given back once all its messages are handed over. */
    final class Hold {
        private final long bytes;
        private final AtomicInteger open = new AtomicInteger(1);

        private Hold(long bytes) {
            this.bytes = bytes;
        }

        /** Holds on until the message {@code messageId} is handed over too. */
        void track(String messageId) {
            open.incrementAndGet();
            if (tracked.putIfAbsent(messageId, this) != null) {
                done(); // the same id twice: a request sent again, tracked already
            }
        }

        /** The message {@code messageId} will not be handed over by this node (refused, stored before, failed). */
        void untrack(String messageId) {
            if (tracked.remove(messageId, this)) {
                done();
            }
        }

        /** The request itself is through (its messages may still be on their way). */
        void done() {
            if (open.decrementAndGet() == 0) {
                release(bytes);
            }
        }
    }

    private record Waiter(long bytes, CompletableFuture<Hold> granted) {}

    private final long capacity;
    private final Duration maxWait;
    private final Map<String, Hold> tracked = new ConcurrentHashMap<>();
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private long used;

    IngestBudget(long capacity, Duration maxWait) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.maxWait = maxWait;
    }

    /** A hold of {@code bytes} (at most the capacity), once there is room; fails with {@link BudgetFull} after the wait. */
    CompletableFuture<Hold> acquire(long bytes) {
        long wanted = Math.max(1, Math.min(bytes, capacity));
        CompletableFuture<Hold> granted = new CompletableFuture<>();
        synchronized (this) {
            if (waiting.isEmpty() && used + wanted <= capacity) {
                used += wanted;
                return CompletableFuture.completedFuture(new Hold(wanted));
            }
            waiting.addLast(new Waiter(wanted, granted));
        }
        CompletableFuture.delayedExecutor(maxWait.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> {
                    boolean removed;
                    synchronized (this) {
                        removed = waiting.removeIf(w -> w.granted() == granted);
                    }
                    if (removed) {
                        granted.completeExceptionally(new BudgetFull());
                    }
                });
        return granted;
    }

    private void release(long bytes) {
        java.util.List<Waiter> admitted = new java.util.ArrayList<>();
        synchronized (this) {
            used -= bytes;
            while (!waiting.isEmpty() && used + waiting.peekFirst().bytes() <= capacity) {
                Waiter next = waiting.pollFirst();
                used += next.bytes();
                admitted.add(next);
            }
        }
        for (Waiter next : admitted) {
            if (!next.granted().complete(new Hold(next.bytes()))) {
                release(next.bytes());
            }
        }
    }

    /** Bytes held now. */
    synchronized long used() {
        return used;
    }

    @Override
    public void onStatus(Message message, StatusChange change) {
        MessageStatus status = change.status();
        if (status == MessageStatus.SENT || status.isFinal()) {
            Hold hold = tracked.remove(message.id());
            if (hold != null) {
                hold.done();
            }
        }
    }

    /** No room within the wait: answer 451. */
    static final class BudgetFull extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetFull() {
            super("MM4 ingest memory budget full", null, false, false);
        }
    }
}
