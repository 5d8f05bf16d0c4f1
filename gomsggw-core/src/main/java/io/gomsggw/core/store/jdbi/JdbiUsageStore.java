package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.store.DuplicateKeyException;
import io.gomsggw.core.store.UsageStore;
import io.gomsggw.core.store.UsageStore.UsageDelta;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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
     * Each counter's row is created first if missing ({@code ON CONFLICT DO NOTHING} on PostgreSQL,
     * a lost insert race retried elsewhere), then raised by a conditional update; counters are
     * taken in name order, so two transactions never wait on each other's rows in a cycle.
     */
    @Override
    public Optional<long[]> incrementWithin(List<Bounded> increments) {
        if (increments.isEmpty()) return Optional.of(new long[0]);
        Integer[] order = new Integer[increments.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(
                order,
                Comparator.comparing((Integer i) -> increments.get(i).counter())
                        .thenComparing(i -> increments.get(i).periodStart()));
        try {
            return Optional.of(retryingLostInsertRaces(h -> {
                long[] values = new long[increments.size()];
                for (int i : order) {
                    values[i] = incrementWithin(h, increments.get(i));
                }
                return values;
            }));
        } catch (LimitReached refused) {
            return Optional.empty();
        }
    }

    /** Raises one counter by one within its limit, or throws {@link LimitReached} (rolling the whole back). */
    private long incrementWithin(Handle h, Bounded b) {
        if (postgresUpsert) {
            h.createUpdate("INSERT INTO usage_counters (counter, period_start, amount) "
                            + "VALUES (:counter, :period_start, 0) ON CONFLICT (counter, period_start) DO NOTHING")
                    .bind("counter", b.counter())
                    .bind("period_start", b.periodStart())
                    .execute();
        } else if (update(h, b.counter(), b.periodStart(), 0) == 0) {
            insert(h, b.counter(), b.periodStart(), 0);
        }
        int raised = h.createUpdate(
                        "UPDATE usage_counters SET amount = amount + 1 WHERE " + KEY + " AND amount + 1 <= :limit")
                .bind("counter", b.counter())
                .bind("period_start", b.periodStart())
                .bind("limit", b.limit())
                .execute();
        if (raised == 0) {
            throw new LimitReached();
        }
        return h.createQuery("SELECT amount FROM usage_counters WHERE " + KEY)
                .bind("counter", b.counter())
                .bind("period_start", b.periodStart())
                .mapTo(Long.class)
                .one();
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
        return sql.withHandle(
                "purge usage",
                h -> h.createUpdate("DELETE FROM usage_counters WHERE period_start < :cutoff")
                        .bind("cutoff", cutoff)
                        .execute());
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
