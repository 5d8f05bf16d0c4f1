package io.gomsggw.core.limits;

import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.Direction;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.model.UsageLimits;
import io.gomsggw.core.store.UsageStore;
import io.gomsggw.core.store.UsageStore.UsageDelta;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
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
 * share ({@code sharing}), the limits hold across nodes exactly through grants (next paragraph).
 * Counters without a limit are counted in memory and flushed as below, on every node.
 *
 * <p><b>Grants (several nodes).</b> A limited counter's database value is what the nodes have
 * <em>taken</em> of it, never more than its limit. A node takes units in one transaction
 * ({@link UsageStore#grantWithin}, all the message's limited counters together): under the row
 * lock, with {@code room = limit - value}, it takes {@code max(1, min(cap, room / (spread × live
 * nodes)))} units ({@link #GRANT_CAP}, {@link #GRANT_SPREAD}), uses one and hands the rest out
 * locally, under the client's lock, without the database. Far from a limit a node therefore goes
 * to the database once per up to {@code cap} messages of a counter; near it (room below twice
 * {@code spread × live nodes}) the grant is one unit, which is exactly the bounded increment of
 * one round trip per message. Units not used yet are recorded per node
 * ({@code usage_grants}) and given back (the value lowered): by {@link #flush} when the node has
 * not used the counter for {@link #RETURN_IDLE} (which also covers the end of a period, whose
 * counters stop being used), when another node asks for them, when the limit changes, at
 * {@link #close}, and, for a node whose lease ended, by the node that takes its work over
 * ({@link io.gomsggw.core.store.NodeStore#takeOver}). A node that finds no room asks the nodes
 * that hold units of the counter to give them back ({@link UsageStore#recall}, plus a wake-up
 * through {@link Sharing#askHolders}; they do at their next flush) and tries again, for at most
 * {@link #RECALL_WAIT}; its refusal is final at once when no other node holds units of it. So
 * exactly {@code limit} messages pass across the nodes, never more, and units held by an idle,
 * stopped or dead node are not lost.
 *
 * <p>The live node count comes from the cluster membership (the server passes the count of live
 * rows of {@code cluster_nodes} as {@link Sharing#liveNodes}; a constant would have to assume the
 * largest cluster and make grants needlessly small on a small one), read at start and again at
 * each flush: a count that is briefly stale only makes grants a little larger or smaller, and
 * exactness never depends on it. Used units are reported to the database at
 * each flush; a node killed between two flushes has its unreported units given back by the node
 * that takes it over, so the units it used in its last second count as unused: the only way past a
 * limit, by at most that node's outstanding grant (docs/usage-limits.md, "Several nodes").
 *
 * <p><b>Usage figures.</b> {@link #report} shows units used, not units taken: the database value
 * less every node's unreported grant units ({@link UsageStore#used}), plus what this node used
 * and has not reported yet; other nodes' last second of use shows after their next flush.
 *
 * <p><b>Durability.</b> Counters are loaded from the {@link UsageStore} on first use in a period and
 * their increments written back by {@link #flush()}, which the owner calls on a short schedule and
 * at shutdown; a restart therefore never resets a quota. Counters of periods that have ended are
 * dropped from memory once flushed.
 *
 * <p><b>Threading.</b> Thread-safe. {@link #admit} and {@link #report} may read the store the first
 * time a counter is touched (and, shared, {@link #admit} may wait up to {@link #RECALL_WAIT} for
 * other nodes' units), so call them from blocking workers, not from an event loop.
 */
public final class UsageLimiter {
    private static final Logger log = LoggerFactory.getLogger(UsageLimiter.class);
    private static final LimitPeriod[] PERIODS = LimitPeriod.values();

    private final UsageStore store;
    private final Clock clock;
    private final ConcurrentHashMap<CounterKey, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Object> clientLocks = new ConcurrentHashMap<>();

    /** Most units a node takes of a counter at once. */
    public static final long GRANT_CAP = 64;
    /** A grant is at most the room divided by this many times the live nodes. */
    public static final long GRANT_SPREAD = 2;
    /** Unused units of a counter this node has not used for this long go back at the next flush. */
    public static final Duration RETURN_IDLE = Duration.ofSeconds(3);
    /** How long a node that finds no room waits for other nodes to give their unused units back. */
    public static final Duration RECALL_WAIT = Duration.ofSeconds(2);

    private static final long ASK_HOLDERS_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** Null: alone on its database. */
    private final Sharing sharing;

    private final ConcurrentHashMap<CounterKey, Grant> grants = new ConcurrentHashMap<>();
    private final AtomicLong admitTransactions = new AtomicLong();
    private final AtomicLong lastAsk = new AtomicLong(System.nanoTime() - ASK_HOLDERS_EVERY_NANOS);
    private volatile int liveNodes = 1;

    /**
     * How a limiter shares its database with other nodes.
     *
     * @param serverId   this node's {@code SERVER_ID}, under which its grants are recorded
     * @param liveNodes  how many nodes are alive (this one included); may read the database
     * @param askHolders wakes the other nodes to look for grants asked back (may do nothing: they
     *                   also look at each flush); may block briefly
     */
    public record Sharing(String serverId, IntSupplier liveNodes, Runnable askHolders) {}

    /** A limiter alone on its database (one node). */
    public UsageLimiter(UsageStore store, Clock clock) {
        this(store, clock, null);
    }

    /**
     * @param sharing how other nodes count on the same database (limits are then kept with grants,
     *                see above); null when this node is alone on it
     */
    public UsageLimiter(UsageStore store, Clock clock, Sharing sharing) {
        this.store = store;
        this.clock = clock;
        this.sharing = sharing;
        if (sharing != null) {
            refreshLiveNodes();
        }
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
        if (sharing != null) {
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
     * {@link #admit} on a shared database: the limited counters from this node's grants, or from new
     * grants (see above) when one has no unit left here; the others counted here.
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
        List<Long> limits = new ArrayList<>(6);
        List<LimitExceeded> ifRefused = new ArrayList<>(6);
        List<Counter> unlimited = new ArrayList<>(6);
        for (LimitPeriod period : PERIODS) {
            Instant start = period.start(now, zone);
            if (countNumber) {
                CounterKey key = new CounterKey(CounterKey.numberSubject(number.number()), type, period, start);
                long limit = EffectiveLimits.of(number.settings().limits(), type, period);
                if (limit > 0) {
                    limitedKeys.add(key);
                    limits.add(limit);
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
                    limits.add(limit);
                    ifRefused.add(new LimitExceeded(
                            type, period, LimitScope.CLIENT, number == null ? null : number.number(), limit, limit));
                } else {
                    unlimited.add(counter(key));
                }
            }
        }
        long clientId = client.id();
        if (!limitedKeys.isEmpty()) {
            Object lock = lockOf(clientId);
            List<Integer> local = new ArrayList<>(limitedKeys.size());
            List<Integer> lacking = new ArrayList<>(limitedKeys.size());
            synchronized (lock) {
                for (int i = 0; i < limitedKeys.size(); i++) {
                    Grant grant = grant(limitedKeys.get(i), clientId);
                    if (grant.held > 0 && grant.limit == limits.get(i)) {
                        grant.held--;
                        grant.pendingUsed++;
                        grant.lastUse = now;
                        local.add(i);
                    } else {
                        grant.stale |= grant.held > 0; // taken under another limit: goes back at the next flush
                        lacking.add(i);
                    }
                }
            }
            if (!lacking.isEmpty()) {
                List<UsageStore.GrantRequest> requests = new ArrayList<>(lacking.size());
                long spread = GRANT_SPREAD * Math.max(1, liveNodes);
                for (int i : lacking) {
                    CounterKey key = limitedKeys.get(i);
                    requests.add(new UsageStore.GrantRequest(
                            key.storeName(), key.periodStart(), limits.get(i), spread, GRANT_CAP));
                }
                Optional<List<UsageStore.Granted>> granted = takeGrants(requests, lacking, limitedKeys, clientId);
                if (granted.isEmpty()) {
                    synchronized (lock) {
                        for (int i : local) {
                            Grant grant = grant(limitedKeys.get(i), clientId);
                            grant.held++;
                            grant.pendingUsed--;
                        }
                    }
                    return refusal(requests, lacking, ifRefused);
                }
                synchronized (lock) {
                    for (int j = 0; j < lacking.size(); j++) {
                        int i = lacking.get(j);
                        Grant grant = grant(limitedKeys.get(i), clientId);
                        grant.held += granted.get().get(j).units() - 1;
                        grant.limit = limits.get(i);
                        grant.lastUse = now;
                    }
                }
            }
        }
        unlimited.forEach(counter -> counter.add(1));
        return new Admission.Granted(() -> {
            if (!limitedKeys.isEmpty()) {
                synchronized (lockOf(clientId)) {
                    // the unit stays taken, as unused: it is used again or goes back with the rest
                    for (CounterKey key : limitedKeys) {
                        Grant grant = grant(key, clientId);
                        grant.held++;
                        grant.pendingUsed--;
                    }
                }
            }
            unlimited.forEach(counter -> counter.add(-1));
        });
    }

    /** This node's grant of {@code key}; call under the client's lock. */
    private Grant grant(CounterKey key, long clientId) {
        return grants.computeIfAbsent(key, k -> new Grant(clientId));
    }

    /**
     * Takes grants of {@code requests}; when one has no room and other nodes hold units of it, asks
     * them back and tries again, for at most {@link #RECALL_WAIT}. Empty when refused.
     */
    private Optional<List<UsageStore.Granted>> takeGrants(
            List<UsageStore.GrantRequest> requests, List<Integer> lacking, List<CounterKey> keys, long clientId) {
        String serverId = sharing.serverId();
        long deadline = System.nanoTime() + RECALL_WAIT.toNanos();
        long pauseMillis = 10;
        while (true) {
            admitTransactions.incrementAndGet();
            Optional<List<UsageStore.Granted>> granted = store.grantWithin(serverId, requests);
            if (granted.isPresent()) {
                return granted;
            }
            int holders = 0;
            for (int j = 0; j < requests.size(); j++) {
                UsageStore.GrantRequest r = requests.get(j);
                if (store.get(r.counter(), r.periodStart()) + 1 > r.limit()) {
                    holders += store.recall(serverId, r.counter(), r.periodStart());
                    synchronized (lockOf(clientId)) {
                        // units of this node taken under another limit: the next flush gives them back
                        if (grant(keys.get(lacking.get(j)), clientId).stale) holders++;
                    }
                }
            }
            if (holders == 0 || System.nanoTime() - deadline > 0) {
                return Optional.empty();
            }
            askHolders();
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            pauseMillis = Math.min(200, pauseMillis * 2);
        }
    }

    private void askHolders() {
        long now = System.nanoTime();
        long last = lastAsk.get();
        if (now - last >= ASK_HOLDERS_EVERY_NANOS && lastAsk.compareAndSet(last, now)) {
            sharing.askHolders().run();
        }
    }

    /** The refusal naming the first counter of {@code requests} found at its limit. */
    private Admission refusal(
            List<UsageStore.GrantRequest> requests, List<Integer> lacking, List<LimitExceeded> ifRefused) {
        for (int j = 0; j < requests.size(); j++) {
            UsageStore.GrantRequest r = requests.get(j);
            long current = store.get(r.counter(), r.periodStart());
            if (current + 1 > r.limit()) {
                LimitExceeded refusal = ifRefused.get(lacking.get(j));
                return new Admission.Refused(new LimitExceeded(
                        refusal.type(), refusal.period(), refusal.scope(), refusal.number(), current, r.limit()));
            }
        }
        return new Admission.Refused(ifRefused.get(lacking.get(0))); // units given back meanwhile
    }

    /**
     * Database transactions {@link #admit} made on a shared database (grants taken, tries again
     * after asking units back) since start: with grants, far fewer than the messages admitted.
     */
    public long admitTransactions() {
        return admitTransactions.get();
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
     * Writes counted increments to the store, all in one {@link UsageStore#addAll}, and on a shared
     * database reports this node's use of its grants and gives back the unused units it should
     * (see above), in one {@link UsageStore#settle}. Safe to call concurrently with {@link #admit};
     * when a write fails, everything is kept for the next flush. Returns how many counters were
     * written.
     */
    public int flush() {
        return flush(false);
    }

    /**
     * The last {@link #flush}: also gives back every unused unit of this node's grants. Admissions
     * after it take grants again (which a node that takes this one over gives back).
     */
    public void close() {
        flush(true);
    }

    private int flush(boolean closing) {
        Instant now = clock.instant();
        List<Map.Entry<Counter, UsageDelta>> taken = new ArrayList<>();
        for (Map.Entry<CounterKey, Counter> entry : counters.entrySet()) {
            long delta = entry.getValue().unflushed.getAndSet(0);
            if (delta != 0) {
                CounterKey key = entry.getKey();
                taken.add(Map.entry(entry.getValue(), new UsageDelta(key.storeName(), key.periodStart(), delta)));
            }
        }
        int settled = sharing == null ? 0 : settleGrants(now, closing);
        try {
            store.addAll(taken.stream().map(Map.Entry::getValue).toList());
        } catch (RuntimeException e) {
            taken.forEach(t -> t.getKey().unflushed.addAndGet(t.getValue().delta()));
            log.warn("usage flush failed counters={} error={}", taken.size(), e.toString());
            return settled;
        }
        counters.entrySet().removeIf(entry -> entry.getValue().unflushed.get() == 0 && periodOver(entry.getKey(), now));
        return taken.size() + settled;
    }

    /** Reports this node's use of its grants and gives back what it should; how many grants it wrote. */
    private int settleGrants(Instant now, boolean closing) {
        refreshLiveNodes();
        if (grants.isEmpty()) {
            return 0;
        }
        String serverId = sharing.serverId();
        Set<UsageStore.CounterPeriod> recalled;
        try {
            recalled = Set.copyOf(store.recalled(serverId));
        } catch (RuntimeException e) {
            log.warn("reading recalled usage grants failed error={}", e.toString());
            recalled = Set.of();
        }
        List<UsageStore.Settlement> settlements = new ArrayList<>();
        List<Grant> whose = new ArrayList<>();
        for (Map.Entry<CounterKey, Grant> entry : grants.entrySet()) {
            CounterKey key = entry.getKey();
            Grant grant = entry.getValue();
            synchronized (lockOf(grant.clientId)) {
                boolean idle = grant.lastUse == null
                        || !grant.lastUse.plus(RETURN_IDLE).isAfter(now);
                boolean giveBack = closing
                        || idle
                        || grant.stale
                        || recalled.contains(new UsageStore.CounterPeriod(key.storeName(), key.periodStart()));
                long used = grant.pendingUsed;
                long returned = giveBack ? grant.held : 0;
                if (used == 0 && returned == 0) {
                    if (grant.held == 0 && idle) {
                        grants.remove(key, grant);
                    }
                    continue;
                }
                grant.pendingUsed = 0;
                grant.held -= returned;
                grant.stale = false;
                settlements.add(new UsageStore.Settlement(key.storeName(), key.periodStart(), used, returned));
                whose.add(grant);
            }
        }
        if (settlements.isEmpty()) {
            return 0;
        }
        Set<Integer> lost;
        try {
            lost = store.settle(serverId, settlements);
        } catch (RuntimeException e) {
            for (int i = 0; i < settlements.size(); i++) {
                Grant grant = whose.get(i);
                synchronized (lockOf(grant.clientId)) {
                    grant.pendingUsed += settlements.get(i).used();
                    grant.held += settlements.get(i).returned();
                }
            }
            log.warn("usage grant settlement failed grants={} error={}", settlements.size(), e.toString());
            return 0;
        }
        for (int i : lost) {
            Grant grant = whose.get(i);
            synchronized (lockOf(grant.clientId)) {
                grant.held = 0; // another node took this one over and gave them back
            }
        }
        if (!lost.isEmpty()) {
            log.atWarn()
                    .addKeyValue("grants", lost.size())
                    .log("usage grants of this node were given back by a node that took it over; "
                            + "its lease had ended (docs/scale-out.md)");
        }
        return settlements.size();
    }

    private void refreshLiveNodes() {
        try {
            liveNodes = Math.max(1, sharing.liveNodes().getAsInt());
        } catch (RuntimeException e) {
            log.warn("counting live nodes failed; keeping {} error={}", liveNodes, e.toString());
        }
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
            // Shared: what every node used, as the database has it, and what this node has not written yet.
            long used = sharing != null
                    ? store.used(key.storeName(), key.periodStart()) + counter.unflushed.get() + unreported(key)
                    : counter.value.get();
            usage[period.ordinal()] = new PeriodUsage(used, EffectiveLimits.of(limits, type, period));
        }
        return new TypeUsage(usage[0], usage[1], usage[2]);
    }

    /** Units of this node's grant of {@code key} used and not reported yet. */
    private long unreported(CounterKey key) {
        Grant grant = grants.get(key);
        if (grant == null) {
            return 0;
        }
        synchronized (lockOf(grant.clientId)) {
            return grant.pendingUsed;
        }
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

    /**
     * This node's grant of one limited counter (shared database), guarded by its client's lock:
     * units taken and not used ({@code held}), used and not reported ({@code pendingUsed}; the
     * database's grant row holds their sum), the limit they were taken under, the last use.
     */
    private static final class Grant {
        final long clientId;
        long held;
        long pendingUsed;
        long limit;
        Instant lastUse;
        boolean stale;

        Grant(long clientId) {
            this.clientId = clientId;
        }
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
