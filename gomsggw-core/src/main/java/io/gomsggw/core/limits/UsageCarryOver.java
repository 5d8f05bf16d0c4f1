package io.gomsggw.core.limits;

import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.Direction;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.store.UsageStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Brings usage counted somewhere else (another gateway's message records) into the durable
 * counters the {@link UsageLimiter} reads, so that limits continue where they were instead of
 * starting again at zero.
 *
 * <p>A counter is raised to at least the count carried over, never lowered: carrying the same
 * count twice changes nothing the second time, and messages this gateway has already counted in
 * the period are not lost. Counters are named as the limiter names them (a client's, or a
 * number's, per message type and period).
 *
 * <p>Threading: thread-safe as the store is; every method blocks on it. Raise counters while no
 * gateway runs on the store, or the running gateway's later flush adds its own increments on top
 * (which is still never below the carried count).
 */
public final class UsageCarryOver {
    private final UsageStore store;

    public UsageCarryOver(UsageStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The counters of a client, which count all its numbers. */
    public Subject client(long clientId) {
        return new Subject(CounterKey.clientSubject(clientId));
    }

    /** The counters of one number, in E.164. */
    public Subject number(String e164) {
        return new Subject(CounterKey.numberSubject(Objects.requireNonNull(e164, "e164")));
    }

    /**
     * The counters a message counts in, by the rules of the {@link UsageLimiter}: the client's
     * when it is outbound or the client has {@code limit_both}; the number's (when given) when it
     * is outbound or the number counts inbound messages (its own {@code limit_both}, else the
     * client's).
     *
     * @param number the client's number the message was sent from (outbound) or to (inbound); may be null
     */
    public List<Subject> countedIn(Client client, ClientNumber number, Direction direction) {
        List<Subject> subjects = new ArrayList<>(2);
        if (direction == Direction.OUTBOUND || client.settings().limitBoth()) {
            subjects.add(client(client.id()));
        }
        if (number != null
                && (direction == Direction.OUTBOUND || EffectiveLimits.numberCountsInbound(client, number))) {
            subjects.add(number(number.number()));
        }
        return subjects;
    }

    /** The counters of one client or number; equal when they name the same counters. */
    public final class Subject {
        private final String name;

        private Subject(String name) {
            this.name = name;
        }

        /**
         * How much the counter of {@code type} for the period starting at {@code periodStart} lacks
         * to reach {@code count}: what {@link #raise} would add, 0 when it has as much already.
         */
        public long shortfall(MessageType type, LimitPeriod period, Instant periodStart, long count) {
            long current = store.get(key(type, period, periodStart).storeName(), periodStart);
            return Math.max(0, count - current);
        }

        /** Raises that counter to at least {@code count}; returns how much was added. */
        public long raise(MessageType type, LimitPeriod period, Instant periodStart, long count) {
            long missing = shortfall(type, period, periodStart, count);
            if (missing > 0) {
                store.add(key(type, period, periodStart).storeName(), periodStart, missing);
            }
            return missing;
        }

        private CounterKey key(MessageType type, LimitPeriod period, Instant periodStart) {
            return new CounterKey(
                    name,
                    Objects.requireNonNull(type, "type"),
                    Objects.requireNonNull(period, "period"),
                    Objects.requireNonNull(periodStart, "periodStart"));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Subject subject && subject.name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
