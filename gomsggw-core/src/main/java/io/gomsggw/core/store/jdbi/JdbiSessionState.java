package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.store.HeldPart;
import io.gomsggw.core.store.HeldPartStore;
import io.gomsggw.core.store.PendingReceipt;
import io.gomsggw.core.store.PendingReceiptStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * {@link HeldPartStore} on {@code held_message_parts} and {@link PendingReceiptStore} on
 * {@code pending_receipts}: each {@code writeAll} in one transaction. The statements are also
 * used by the message log's applier ({@link #apply(Handle, HeldPartStore.Change)}), inside its own
 * transaction.
 */
// HeldPartStore.Change and PendingReceiptStore.Change are both this class's business, qualified where used
@SuppressWarnings("SameNameButDifferent")
final class JdbiSessionState {
    private static final String PART_COLUMNS = "message_id, seqnum, client_id, source_address, destination_address, "
            + "reference, total, data_coding, registered_delivery, payload, received_at";
    static final String RECEIPT_COLUMNS =
            "message_id, client_id, from_number, to_number, status, submitted_at, done_at, text_start";

    private final StoreSql sql;
    private final HeldPartStore heldParts = new HeldParts();
    private final PendingReceiptStore pendingReceipts = new PendingReceipts();

    JdbiSessionState(StoreSql sql) {
        this.sql = sql;
    }

    HeldPartStore heldParts() {
        return heldParts;
    }

    PendingReceiptStore pendingReceipts() {
        return pendingReceipts;
    }

    static void apply(Handle h, HeldPartStore.Change change) {
        if (change instanceof HeldPartStore.Hold hold) {
            HeldPart p = hold.part();
            h.createUpdate("DELETE FROM held_message_parts WHERE message_id = :id AND seqnum = :seqnum")
                    .bind("id", p.messageId())
                    .bind("seqnum", p.seqnum())
                    .execute();
            h.createUpdate("INSERT INTO held_message_parts (" + PART_COLUMNS + ") VALUES (:id, :seqnum, :client, "
                            + ":source, :destination, :reference, :total, :coding, :registered, :payload, :at)")
                    .bind("id", p.messageId())
                    .bind("seqnum", p.seqnum())
                    .bind("client", p.clientId())
                    .bind("source", p.source())
                    .bind("destination", p.destination())
                    .bind("reference", p.reference())
                    .bind("total", p.total())
                    .bind("coding", p.dataCoding())
                    .bind("registered", p.registeredDelivery())
                    .bind("payload", p.payload())
                    .bind("at", p.receivedAt())
                    .execute();
        } else {
            h.createUpdate("DELETE FROM held_message_parts WHERE message_id = :id")
                    .bind("id", ((HeldPartStore.Release) change).messageId())
                    .execute();
        }
    }

    static void apply(Handle h, PendingReceiptStore.Change change) {
        String messageId = change instanceof PendingReceiptStore.Keep keep
                ? keep.receipt().messageId()
                : ((PendingReceiptStore.Drop) change).messageId();
        h.createUpdate("DELETE FROM pending_receipts WHERE message_id = :id")
                .bind("id", messageId)
                .execute();
        if (change instanceof PendingReceiptStore.Keep keep) {
            PendingReceipt r = keep.receipt();
            h.createUpdate("INSERT INTO pending_receipts (" + RECEIPT_COLUMNS + ") VALUES (:id, :client, :from, :to, "
                            + ":status, :submitted, :done, :text)")
                    .bind("id", r.messageId())
                    .bind("client", r.clientId())
                    .bind("from", r.from())
                    .bind("to", r.to())
                    .bind("status", r.status().wireName())
                    .bind("submitted", r.submittedAt())
                    .bind("done", r.doneAt())
                    .bind("text", r.text())
                    .execute();
        }
    }

    private final class HeldParts implements HeldPartStore {
        @Override
        public void writeAll(List<Change> changes) {
            if (changes.isEmpty()) return;
            sql.inTransaction("write held message parts", h -> {
                changes.forEach(change -> apply(h, change));
                return null;
            });
        }

        @Override
        public List<HeldPart> loadAll() {
            return sql.withHandle(
                    "read held message parts",
                    h -> h.createQuery("SELECT " + PART_COLUMNS
                                    + " FROM held_message_parts ORDER BY received_at, message_id, seqnum")
                            .map((rs, ctx) -> new HeldPart(
                                    rs.getLong("client_id"),
                                    rs.getString("message_id"),
                                    rs.getString("source_address"),
                                    rs.getString("destination_address"),
                                    rs.getInt("reference"),
                                    rs.getInt("total"),
                                    rs.getInt("seqnum"),
                                    rs.getInt("data_coding"),
                                    rs.getInt("registered_delivery"),
                                    rs.getBytes("payload"),
                                    Columns.instant(rs, "received_at")))
                            .list());
        }
    }

    private final class PendingReceipts implements PendingReceiptStore {
        @Override
        public void writeAll(List<Change> changes) {
            if (changes.isEmpty()) return;
            sql.inTransaction("write pending receipts", h -> {
                changes.forEach(change -> apply(h, change));
                return null;
            });
        }

        @Override
        public List<PendingReceipt> loadAll() {
            return sql.withHandle(
                    "read pending receipts",
                    h -> h.createQuery(
                                    "SELECT " + RECEIPT_COLUMNS + " FROM pending_receipts ORDER BY done_at, message_id")
                            .map((rs, ctx) -> receipt(rs))
                            .list());
        }
    }

    /** A row of {@code pending_receipts} read with {@link #RECEIPT_COLUMNS}. */
    static PendingReceipt receipt(ResultSet rs) throws SQLException {
        return new PendingReceipt(
                rs.getLong("client_id"),
                rs.getString("message_id"),
                rs.getString("from_number"),
                rs.getString("to_number"),
                MessageStatus.fromWire(rs.getString("status")),
                Columns.instant(rs, "submitted_at"),
                Columns.instant(rs, "done_at"),
                rs.getString("text_start"));
    }
}
