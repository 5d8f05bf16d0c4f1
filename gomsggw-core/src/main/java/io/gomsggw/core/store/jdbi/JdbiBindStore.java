package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.store.BindStore;
import java.util.List;

/**
 * {@link BindStore} on {@code client_binds}, with liveness from {@code cluster_nodes} (a node is
 * live while it has not stopped and its lease runs, by the database's clock). A node writes only
 * its own rows, from one thread, so {@link #record} needs no upsert: an update, else an insert.
 */
final class JdbiBindStore implements BindStore {
    private static final String LIVE_NODES =
            "SELECT server_id FROM cluster_nodes WHERE stopped_at IS NULL AND lease_until > CURRENT_TIMESTAMP";

    private final StoreSql sql;

    JdbiBindStore(StoreSql sql) {
        this.sql = sql;
    }

    @Override
    public void record(long clientId, String serverId, int binds) {
        sql.inTransaction("record client bind", h -> {
            if (binds <= 0) {
                return h.createUpdate("DELETE FROM client_binds WHERE client_id = :client AND server_id = :server")
                        .bind("client", clientId)
                        .bind("server", serverId)
                        .execute();
            }
            int updated = h.createUpdate(
                            "UPDATE client_binds SET binds = :binds WHERE client_id = :client AND server_id = :server")
                    .bind("client", clientId)
                    .bind("server", serverId)
                    .bind("binds", binds)
                    .execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO client_binds (client_id, server_id, binds, bound_at) "
                                + "VALUES (:client, :server, :binds, CURRENT_TIMESTAMP)")
                        .bind("client", clientId)
                        .bind("server", serverId)
                        .bind("binds", binds)
                        .execute();
            }
            return updated;
        });
    }

    @Override
    public List<Bind> live() {
        return sql.withHandle(
                "list client binds",
                h -> h.createQuery("SELECT client_id, server_id, binds, bound_at FROM client_binds WHERE server_id IN ("
                                + LIVE_NODES + ") ORDER BY bound_at, server_id, client_id")
                        .map((rs, ctx) -> new Bind(
                                rs.getLong("client_id"),
                                rs.getString("server_id"),
                                rs.getInt("binds"),
                                Columns.instant(rs, "bound_at")))
                        .list());
    }

    @Override
    public int forget(String serverId) {
        return sql.withHandle(
                "forget client binds",
                h -> h.createUpdate("DELETE FROM client_binds WHERE server_id = :server")
                        .bind("server", serverId)
                        .execute());
    }

    @Override
    public int forgetDead() {
        return sql.withHandle(
                "forget client binds of dead nodes",
                h -> h.createUpdate("DELETE FROM client_binds WHERE server_id NOT IN (" + LIVE_NODES + ")")
                        .execute());
    }
}
