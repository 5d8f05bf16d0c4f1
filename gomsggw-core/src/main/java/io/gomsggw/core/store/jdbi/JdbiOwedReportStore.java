package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.store.OwedReport;
import io.gomsggw.core.store.OwedReportStore;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** {@link OwedReportStore} on {@code owed_reports}. */
final class JdbiOwedReportStore implements OwedReportStore {
    private static final String COLUMNS =
            "message_id, client_id, server_id, client_message_id, from_number, to_number, status, reason, done_at";
    private static final int MAX_REASON = 2048;

    private final StoreSql sql;

    JdbiOwedReportStore(StoreSql sql) {
        this.sql = sql;
    }

    @Override
    public void writeAll(List<Change> changes) {
        if (changes.isEmpty()) return;
        sql.inTransaction("write owed reports", h -> {
            changes.forEach(change -> apply(h, change));
            return null;
        });
    }

    private static void apply(Handle h, Change change) {
        String messageId = change instanceof Keep keep ? keep.report().messageId() : ((Drop) change).messageId();
        h.createUpdate("DELETE FROM owed_reports WHERE message_id = :id")
                .bind("id", messageId)
                .execute();
        if (change instanceof Keep keep) {
            OwedReport r = keep.report();
            h.createUpdate("INSERT INTO owed_reports (" + COLUMNS + ") VALUES (:id, :client, :owner, :client_message, "
                            + ":from, :to, :status, :reason, :done)")
                    .bind("id", r.messageId())
                    .bind("client", r.clientId())
                    .bind("owner", r.owner())
                    .bind("client_message", r.clientMessageId())
                    .bind("from", r.from())
                    .bind("to", r.to())
                    .bind("status", r.status().wireName())
                    .bind(
                            "reason",
                            r.reason() == null || r.reason().length() <= MAX_REASON
                                    ? r.reason()
                                    : r.reason().substring(0, MAX_REASON))
                    .bind("done", r.doneAt())
                    .execute();
        }
    }

    @Override
    public List<OwedReport> ownedBy(String owner) {
        return sql.withHandle("read owed reports", h -> {
            Query query = owner == null
                    ? h.createQuery("SELECT " + COLUMNS + " FROM owed_reports ORDER BY done_at, message_id")
                    : h.createQuery("SELECT " + COLUMNS
                                    + " FROM owed_reports WHERE server_id = :owner ORDER BY done_at, message_id")
                            .bind("owner", owner);
            return query.map((rs, ctx) -> new OwedReport(
                            rs.getString("message_id"),
                            rs.getLong("client_id"),
                            rs.getString("server_id"),
                            rs.getString("client_message_id"),
                            rs.getString("from_number"),
                            rs.getString("to_number"),
                            MessageStatus.fromWire(rs.getString("status")),
                            rs.getString("reason"),
                            Columns.instant(rs, "done_at")))
                    .list();
        });
    }
}
