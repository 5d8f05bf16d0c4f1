package io.gomsggw.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory that request bodies in flight may hold together, in bytes. A body reserves its bytes
 * before they are allocated (all of them at once when {@code Content-Length} announces them, as
 * they arrive otherwise) and gives them back when its handler has answered or the connection
 * closes. A reservation that does not fit is refused, and the server answers 503: many large
 * bodies at once are turned away rather than allowed to exhaust the heap.
 *
 * <p>Thread-safe and non-blocking: event loops reserve, worker threads release.
 */
final class BodyBudget {
    private final long limit;
    private final AtomicLong inUse = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();

    /** @param limit the bytes all bodies in flight may hold together; positive */
    BodyBudget(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("body memory budget must be positive, got " + limit);
        }
        this.limit = limit;
    }

    /** An empty reservation, to grow as a body of unknown length arrives. */
    Reservation open() {
        return new Reservation();
    }

    long limit() {
        return limit;
    }

    /** Bytes reserved now. */
    long inUse() {
        return inUse.get();
    }

    /** The most bytes ever reserved at once. */
    long peak() {
        return peak.get();
    }

    private boolean take(long bytes) {
        long now;
        do {
            now = inUse.get();
            if (bytes > limit - now) {
                return false;
            }
        } while (!inUse.compareAndSet(now, now + bytes));
        peak.accumulateAndGet(now + bytes, Math::max);
        return true;
    }

    /**
     * The bytes held by one body. Grown on the connection's event loop; released once, from any
     * thread (a second release does nothing).
     */
    final class Reservation {
        private final AtomicLong held = new AtomicLong();

        /** Reserves {@code bytes} more; false (and nothing reserved) when the budget cannot spare them. */
        boolean grow(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("negative reservation " + bytes);
            }
            if (!take(bytes)) {
                return false;
            }
            held.addAndGet(bytes);
            return true;
        }

        /** Gives back {@code bytes} of this reservation (a buffer replaced by a larger one). */
        void shrink(long bytes) {
            long given = Math.min(bytes, held.get());
            held.addAndGet(-given);
            inUse.addAndGet(-given);
        }

        /** Gives everything back. */
        void release() {
            inUse.addAndGet(-held.getAndSet(0));
        }
    }
}
