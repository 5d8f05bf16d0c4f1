package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.store.DuplicateKeyException;
import io.gomsggw.core.store.NodeStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * {@link NodeStore} on {@code cluster_nodes}. Each call reads the database's clock
 * ({@code CURRENT_TIMESTAMP}) first and computes leases from it. {@link #register} locks the row
 * ({@code SELECT … FOR UPDATE}); two nodes inserting the same new id at once meet the primary key,
 * and the loser looks again and finds the winner alive.
 */
final class JdbiNodeStore implements NodeStore {
    private static final String COLUMNS =
            "server_id, incarnation, address, started_at, heartbeat_at, lease_until, stopped_at";

    private final StoreSql sql;

    JdbiNodeStore(StoreSql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<Node> register(
            String serverId, String incarnation, String address, Duration lease, boolean takeOver) {
        for (int attempt = 1; ; attempt++) {
            try {
                return sql.inTransaction("register node", h -> {
                    Instant now = now(h);
                    Optional<Node> holder = h.createQuery(
                                    "SELECT " + COLUMNS + " FROM cluster_nodes " + "WHERE server_id = :id FOR UPDATE")
                            .bind("id", serverId)
                            .map((rs, ctx) -> node(rs, now))
                            .findOne();
                    if (holder.isPresent() && holder.get().alive() && !takeOver) {
                        return holder;
                    }
                    String write = holder.isPresent()
                            ? "UPDATE cluster_nodes SET incarnation = :incarnation, address = :address, "
                                    + "started_at = :now, heartbeat_at = :now, lease_until = :until, stopped_at = NULL "
                                    + "WHERE server_id = :id"
                            : "INSERT INTO cluster_nodes (" + COLUMNS + ") "
                                    + "VALUES (:id, :incarnation, :address, :now, :now, :until, NULL)";
                    h.createUpdate(write)
                            .bind("id", serverId)
                            .bind("incarnation", incarnation)
                            .bind("address", address)
                            .bind("now", now)
                            .bind("until", now.plus(lease))
                            .execute();
                    return Optional.<Node>empty();
                });
            } catch (DuplicateKeyException raced) {
                if (attempt == 3) throw raced;
            }
        }
    }

    @Override
    public boolean renew(String serverId, String incarnation, Duration lease) {
        return sql.inTransaction("renew node lease", h -> {
            Instant now = now(h);
            return h.createUpdate("UPDATE cluster_nodes SET heartbeat_at = :now, lease_until = :until "
                                    + "WHERE server_id = :id AND incarnation = :incarnation AND stopped_at IS NULL")
                            .bind("id", serverId)
                            .bind("incarnation", incarnation)
                            .bind("now", now)
                            .bind("until", now.plus(lease))
                            .execute()
                    == 1;
        });
    }

    @Override
    public void leave(String serverId, String incarnation) {
        sql.inTransaction("leave cluster", h -> {
            Instant now = now(h);
            return h.createUpdate("UPDATE cluster_nodes SET stopped_at = :now, lease_until = :now "
                            + "WHERE server_id = :id AND incarnation = :incarnation")
                    .bind("id", serverId)
                    .bind("incarnation", incarnation)
                    .bind("now", now)
                    .execute();
        });
    }

    @Override
    public List<Node> nodes() {
        return sql.withHandle("list nodes", h -> {
            Instant now = now(h);
            return h.createQuery("SELECT " + COLUMNS + " FROM cluster_nodes ORDER BY started_at DESC, server_id")
                    .map((rs, ctx) -> node(rs, now))
                    .list();
        });
    }

    private static Instant now(Handle h) {
        return h.createQuery("SELECT CURRENT_TIMESTAMP")
                .mapTo(OffsetDateTime.class)
                .one()
                .toInstant();
    }

    private static Node node(ResultSet rs, Instant now) throws SQLException {
        return new Node(
                rs.getString("server_id"),
                rs.getString("incarnation"),
                rs.getString("address"),
                Columns.instant(rs, "started_at"),
                Columns.instant(rs, "heartbeat_at"),
                Columns.instant(rs, "lease_until"),
                Columns.instant(rs, "stopped_at"),
                now);
    }
}
