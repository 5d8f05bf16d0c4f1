package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.store.DuplicateKeyException;
import io.gomsggw.core.store.HeldPartStore;
import io.gomsggw.core.store.PendingReceiptStore;
import io.gomsggw.core.store.StatusTransition;
import io.gomsggw.core.store.log.LogRecord;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The write side of the message store: turns a list of records (new messages, status changes,
 * and on the embedded database the session state the message log carries) into as few
 * statements as it can, inside the caller's transaction.
 *
 * <p>A change of a message inserted in the same call is folded into its row before the insert
 * (one row written instead of an insert and an update), its history line included; the other
 * changes of one message are merged into one row update. Each row records the LSN of its last
 * record when the records come from the message log. Held parts and pending receipts are written
 * in their order after the messages, less those a later record of the same call removes again.
 */
final class MessageWrites {
    /** The LSN of a write that does not come from the message log. */
    static final long NO_LSN = 0;

    private final MessageRows rows;
    /** Where media bytes go instead of {@code message_media.content}; null: into the table. */
    private final MediaPack pack;

    MessageWrites(MessageRows rows, MediaPack pack) {
        this.rows = rows;
        this.pack = pack;
    }

    /** Writes {@code records} in order; {@code lsns} gives each record's LSN, or is null outside the log. */
    void write(Handle h, List<LogRecord> records, long[] lsns) {
        Map<String, NewMessageRow> inserts = new LinkedHashMap<>();
        Map<String, MergedTransition> ofEarlierInserts = new LinkedHashMap<>();
        List<LogRecord> sessionState = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            long lsn = lsns == null ? NO_LSN : lsns[i];
            LogRecord record = records.get(i);
            if (!record.isMessageRecord()) {
                sessionState.add(record);
            } else if (record instanceof LogRecord.Inserted inserted) {
                Message m = inserted.message();
                if (inserts.putIfAbsent(m.id(), new NewMessageRow(m, lsn)) != null) {
                    throw new DuplicateKeyException("id", "insert messages: id " + m.id() + " given twice", null);
                }
            } else {
                StatusTransition t = ((LogRecord.Changed) record).transition();
                NewMessageRow row = inserts.get(t.messageId());
                if (row == null) {
                    ofEarlierInserts
                            .computeIfAbsent(t.messageId(), MergedTransition::new)
                            .add(t, lsn);
                } else {
                    row.apply(t, lsn);
                }
            }
        }
        try {
            if (!inserts.isEmpty()) {
                rows.insert(h.getConnection(), List.copyOf(inserts.values()));
                insertMedia(h, inserts.values());
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
        if (!ofEarlierInserts.isEmpty()) update(h, List.copyOf(ofEarlierInserts.values()));
        if (!sessionState.isEmpty()) writeSessionState(h, sessionState);
    }

    /** Applies the transitions in order; returns how many were of messages that exist. */
    int transition(Handle h, List<StatusTransition> transitions) {
        Map<String, MergedTransition> merged = new LinkedHashMap<>();
        for (StatusTransition t : transitions) {
            merged.computeIfAbsent(t.messageId(), MergedTransition::new).add(t, NO_LSN);
        }
        return update(h, List.copyOf(merged.values()));
    }

    private int update(Handle h, List<MergedTransition> updates) {
        try {
            boolean[] found = rows.update(h.getConnection(), updates);
            int applied = 0;
            for (int i = 0; i < found.length; i++) {
                if (found[i]) applied += updates.get(i).count;
            }
            return applied;
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /** Inserts the media rows of {@code rows}; bytes put in the pack are forced before the caller commits. */
    private void insertMedia(Handle h, Iterable<NewMessageRow> rows) throws SQLException {
        PreparedStatement batch = null;
        try {
            for (NewMessageRow row : rows) {
                List<MediaPart> media = row.message.media();
                for (int ordinal = 0; ordinal < media.size(); ordinal++) {
                    if (batch == null) {
                        batch = h.getConnection()
                                .prepareStatement("INSERT INTO message_media (message_id, ordinal, filename, "
                                        + "content_type, content, pack_file, pack_offset, pack_length, pack_crc) "
                                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    }
                    MediaPart part = media.get(ordinal);
                    batch.setString(1, row.message.id());
                    batch.setInt(2, ordinal);
                    batch.setString(3, part.filename());
                    batch.setString(4, part.contentType());
                    if (pack == null) {
                        batch.setBytes(5, part.content());
                        batch.setNull(6, Types.INTEGER);
                        batch.setNull(7, Types.BIGINT);
                        batch.setNull(8, Types.INTEGER);
                        batch.setNull(9, Types.INTEGER);
                    } else {
                        MediaPack.Location at = pack.append(part.content());
                        batch.setNull(5, Types.VARBINARY);
                        batch.setInt(6, at.file());
                        batch.setLong(7, at.offset());
                        batch.setInt(8, at.length());
                        batch.setInt(9, at.crc());
                    }
                    batch.addBatch();
                }
            }
            if (batch != null) {
                batch.executeBatch();
                if (pack != null) pack.force();
            }
        } finally {
            if (batch != null) batch.close();
        }
    }

    /**
     * A part held and released (or a receipt kept and dropped) in the same call is not written at
     * all, only the removal (which finds nothing or what an earlier call left).
     */
    private static void writeSessionState(Handle h, List<LogRecord> records) {
        Set<String> removedLater = new HashSet<>();
        List<LogRecord> kept = new ArrayList<>(records.size());
        for (int i = records.size() - 1; i >= 0; i--) {
            LogRecord record = records.get(i);
            boolean removal =
                    record instanceof LogRecord.PartChange part && part.change() instanceof HeldPartStore.Release
                            || record instanceof LogRecord.ReceiptChange receipt
                                    && receipt.change() instanceof PendingReceiptStore.Drop;
            String key = (record instanceof LogRecord.PartChange ? "part:" : "receipt:") + record.messageId();
            if (removal) {
                if (removedLater.add(key)) kept.add(record);
            } else if (!removedLater.contains(key)) {
                kept.add(record);
            }
        }
        for (int i = kept.size() - 1; i >= 0; i--) {
            if (kept.get(i) instanceof LogRecord.PartChange part) {
                JdbiSessionState.apply(h, part.change());
            } else {
                JdbiSessionState.apply(h, ((LogRecord.ReceiptChange) kept.get(i)).change());
            }
        }
    }
}
