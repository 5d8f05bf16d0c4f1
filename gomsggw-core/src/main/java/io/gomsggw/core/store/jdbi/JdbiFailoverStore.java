package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.model.Failover;
import io.gomsggw.core.store.FailoverStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** {@link FailoverStore} on the {@code failovers} table; rows go when either client is deleted. */
final class JdbiFailoverStore implements FailoverStore {
    private static final String SELECT =
            "SELECT id, primary_client_id, fallback_client_id, priority, enabled FROM failovers";

    private final StoreSql sql;
    private final Clock clock;

    JdbiFailoverStore(StoreSql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public Failover add(Failover failover) {
        long id = sql.withHandle(
                "add failover",
                h -> h.createUpdate(
                                "INSERT INTO failovers (primary_client_id, fallback_client_id, priority, enabled, created_at) "
                                        + "VALUES (:primary_client_id, :fallback_client_id, :priority, :enabled, :created_at)")
                        .bind("primary_client_id", failover.primaryClientId())
                        .bind("fallback_client_id", failover.fallbackClientId())
                        .bind("priority", failover.priority())
                        .bind("enabled", failover.enabled())
                        .bind("created_at", clock.instant())
                        .executeAndReturnGeneratedKeys("id")
                        .mapTo(Long.class)
                        .one());
        return failover.withId(id);
    }

    @Override
    public Optional<Failover> find(long id) {
        return sql.withHandle(
                "find failover",
                h -> h.createQuery(SELECT + " WHERE id = :id")
                        .bind("id", id)
                        .map((rs, ctx) -> map(rs))
                        .findOne());
    }

    @Override
    public List<Failover> listByPrimary(long primaryClientId) {
        return sql.withHandle(
                "list failovers",
                h -> h.createQuery(SELECT + " WHERE primary_client_id = :primary_client_id ORDER BY priority, id")
                        .bind("primary_client_id", primaryClientId)
                        .map((rs, ctx) -> map(rs))
                        .list());
    }

    @Override
    public List<Failover> list() {
        return sql.withHandle(
                "list failovers",
                h -> h.createQuery(SELECT + " ORDER BY id")
                        .map((rs, ctx) -> map(rs))
                        .list());
    }

    @Override
    public boolean update(Failover failover) {
        return sql.withHandle(
                        "update failover",
                        h -> h.createUpdate("UPDATE failovers SET primary_client_id = :primary_client_id, "
                                        + "fallback_client_id = :fallback_client_id, priority = :priority, enabled = :enabled "
                                        + "WHERE id = :id")
                                .bind("primary_client_id", failover.primaryClientId())
                                .bind("fallback_client_id", failover.fallbackClientId())
                                .bind("priority", failover.priority())
                                .bind("enabled", failover.enabled())
                                .bind("id", failover.id())
                                .execute())
                > 0;
    }

    @Override
    public boolean delete(long id) {
        return sql.withHandle(
                        "delete failover",
                        h -> h.createUpdate("DELETE FROM failovers WHERE id = :id")
                                .bind("id", id)
                                .execute())
                > 0;
    }

    private static Failover map(ResultSet rs) throws SQLException {
        return new Failover(
                rs.getLong("id"),
                rs.getLong("primary_client_id"),
                rs.getLong("fallback_client_id"),
                rs.getInt("priority"),
                rs.getBoolean("enabled"));
    }
}
