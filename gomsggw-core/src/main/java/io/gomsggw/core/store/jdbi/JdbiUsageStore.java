package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.store.DuplicateKeyException;
import io.gomsggw.core.store.UsageStore;
import io.gomsggw.core.store.UsageStore.UsageDelta;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;

/**
 * {@link UsageStore} on the {@code usage_counters} table.
 *
 * <p>How {@link #add} stays atomic under concurrency depends on the engine:
 * <ul>
 *   <li>PostgreSQL: one {@code INSERT … ON CONFLICT DO UPDATE … RETURNING} statement, which the
 *       server makes atomic per key, in one round trip.
 *   <li>Other engines (H2, which has no {@code ON CONFLICT DO UPDATE}): in one transaction, an
 *       {@code UPDATE … SET amount = amount + delta} (the row lock serializes concurrent adders),
 *       then a read of the new value under that lock; when no row exists yet, an {@code INSERT}.
 *       Two first adders racing to insert: the loser gets a unique violation, its transaction
 *       rolls back having changed nothing, and it starts over, now finding the row to update.
 * </ul>
 */
final class JdbiUsageStore implements UsageStore {
    private static final int MAX_INSERT_RACES = 3;
    private static final String KEY = "counter = :counter AND period_start = :period_start";

    private final StoreSql sql;
    private final boolean postgresUpsert;

    /** @param postgresUpsert use PostgreSQL's {@code ON CONFLICT} upsert */
    JdbiUsageStore(StoreSql sql, boolean postgresUpsert) {
        this.sql = sql;
        this.postgresUpsert = postgresUpsert;
    }

    @Override
    public long add(String counter, Instant periodStart, long delta) {
        return postgresUpsert ? upsert(counter, periodStart, delta) : updateOrInsert(counter, periodStart, delta);
    }

    @Override
    public void addAll(List<UsageDelta> deltas) {
        if (deltas.isEmpty()) return;
        retryingLostInsertRaces(h -> {
            for (UsageDelta d : deltas) {
                if (postgresUpsert) {
                    upsert(h, d.counter(), d.periodStart(), d.delta());
                } else if (update(h, d.counter(), d.periodStart(), d.delta()) == 0) {
                    insert(h, d.counter(), d.periodStart(), d.delta());
                }
            }
            return null;
        });
    }

