package io.gomsggw.core.store;

import java.time.Instant;
import java.util.List;

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

    /**
     * Adds each delta, in one transaction where the implementation can (a flush of many counters
     * then costs one commit); either all are added or, when it throws, none. The default adds them
     * one by one, which an implementation without transactions may keep.
     */
    default void addAll(List<UsageDelta> deltas) {
        for (UsageDelta d : deltas) {
            add(d.counter(), d.periodStart(), d.delta());
        }
    }

    /** An amount to add to a counter of one period. */
    record UsageDelta(String counter, Instant periodStart, long delta) {}

    /**
     * Adds one to each counter of {@code increments}, in one transaction, only if none of them
     * would pass its limit; atomic against every other writer of the same database (other nodes
     * included). The default, for stores without transactions, is not atomic across counters.
     *
     * @return the new values in the order given, or empty when one would pass its limit (and
     *         nothing was added)
     */
    default java.util.Optional<long[]> incrementWithin(List<Bounded> increments) {
        long[] values = new long[increments.size()];
        for (int i = 0; i < values.length; i++) {
            Bounded b = increments.get(i);
            if (get(b.counter(), b.periodStart()) + 1 > b.limit()) {
                return java.util.Optional.empty();
            }
        }
        for (int i = 0; i < values.length; i++) {
            Bounded b = increments.get(i);
            values[i] = add(b.counter(), b.periodStart(), 1);
        }
        return java.util.Optional.of(values);
    }

    /** A counter of one period that may not pass {@code limit}. */
    record Bounded(String counter, Instant periodStart, long limit) {}

    /** The current value, 0 when never counted. */
    long get(String counter, Instant periodStart);

    /** Removes counters whose period started before {@code cutoff}; returns how many. */
    int purgeBefore(Instant cutoff);
}
