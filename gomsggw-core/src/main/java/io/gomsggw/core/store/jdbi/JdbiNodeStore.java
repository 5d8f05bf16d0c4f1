package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.batch.BatchStatus;
import io.gomsggw.core.model.MessageStatus;
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
 * and the loser looks again and finds the winner alive. {@link #takeOver} locks the dead node's row
 * with {@code SKIP LOCKED}, then the rows it moves ({@code SELECT … FOR UPDATE}), so a message
 * whose row changes meanwhile (a redelivery claiming it for another node) is never moved under it.
 */
final class JdbiNodeStore implements NodeStore {
    private static final String COLUMNS = "server_id, incarnation, address, started_at, heartbeat_at, lease_until, "
            + "stopped_at, taken_over_by, taken_over_at";
    /** Messages not handed over yet: what a node resumes (parked ones are queued with a retry_at). */
    private static final List<String> RESUMABLE =
            List.of(MessageStatus.QUEUED.wireName(), MessageStatus.DISPATCHING.wireName());
    /** Batch jobs still to run. */
    private static final List<String> UNFINISHED_JOBS = List.of(
            BatchStatus.PENDING.wireName(), BatchStatus.PROCESSING.wireName(), BatchStatus.PARTIALLY_QUEUED.wireName());

    private static final int ID_CHUNK = 500;

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
                                    + "started_at = :now, heartbeat_at = :now, lease_until = :until, stopped_at = NULL, "
                                    + "taken_over_by = NULL, taken_over_at = NULL WHERE server_id = :id"
                            : "INSERT INTO cluster_nodes (" + COLUMNS + ") "
                                    + "VALUES (:id, :incarnation, :address, :now, :now, :until, NULL, NULL, NULL)";
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

    @Override
    public Optional<Takeover> takeOver(String deadServerId, String survivorId) {
        if (deadServerId.equals(survivorId)) {
            throw new IllegalArgumentException("a node cannot take itself over");
        }
        return sql.inTransaction("take over a dead node's work", h -> {
            Instant now = now(h);
            // The survivor's own row, locked until the commit: a survivor whose own lease has ended
            // takes nothing, and no third node can take the survivor over (SKIP LOCKED) before the
            // work moved to it is committed, so that work cannot land on a row taken over already.
            // Its heartbeat waits for the commit meanwhile.
            Optional<Node> self = h.createQuery(
                            "SELECT " + COLUMNS + " FROM cluster_nodes WHERE server_id = :id FOR UPDATE")
                    .bind("id", survivorId)
                    .map((rs, ctx) -> node(rs, now))
                    .findOne();
            if (self.isEmpty() || !self.get().alive()) {
                return Optional.<Takeover>empty();
            }
            // SKIP LOCKED: another survivor holding the row is taking it over (or the node is
            // registering again); either way it is not ours to take
            Optional<Node> dead = h.createQuery(
                            "SELECT " + COLUMNS + " FROM cluster_nodes WHERE server_id = :id FOR UPDATE SKIP LOCKED")
                    .bind("id", deadServerId)
                    .map((rs, ctx) -> node(rs, now))
                    .findOne();
            if (dead.isEmpty() || !dead.get().awaitsTakeover()) {
                return Optional.<Takeover>empty();
            }
            List<String> messageIds = h.createQuery("SELECT id FROM messages WHERE server_id = :dead "
                            + "AND status IN (<statuses>) ORDER BY created_at, id FOR UPDATE")
                    .bind("dead", deadServerId)
                    .bindList("statuses", RESUMABLE)
                    .mapTo(String.class)
                    .list();
            reassign(h, "messages", messageIds, deadServerId, survivorId);
            List<String> batchIds = h.createQuery("SELECT id FROM batch_jobs WHERE server_id = :dead "
                            + "AND (status IN (<statuses>) OR (webhook_url IS NOT NULL AND webhook_notified = FALSE)) "
                            + "ORDER BY created_at, id FOR UPDATE")
                    .bind("dead", deadServerId)
                    .bindList("statuses", UNFINISHED_JOBS)
                    .mapTo(String.class)
                    .list();
            reassign(h, "batch_jobs", batchIds, deadServerId, survivorId);
            List<String> reportIds = h.createQuery(
                            "SELECT message_id FROM owed_reports WHERE server_id = :dead ORDER BY done_at, message_id")
                    .bind("dead", deadServerId)
                    .mapTo(String.class)
                    .list();
            h.createUpdate("UPDATE owed_reports SET server_id = :survivor WHERE server_id = :dead")
                    .bind("survivor", survivorId)
                    .bind("dead", deadServerId)
                    .execute();
            // its unused usage grants go back to the shared counters (docs/scale-out.md, "Limits")
            JdbiUsageStore.returnGrantsOf(h, deadServerId);
            h.createUpdate("UPDATE cluster_nodes SET taken_over_by = :survivor, taken_over_at = :now, "
                            + "stopped_at = COALESCE(stopped_at, :now) WHERE server_id = :id")
                    .bind("survivor", survivorId)
                    .bind("now", now)
                    .bind("id", deadServerId)
                    .execute();
            return Optional.of(new Takeover(deadServerId, messageIds, batchIds, reportIds));
        });
    }

    /** Gives the rows {@code ids} of {@code table} (locked by this transaction) to {@code survivorId}. */
    private static void reassign(Handle h, String table, List<String> ids, String deadServerId, String survivorId) {
        for (int from = 0; from < ids.size(); from += ID_CHUNK) {
            h.createUpdate("UPDATE " + table + " SET server_id = :survivor WHERE server_id = :dead AND id IN (<ids>)")
                    .bind("survivor", survivorId)
                    .bind("dead", deadServerId)
                    .bindList("ids", ids.subList(from, Math.min(ids.size(), from + ID_CHUNK)))
                    .execute();
        }
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
                rs.getString("taken_over_by"),
                Columns.instant(rs, "taken_over_at"),
                now);
    }
}
