package io.gomsggw.core.limits;

import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.Direction;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.model.UsageLimits;
import io.gomsggw.core.store.UsageStore;
import io.gomsggw.core.store.UsageStore.UsageDelta;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the SMS and MMS burst, daily and monthly limits of clients and their numbers.
 *
 * <p><b>Rules.</b> A number's own limit (when above 0) is checked against that number's counter;
 * the client's limit (when above 0) is checked against the client's counter, which counts all its
 * numbers. Both apply, so a client limit stays a global cap. Outbound messages always count;
 * inbound messages count when {@code limit_both} is set (a number's own setting, else the
 * client's). Periods turn in the client's time zone.
 *
 * <p><b>Exactness.</b> Checking and counting happen under one lock per client, so under any
 * concurrency exactly {@code limit} messages pass, never more. On a database that several nodes
 * share ({@code shared}), a counter that has a limit is checked and raised in the database itself,
 * all the message's limited counters in one transaction ({@link UsageStore#incrementWithin}), so
 * the limit holds across nodes exactly: one round trip per message that has a limit. Counters
 * without a limit are counted in memory and flushed as below, on every node.
 *
 * <p><b>Durability.</b> Counters are loaded from the {@link UsageStore} on first use in a period and
 * their increments written back by {@link #flush()}, which the owner calls on a short schedule and
 * at shutdown; a restart therefore never resets a quota. Counters of periods that have ended are
 * dropped from memory once flushed.
 *
 * <p><b>Threading.</b> Thread-safe. {@link #admit} and {@link #report} may read the store the first
 * time a counter is touched, so call them from blocking workers, not from an event loop.
 */
public final class UsageLimiter {
    private static final Logger log = LoggerFactory.getLogger(UsageLimiter.class);
    private static final LimitPeriod[] PERIODS = LimitPeriod.values();

    private final UsageStore store;
    private final Clock clock;
    private final ConcurrentHashMap<CounterKey, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Object> clientLocks = new ConcurrentHashMap<>();

    private final boolean shared;

    /** A limiter alone on its database (one node). */
    public UsageLimiter(UsageStore store, Clock clock) {
        this(store, clock, false);
    }

    /** @param shared other nodes count on the same database: limits are checked there (see above) */
    public UsageLimiter(UsageStore store, Clock clock, boolean shared) {
        this.store = store;
        this.clock = clock;
        this.shared = shared;
    }

    /**
     * Checks every applicable limit for one message and, when all have room, counts it.
     *
     * @param number the client's number the message is sent from (outbound) or to (inbound); may be null
     */
    public Admission admit(Client client, ClientNumber number, MessageType type, Direction direction) {
        Instant now = clock.instant();
        ZoneId zone = client.timezone();
        boolean countClient =
                direction == Direction.OUTBOUND || client.settings().limitBoth();
        boolean countNumber = number != null
                && (direction == Direction.OUTBOUND || EffectiveLimits.numberCountsInbound(client, number));
        if (!countClient && !countNumber) {
            return new Admission.Granted(() -> {});
        }
        if (shared) {
            return admitShared(client, number, type, now, zone, countClient, countNumber);
        }
        List<Counter> touched = new ArrayList<>(6);
        synchronized (lockOf(client.id())) {
            for (LimitPeriod period : PERIODS) {
                Instant start = period.start(now, zone);
                if (countNumber) {
                    Counter counter =
                            counter(new CounterKey(CounterKey.numberSubject(number.number()), type, period, start));
                    long limit = EffectiveLimits.of(number.settings().limits(), type, period);
                    if (limit > 0 && counter.value.get() >= limit) {
                        return new Admission.Refused(new LimitExceeded(
                                type, period, LimitScope.NUMBER, number.number(), counter.value.get(), limit));
                    }
                    touched.add(counter);
                }
                if (countClient) {
                    Counter counter =
                            counter(new CounterKey(CounterKey.clientSubject(client.id()), type, period, start));
                    long limit = EffectiveLimits.of(client.settings().limits(), type, period);
                    if (limit > 0 && counter.value.get() >= limit) {
                        return new Admission.Refused(new LimitExceeded(
                                type,
                                period,
                                LimitScope.CLIENT,
                                number == null ? null : number.number(),
                                counter.value.get(),
                                limit));
                    }
                    touched.add(counter);
                }
            }
            for (Counter counter : touched) {
                counter.add(1);
            }
        }
        return new Admission.Granted(() -> {
            synchronized (lockOf(client.id())) {
                for (Counter counter : touched) {
                    counter.add(-1);
                }
            }
        });
    }

    /**
     * {@link #admit} on a shared database: the limited counters raised together in the database
     * (none when one would pass its limit), the others counted here.
     */
    private Admission admitShared(
            Client client,
            ClientNumber number,
            MessageType type,
            Instant now,
            ZoneId zone,
            boolean countClient,
            boolean countNumber) {
        List<CounterKey> limitedKeys = new ArrayList<>(6);
        List<UsageStore.Bounded> bounded = new ArrayList<>(6);
        List<LimitExceeded> ifRefused = new ArrayList<>(6);
        List<Counter> unlimited = new ArrayList<>(6);
        for (LimitPeriod period : PERIODS) {
            Instant start = period.start(now, zone);
            if (countNumber) {
                CounterKey key = new CounterKey(CounterKey.numberSubject(number.number()), type, period, start);
                long limit = EffectiveLimits.of(number.settings().limits(), type, period);
                if (limit > 0) {
                    limitedKeys.add(key);
                    bounded.add(new UsageStore.Bounded(key.storeName(), start, limit));
                    ifRefused.add(new LimitExceeded(type, period, LimitScope.NUMBER, number.number(), limit, limit));
                } else {
                    unlimited.add(counter(key));
                }
            }
            if (countClient) {
                CounterKey key = new CounterKey(CounterKey.clientSubject(client.id()), type, period, start);
                long limit = EffectiveLimits.of(client.settings().limits(), type, period);
                if (limit > 0) {
                    limitedKeys.add(key);
                    bounded.add(new UsageStore.Bounded(key.storeName(), start, limit));
                    ifRefused.add(new LimitExceeded(
                            type, period, LimitScope.CLIENT, number == null ? null : number.number(), limit, limit));
                } else {
                    unlimited.add(counter(key));
                }
            }
        }
        if (!bounded.isEmpty()) {
            Optional<long[]> values = store.incrementWithin(bounded);
            if (values.isEmpty()) {
                for (int i = 0; i < bounded.size(); i++) {
                    UsageStore.Bounded b = bounded.get(i);
                    long current = store.get(b.counter(), b.periodStart());
                    if (current + 1 > b.limit()) {
                        LimitExceeded refusal = ifRefused.get(i);
                        return new Admission.Refused(new LimitExceeded(
                                refusal.type(),
                                refusal.period(),
                                refusal.scope(),
                                refusal.number(),
                                current,
                                b.limit()));
                    }
                }
                return new Admission.Refused(ifRefused.get(0)); // a concurrent release: the limit was reached
            }
            for (int i = 0; i < bounded.size(); i++) {
                counter(limitedKeys.get(i)).value.set(values.get()[i]);
            }
        }
        unlimited.forEach(counter -> counter.add(1));
        return new Admission.Granted(() -> {
            for (UsageStore.Bounded b : bounded) {
                store.add(b.counter(), b.periodStart(), -1);
            }
            unlimited.forEach(counter -> counter.add(-1));
        });
    }

    /** Current usage of a client and its numbers, with the period reset times. */
    public UsageReport report(Client client, List<ClientNumber> numbers) {
        Instant now = clock.instant();
        ZoneId zone = client.timezone();
        UsageReport.SubjectUsage clientUsage = subjectUsage(
                CounterKey.clientSubject(client.id()), client.settings().limits(), now, zone);
        List<UsageReport.NumberUsage> numberUsages = new ArrayList<>(numbers.size());
        for (ClientNumber number : numbers) {
            numberUsages.add(new UsageReport.NumberUsage(
                    number.number(),
                    number.tag(),
                    number.group(),
                    EffectiveLimits.numberCountsInbound(client, number),
                    subjectUsage(
                            CounterKey.numberSubject(number.number()),
                            number.settings().limits(),
                            now,
                            zone)));
        }
        Map<LimitPeriod, Instant> resets = new EnumMap<>(LimitPeriod.class);
        for (LimitPeriod period : PERIODS) {
            resets.put(period, period.end(now, zone));
        }
        return new UsageReport(clientUsage, numberUsages, zone, resets, now);
    }

    /**
     * Writes counted increments to the store, all in one {@link UsageStore#addAll}. Safe to call
     * concurrently with {@link #admit}; when the write fails, every increment is kept for the next
     * flush. Returns how many counters were written.
     */
    public int flush() {
        Instant now = clock.instant();
        List<Map.Entry<Counter, UsageDelta>> taken = new ArrayList<>();
        for (Map.Entry<CounterKey, Counter> entry : counters.entrySet()) {
            long delta = entry.getValue().unflushed.getAndSet(0);
            if (delta != 0) {
                CounterKey key = entry.getKey();
                taken.add(Map.entry(entry.getValue(), new UsageDelta(key.storeName(), key.periodStart(), delta)));
            }
        }
        try {
            store.addAll(taken.stream().map(Map.Entry::getValue).toList());
        } catch (RuntimeException e) {
            taken.forEach(t -> t.getKey().unflushed.addAndGet(t.getValue().delta()));
            log.warn("usage flush failed counters={} error={}", taken.size(), e.toString());
            return 0;
        }
        counters.entrySet().removeIf(entry -> entry.getValue().unflushed.get() == 0 && periodOver(entry.getKey(), now));
        return taken.size();
    }

    private static boolean periodOver(CounterKey key, Instant now) {
        // The zone is not in the key: allow the longest period plus the widest offset change.
        return switch (key.period()) {
            case BURST -> key.periodStart().plusSeconds(60 + 14 * 3600).isBefore(now);
            case DAILY -> key.periodStart().plusSeconds(86_400 + 26 * 3600).isBefore(now);
            case MONTHLY ->
                key.periodStart().plusSeconds(31 * 86_400L + 26 * 3600).isBefore(now);
        };
    }

    private UsageReport.SubjectUsage subjectUsage(String subject, UsageLimits limits, Instant now, ZoneId zone) {
        return new UsageReport.SubjectUsage(
                typeUsage(subject, MessageType.SMS, limits, now, zone),
                typeUsage(subject, MessageType.MMS, limits, now, zone));
    }

    // the ordinal indexes an array of this process only, sized by PERIODS
    @SuppressWarnings("EnumOrdinal")
    private TypeUsage typeUsage(String subject, MessageType type, UsageLimits limits, Instant now, ZoneId zone) {
        PeriodUsage[] usage = new PeriodUsage[PERIODS.length];
        for (LimitPeriod period : PERIODS) {
            CounterKey key = new CounterKey(subject, type, period, period.start(now, zone));
            Counter counter = counter(key);
            // Shared: what every node counted, as the database has it, and what this node has not written yet.
            long used = shared
                    ? store.get(key.storeName(), key.periodStart()) + counter.unflushed.get()
                    : counter.value.get();
            usage[period.ordinal()] = new PeriodUsage(used, EffectiveLimits.of(limits, type, period));
        }
        return new TypeUsage(usage[0], usage[1], usage[2]);
    }

    private Object lockOf(long clientId) {
        return clientLocks.computeIfAbsent(clientId, id -> new Object());
    }

    private Counter counter(CounterKey key) {
        Counter existing = counters.get(key);
        if (existing != null) {
            return existing;
        }
        return counters.computeIfAbsent(key, k -> new Counter(store.get(k.storeName(), k.periodStart())));
    }

    /** A counter's value (stored plus counted here) and the part not yet written to the store. */
    private static final class Counter {
        final AtomicLong value;
        final AtomicLong unflushed = new AtomicLong();

        Counter(long stored) {
            value = new AtomicLong(stored);
        }

        void add(long delta) {
            value.addAndGet(delta);
            unflushed.addAndGet(delta);
        }
    }
}
