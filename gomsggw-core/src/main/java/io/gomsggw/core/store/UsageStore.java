package io.gomsggw.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
     * Takes a grant of units of each counter of {@code requests} for the node {@code serverId}, in
     * one transaction, only if every counter has room for at least one more unit; atomic against
     * every other writer of the same database (other nodes included). Under the counter's row lock,
     * with {@code room = limit - value}, a counter is raised by
     * {@code units = max(1, min(cap, room / spread))} (never past its limit). The first unit is
     * used at once; the other {@code units - 1} are recorded as granted to {@code serverId} and
     * not yet used (see {@link #settle}), so a grant of one unit is a plain bounded increment.
     *
     * @return per request, in the order given, the units taken and the counter's new value; empty
     *     when one counter had no room (and nothing changed)
     */
    Optional<List<Granted>> grantWithin(String serverId, List<GrantRequest> requests);

    /**
     * A counter of one period that may not pass {@code limit}, and how many units to take of it
     * at most: {@code cap}, or the room divided by {@code spread} when that is less.
     */
    record GrantRequest(String counter, Instant periodStart, long limit, long spread, long cap) {}

    /** What {@link #grantWithin} took of one counter: {@code units} (at least 1) and its new value. */
    record Granted(long units, long value) {}

    /**
     * Reports what the node {@code serverId} did with its grants, in one transaction: for each
     * settlement, {@code used} units were used (negative: given back by a released message) and
     * {@code returned} unused ones are given back (the counter lowered by them). A grant left
     * with no units is deleted.
     *
     * @return the indexes of the settlements whose grant no longer existed although the node held
     *     units of it: another node took this node over meanwhile and gave them back; the used
     *     units were counted again and nothing was given back twice
     */
    java.util.Set<Integer> settle(String serverId, List<Settlement> settlements);

    /** What one node did with a grant of one counter and period since its last report. */
    record Settlement(String counter, Instant periodStart, long used, long returned) {}

    /**
     * Asks every node other than {@code serverId} that holds units of the counter to give them
     * back (they see it through {@link #recalled}).
     *
     * @return how many nodes hold units of it; 0 means the counter's value is all used units
     */
    int recall(String serverId, String counter, Instant periodStart);

    /** The counters whose grants to {@code serverId} other nodes asked back. */
    List<CounterPeriod> recalled(String serverId);

    /** A counter of one period. */
    record CounterPeriod(String counter, Instant periodStart) {}

    /**
     * The units actually used: the value less the units granted to nodes and not reported used
     * (which nodes report every second or so).
     */
    long used(String counter, Instant periodStart);

    /** The current value, 0 when never counted. */
    long get(String counter, Instant periodStart);

    /** Removes counters whose period started before {@code cutoff}; returns how many. */
    int purgeBefore(Instant cutoff);
}
