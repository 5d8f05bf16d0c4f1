package io.gomsggw.core.store;

import java.time.Instant;

/**
 * Durable usage counters, keyed by a counter name (e.g. {@code client:7:sms:daily}) and the start
 * of the period they count. Counters of different periods are independent, so a new period starts
 * at zero without any reset job; a restart never resets a counter.
 *
 * <p>Threading: thread-safe; every method blocks on I/O. Adding is atomic per key and period.
 */
public interface UsageStore {
    /** Adds {@code delta} (may be negative) and returns the new value. */
    long add(String counter, Instant periodStart, long delta);

    /** The current value, 0 when never counted. */
    long get(String counter, Instant periodStart);

    /** Removes counters whose period started before {@code cutoff}; returns how many. */
    int purgeBefore(Instant cutoff);
}
