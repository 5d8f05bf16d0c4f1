package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.store.HandoverStore;
import io.gomsggw.core.store.PendingReceipt;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * {@link HandoverStore} on {@code messages.server_id} and {@code handover_seq} (PostgreSQL). Rows
 * are numbered one statement per row in the order given, so the numbers follow that order.
 */
final class JdbiHandoverStore implements HandoverStore {
    private static final String NEXT = "nextval('message_handover_seq')";
    private static final String NOT_HANDED_TO_CLIENT = "status IN ('queued', 'dispatching')";
    private static final String PARKED = "status = 'queued' AND retry_at IS NOT NULL";
    private static final String DEAD_NODES =
            "SELECT server_id FROM cluster_nodes WHERE stopped_at IS NOT NULL OR lease_until <= CURRENT_TIMESTAMP";

    private final StoreSql sql;

    JdbiHandoverStore(StoreSql sql) {
        this.sql = sql;
    }

    @Override
    public long nextSeq() {
        return sql.withHandle(
                "take a handover number",
                h -> h.createQuery("SELECT " + NEXT).mapTo(Long.class).one());
    }

    @Override
    public boolean handOver(String messageId, String from, String to) {
        return sql.withHandle(
                "hand a message over",
                h -> h.createUpdate("UPDATE messages SET server_id = :to, "
                                        + "handover_seq = " + NEXT + ", status = 'queued', retry_at = NULL "
                                        + "WHERE id = :id AND server_id = :from AND " + NOT_HANDED_TO_CLIENT)
                                .bind("id", messageId)
                                .bind("from", from)
                                .bind("to", to)
                                .execute()
                        == 1);
    }

    @Override
    public List<String> parkedFor(long targetClientId, String from, int limit) {
        return sql.withHandle(
                "find parked messages of a client",
                h -> h.createQuery("SELECT id FROM messages "
                                + "WHERE target_client_id = :client AND server_id = :from AND " + PARKED
                                + " ORDER BY created_at, id LIMIT :limit")
                        .bind("client", targetClientId)
                        .bind("from", from)
                        .bind("limit", limit)
                        .mapTo(String.class)
                        .list());
    }

    @Override
    public int handOverParked(List<String> ids, String from, String to) {
        if (ids.isEmpty()) return 0;
        return sql.inTransaction("hand parked messages over", h -> {
            PreparedBatch batch = h.prepareBatch("UPDATE messages SET server_id = :to, handover_seq = " + NEXT
                    + ", retry_at = NULL WHERE id = :id AND server_id = :from AND " + PARKED);
            for (String id : ids) {
                batch.bind("id", id).bind("from", from).bind("to", to).add();
            }
            int moved = 0;
            for (int count : batch.execute()) {
                moved += count;
            }
            return moved;
        });
    }

    @Override
    public int adoptFromDead(long targetClientId, String to) {
        return sql.inTransaction("adopt messages of dead nodes", h -> {
            List<String> ids = h.createQuery("SELECT id FROM messages WHERE target_client_id = :client AND "
                            + NOT_HANDED_TO_CLIENT + " AND server_id IN (" + DEAD_NODES + ") "
                            + "ORDER BY created_at, id FOR UPDATE SKIP LOCKED")
                    .bind("client", targetClientId)
                    .mapTo(String.class)
                    .list();
            if (ids.isEmpty()) return 0;
            PreparedBatch batch = h.prepareBatch("UPDATE messages SET server_id = :to, handover_seq = " + NEXT
                    + ", status = 'queued', retry_at = NULL WHERE id = :id");
            for (String id : ids) {
                batch.bind("id", id).bind("to", to).add();
            }
            batch.execute();
            return ids.size();
        });
    }

    @Override
    public void handOverReceipt(PendingReceipt r, String to) {
        sql.inTransaction("hand a receipt over", h -> {
            h.createUpdate("DELETE FROM pending_receipts WHERE message_id = :id")
                    .bind("id", r.messageId())
                    .execute();
            return h.createUpdate("INSERT INTO pending_receipts (" + JdbiSessionState.RECEIPT_COLUMNS
                            + ", server_id, handover_seq) VALUES (:id, :client, :from, :to, :status, :submitted, "
                            + ":done, :text, :node, " + NEXT + ")")
                    .bind("id", r.messageId())
                    .bind("client", r.clientId())
                    .bind("from", r.from())
                    .bind("to", r.to())
                    .bind("status", r.status().wireName())
                    .bind("submitted", r.submittedAt())
                    .bind("done", r.doneAt())
                    .bind("text", r.text())
                    .bind("node", to)
                    .execute();
        });
    }

    @Override
    public List<PendingReceipt> claimReceipts(String serverId, int limit) {
        return sql.withHandle(
                "claim handed-over receipts",
                h -> h
                        .createQuery("WITH claimed AS ("
                                + "SELECT message_id, handover_seq FROM pending_receipts "
                                + "WHERE handover_seq IS NOT NULL AND server_id = :me ORDER BY handover_seq LIMIT :limit "
                                + "FOR UPDATE) UPDATE pending_receipts p SET handover_seq = NULL FROM claimed "
                                + "WHERE p.message_id = claimed.message_id RETURNING p.*, claimed.handover_seq AS seq")
                        .bind("me", serverId)
                        .bind("limit", limit)
                        .map((rs, ctx) -> Map.entry(rs.getLong("seq"), JdbiSessionState.receipt(rs)))
                        .list()
                        .stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(Map.Entry::getValue)
                        .toList());
    }

    @Override
    public List<Claim> claim(String serverId, int limit) {
        return sql.withHandle(
                "claim handed-over messages",
                h -> h
                        .createQuery("WITH claimed AS ("
                                + "SELECT id, handover_seq FROM messages WHERE handover_seq IS NOT NULL AND server_id = :me "
                                + "ORDER BY handover_seq LIMIT :limit FOR UPDATE) "
                                + "UPDATE messages m SET handover_seq = NULL FROM claimed WHERE m.id = claimed.id "
                                + "RETURNING m.id, claimed.handover_seq")
                        .bind("me", serverId)
                        .bind("limit", limit)
                        .map((rs, ctx) -> new Claim(rs.getString(1), rs.getLong(2)))
                        .list()
                        .stream()
                        .sorted(Comparator.comparingLong(Claim::seq))
                        .toList());
    }
}