    /**
     * Each counter's row is locked, created first if missing (on PostgreSQL one
     * {@code INSERT … ON CONFLICT DO UPDATE … RETURNING}, which both creates and locks it; elsewhere
     * a lost insert race is retried), read, raised, and the grant recorded; counters are taken in
     * name order, so two transactions never wait on each other's rows in a cycle.
     */
    @Override
    public Optional<List<Granted>> grantWithin(String serverId, List<GrantRequest> requests) {
        if (requests.isEmpty()) return Optional.of(List.of());
        Integer[] order = new Integer[requests.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(
                order,
                Comparator.comparing((Integer i) -> requests.get(i).counter())
                        .thenComparing(i -> requests.get(i).periodStart()));
        try {
            return Optional.of(retryingLostInsertRaces(h -> {
                Granted[] granted = new Granted[requests.size()];
                for (int i : order) {
                    granted[i] = grantWithin(h, serverId, requests.get(i));
                }
                return List.of(granted);
            }));
        } catch (LimitReached refused) {
            return Optional.empty();
        }
    }

    /** Takes a grant of one counter, or throws {@link LimitReached} (rolling the whole back). */
    private Granted grantWithin(Handle h, String serverId, GrantRequest r) {
        long amount = lockedAmount(h, r.counter(), r.periodStart());
        long room = r.limit() - amount;
        if (room < 1) {
            throw new LimitReached();
        }
        long units = Math.max(1, Math.min(r.cap(), room / Math.max(1, r.spread())));
        update(h, r.counter(), r.periodStart(), units);
        if (units > 1) {
            addGrant(h, r.counter(), r.periodStart(), serverId, units - 1);
        }
        return new Granted(units, amount + units);
    }

    /** The counter's amount, its row created (at 0) if missing and locked until the commit. */
    private long lockedAmount(Handle h, String counter, Instant periodStart) {
        if (postgresUpsert) {
            return h.createQuery("INSERT INTO usage_counters (counter, period_start, amount) "
                            + "VALUES (:counter, :period_start, 0) ON CONFLICT (counter, period_start) "
                            + "DO UPDATE SET amount = usage_counters.amount RETURNING amount")
                    .bind("counter", counter)
                    .bind("period_start", periodStart)
                    .mapTo(Long.class)
                    .one();
        }
        if (update(h, counter, periodStart, 0) == 0) {
            insert(h, counter, periodStart, 0);
        }
        return h.createQuery("SELECT amount FROM usage_counters WHERE " + KEY + " FOR UPDATE")
                .bind("counter", counter)
                .bind("period_start", periodStart)
                .mapTo(Long.class)
                .one();
    }

    /** Adds {@code units} to the grant of {@code serverId} (a lost insert race retried by the caller). */
    private void addGrant(Handle h, String counter, Instant periodStart, String serverId, long units) {
        if (postgresUpsert) {
            h.createUpdate("INSERT INTO usage_grants (counter, period_start, server_id, units, recalled) "
                            + "VALUES (:counter, :period_start, :server_id, :units, FALSE) "
                            + "ON CONFLICT (counter, period_start, server_id) "
                            + "DO UPDATE SET units = usage_grants.units + EXCLUDED.units")
                    .bind("counter", counter)
                    .bind("period_start", periodStart)
                    .bind("server_id", serverId)
                    .bind("units", units)
                    .execute();
            return;
        }
        int updated = h.createUpdate(
                        "UPDATE usage_grants SET units = units + :units WHERE " + KEY + " AND server_id = :server_id")
                .bind("counter", counter)
                .bind("period_start", periodStart)
                .bind("server_id", serverId)
                .bind("units", units)
                .execute();
        if (updated == 0) {
            h.createUpdate("INSERT INTO usage_grants (counter, period_start, server_id, units, recalled) "
                            + "VALUES (:counter, :period_start, :server_id, :units, FALSE)")
                    .bind("counter", counter)
                    .bind("period_start", periodStart)
                    .bind("server_id", serverId)
                    .bind("units", units)
                    .execute();
        }
    }

    /**
     * Counters whose units are given back are locked before their grant rows, as in
     * {@link #grantWithin} and in a takeover, in name order.
     */
    @Override
    public Set<Integer> settle(String serverId, List<Settlement> settlements) {
        if (settlements.isEmpty()) return Set.of();
        Integer[] order = new Integer[settlements.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(
                order,
                Comparator.comparing((Integer i) -> settlements.get(i).counter())
                        .thenComparing(i -> settlements.get(i).periodStart()));
        return retryingLostInsertRaces(h -> {
            Set<Integer> lost = new TreeSet<>();
            for (int i : order) {
                if (!settle(h, serverId, settlements.get(i))) {
                    lost.add(i);
                }
            }
            return lost;
        });
    }

    /** Settles one grant; false when its row was gone although the node held units of it. */
    private boolean settle(Handle h, String serverId, Settlement s) {
        if (s.returned() > 0) {
            lockedAmount(h, s.counter(), s.periodStart());
        }
        Optional<Long> units = h.createQuery(
                        "SELECT units FROM usage_grants WHERE " + KEY + " AND server_id = :server_id FOR UPDATE")
                .bind("counter", s.counter())
                .bind("period_start", s.periodStart())
                .bind("server_id", serverId)
                .mapTo(Long.class)
                .findOne();
        if (units.isEmpty() && s.used() + s.returned() > 0) {
            // taken over: the units were given back then, the used ones among them must count again
            if (s.used() > 0) {
                update(h, s.counter(), s.periodStart(), s.used());
            }
            return false;
        }
        long left = units.orElse(0L) - s.used() - s.returned();
        if (s.returned() != 0) {
            update(h, s.counter(), s.periodStart(), -s.returned());
        }
        if (left <= 0) {
            if (units.isPresent()) {
                h.createUpdate("DELETE FROM usage_grants WHERE " + KEY + " AND server_id = :server_id")
                        .bind("counter", s.counter())
                        .bind("period_start", s.periodStart())
                        .bind("server_id", serverId)
                        .execute();
            }
        } else if (units.isPresent()) {
            h.createUpdate("UPDATE usage_grants SET units = :units WHERE " + KEY + " AND server_id = :server_id")
                    .bind("counter", s.counter())
                    .bind("period_start", s.periodStart())
                    .bind("server_id", serverId)
                    .bind("units", left)
                    .execute();
        } else {
            addGrant(h, s.counter(), s.periodStart(), serverId, left);
        }
        return true;
    }

    @Override
    public int recall(String serverId, String counter, Instant periodStart) {
        return sql.withHandle(
                "recall usage grants",
                h -> h.createUpdate("UPDATE usage_grants SET recalled = TRUE WHERE " + KEY
                                + " AND server_id <> :server_id AND units > 0")
                        .bind("counter", counter)
                        .bind("period_start", periodStart)
                        .bind("server_id", serverId)
                        .execute());
    }

    @Override
    public List<CounterPeriod> recalled(String serverId) {
        return sql.withHandle(
                "read recalled usage grants",
                h -> h.createQuery("SELECT counter, period_start FROM usage_grants "
                                + "WHERE server_id = :server_id AND recalled = TRUE")
                        .bind("server_id", serverId)
                        .map((rs, ctx) -> new CounterPeriod(rs.getString(1), Columns.instant(rs, "period_start")))
                        .list());
    }

    @Override
    public long used(String counter, Instant periodStart) {
        return sql.withHandle("read usage", h -> {
            long amount = h.createQuery("SELECT amount FROM usage_counters WHERE " + KEY)
                    .bind("counter", counter)
                    .bind("period_start", periodStart)
                    .mapTo(Long.class)
                    .findOne()
                    .orElse(0L);
            long granted = h.createQuery("SELECT COALESCE(SUM(units), 0) FROM usage_grants WHERE " + KEY)
                    .bind("counter", counter)
                    .bind("period_start", periodStart)
                    .mapTo(Long.class)
                    .one();
            return amount - granted;
        });
    }

    /**
     * Gives back every grant of the node {@code deadServerId}, within the caller's transaction (a
     * takeover): each counter lowered by the units, the rows deleted; counters locked first, in
     * name order, as everywhere. Returns how many units were given back.
     */
    static long returnGrantsOf(Handle h, String deadServerId) {
        List<Map.Entry<CounterPeriod, Long>> grants = h.createQuery(
                        "SELECT counter, period_start, units FROM usage_grants WHERE server_id = :server_id "
                                + "ORDER BY counter, period_start")
                .bind("server_id", deadServerId)
                .map((rs, ctx) -> Map.entry(
                        new CounterPeriod(rs.getString("counter"), Columns.instant(rs, "period_start")),
                        rs.getLong("units")))
                .list();
        long returned = 0;
        for (Map.Entry<CounterPeriod, Long> grant : grants) {
            CounterPeriod key = grant.getKey();
            h.createQuery("SELECT amount FROM usage_counters WHERE " + KEY + " FOR UPDATE")
                    .bind("counter", key.counter())
                    .bind("period_start", key.periodStart())
                    .mapTo(Long.class)
                    .findOne();
            Optional<Long> units = h.createQuery(
                            "SELECT units FROM usage_grants WHERE " + KEY + " AND server_id = :server_id FOR UPDATE")
                    .bind("counter", key.counter())
                    .bind("period_start", key.periodStart())
                    .bind("server_id", deadServerId)
                    .mapTo(Long.class)
                    .findOne();
            if (units.isEmpty()) continue;
            update(h, key.counter(), key.periodStart(), -units.get());
            h.createUpdate("DELETE FROM usage_grants WHERE " + KEY + " AND server_id = :server_id")
                    .bind("counter", key.counter())
                    .bind("period_start", key.periodStart())
                    .bind("server_id", deadServerId)
                    .execute();
            returned += units.get();
        }
        return returned;
    }

    /** A counter would pass its limit: rolls the increments of the call back. */
    private static final class LimitReached extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LimitReached() {
            super(null, null, false, false);
        }
    }

    @Override
    public long get(String counter, Instant periodStart) {
        return sql.withHandle(
                "read usage",
                h -> h.createQuery("SELECT amount FROM usage_counters WHERE " + KEY)
                        .bind("counter", counter)
                        .bind("period_start", periodStart)
                        .mapTo(Long.class)
                        .findOne()
                        .orElse(0L));
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return sql.withHandle("purge usage", h -> {
            h.createUpdate("DELETE FROM usage_grants WHERE period_start < :cutoff")
                    .bind("cutoff", cutoff)
                    .execute();
            return h.createUpdate("DELETE FROM usage_counters WHERE period_start < :cutoff")
                    .bind("cutoff", cutoff)
                    .execute();
        });
    }

    private long upsert(String counter, Instant periodStart, long delta) {
        return sql.withHandle("add usage", h -> upsert(h, counter, periodStart, delta));
    }

    private static long upsert(Handle h, String counter, Instant periodStart, long delta) {
        return h.createQuery("INSERT INTO usage_counters (counter, period_start, amount) "
                        + "VALUES (:counter, :period_start, :delta) "
                        + "ON CONFLICT (counter, period_start) "
                        + "DO UPDATE SET amount = usage_counters.amount + EXCLUDED.amount RETURNING amount")
                .bind("counter", counter)
                .bind("period_start", periodStart)
                .bind("delta", delta)
                .mapTo(Long.class)
                .one();
    }

    private long updateOrInsert(String counter, Instant periodStart, long delta) {
        return retryingLostInsertRaces(h -> updateOrInsert(h, counter, periodStart, delta));
    }

    /** Runs {@code work} in a transaction, again when a concurrent insert of the same key won. */
    private <T> T retryingLostInsertRaces(HandleCallback<T, RuntimeException> work) {
        for (int race = 1; ; race++) {
            try {
                return sql.inTransaction("add usage", work);
            } catch (DuplicateKeyException lostInsertRace) {
                if (race == MAX_INSERT_RACES) throw lostInsertRace;
            }
        }
    }

    private static long updateOrInsert(Handle h, String counter, Instant periodStart, long delta) {
        if (update(h, counter, periodStart, delta) == 0) {
            insert(h, counter, periodStart, delta);
            return delta;
        }
        return h.createQuery("SELECT amount FROM usage_counters WHERE " + KEY)
                .bind("counter", counter)
                .bind("period_start", periodStart)
                .mapTo(Long.class)
                .one();
    }

    private static int update(Handle h, String counter, Instant periodStart, long delta) {
        return h.createUpdate("UPDATE usage_counters SET amount = amount + :delta WHERE " + KEY)
                .bind("delta", delta)
                .bind("counter", counter)
                .bind("period_start", periodStart)
                .execute();
    }

    private static void insert(Handle h, String counter, Instant periodStart, long delta) {
        h.createUpdate(
                        "INSERT INTO usage_counters (counter, period_start, amount) VALUES (:counter, :period_start, :delta)")
                .bind("counter", counter)
                .bind("period_start", periodStart)
                .bind("delta", delta)
                .execute();
    }
}
