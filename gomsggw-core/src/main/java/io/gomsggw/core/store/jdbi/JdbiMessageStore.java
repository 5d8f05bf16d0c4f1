package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.model.Direction;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.model.Protocol;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.core.store.DuplicateKeyException;
import io.gomsggw.core.store.HeldPartStore;
import io.gomsggw.core.store.PendingReceiptStore;
import io.gomsggw.core.store.MessageQuery;
import io.gomsggw.core.store.MessageStore;
import io.gomsggw.core.store.ResumeCursor;
import io.gomsggw.core.store.Page;
import io.gomsggw.core.store.StatusTransition;
import io.gomsggw.core.store.log.LogEntry;
import io.gomsggw.core.store.log.LogRecord;
import io.gomsggw.core.store.log.LogTarget;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * {@link MessageStore} on {@code messages} and {@code message_media}; as a {@link LogTarget} it
 * also keeps the applied position of the message log in {@code message_log_position}. A message's
 * status history is a text column of its row ({@link StatusHistoryColumn}), after the rows of
 * {@code message_status_history} for messages written before schema version 4.
 *
 * <p>Every message it returns is complete, media included. A transition appends its reason to the
 * history; it becomes the message's {@code lastError} only when the transition is a failure (to
 * {@code FAILED}, or back to {@code QUEUED} for a retry), so {@code lastError} stays the most
 * recent failure reason. {@code writeAll} folds the transitions of a message inserted in the same
 * call into its row, so a message that turned final before it was written costs one insert.
 * {@link #transitionAll} writes a whole list in one transaction with one
 * batch. {@link #findToResume} returns {@code queued} and {@code dispatching} messages only:
 * {@code sent} ones are with their carrier already.
 */
final class JdbiMessageStore implements LogTarget {
    private static final String SELECT = "SELECT id, type, direction, from_number, to_number, text, ingress, "
            + "client_id, target_client_id, carrier, carrier_message_id, status, attempts, last_error, server_id, "
            + "created_at, updated_at, external_ref, retry_at, window_from FROM messages";
    private static final String INSERT_MESSAGE = "INSERT INTO messages (id, type, direction, from_number, "
            + "to_number, text, ingress, client_id, target_client_id, carrier, carrier_message_id, status, attempts, "
            + "last_error, server_id, created_at, updated_at, external_ref, status_history, awaiting_report_id, log_lsn, "
            + "retry_at, window_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** The LSN of a write that does not come from the message log. */
    private static final long NO_LSN = 0;
    private static final int ID_LIST_CHUNK = 500;
    private static final List<String> RESUMABLE_STATUSES =
            List.of(MessageStatus.QUEUED.wireName(), MessageStatus.DISPATCHING.wireName());

    private final StoreSql sql;
    private final boolean postgres;

    JdbiMessageStore(StoreSql sql, boolean postgres) {
        this.sql = sql;
        this.postgres = postgres;
    }

    @Override
    public void insertAll(List<Message> messages) {
        if (messages.isEmpty()) return;
        sql.inTransaction("insert messages", h -> {
            write(h, LogRecord.of(messages, List.of()), null);
            return null;
        });
    }

    @Override
    public void writeAll(List<Message> inserts, List<StatusTransition> transitions) {
        if (inserts.isEmpty() && transitions.isEmpty()) return;
        sql.inTransaction("write messages and statuses", h -> {
            write(h, LogRecord.of(inserts, transitions), null);
            return null;
        });
    }

    @Override
    public void writeAll(List<LogEntry> entries, long throughLsn) {
        List<LogRecord> records = new ArrayList<>(entries.size());
        long[] lsns = new long[entries.size()];
        for (int i = 0; i < lsns.length; i++) {
            records.add(entries.get(i).record());
            lsns[i] = entries.get(i).lsn();
        }
        sql.inTransaction("apply message log", h -> {
            write(h, records, lsns);
            int updated = h.createUpdate("UPDATE message_log_position SET applied_lsn = :lsn WHERE id = 1")
                    .bind("lsn", throughLsn)
                    .execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO message_log_position (id, applied_lsn) VALUES (1, :lsn)")
                        .bind("lsn", throughLsn)
                        .execute();
            }
            return null;
        });
    }

    /** {@code CHECKPOINT SYNC} on H2, whose commits reach the operating system but not the device; nothing on PostgreSQL. */
    @Override
    public void sync() {
        if (postgres) return;
        sql.withHandle("force the database to disk", h -> h.execute("CHECKPOINT SYNC"));
    }

    @Override
    public long appliedLsn() {
        return sql.withHandle("read message log position", h -> h.createQuery(
                        "SELECT applied_lsn FROM message_log_position WHERE id = 1")
                .mapTo(Long.class)
                .findOne()
                .orElse(0L));
    }

    @Override
    public Map<String, Long> lastLsns(Collection<String> ids) {
        Map<String, Long> lsns = new HashMap<>();
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += ID_LIST_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + ID_LIST_CHUNK));
            sql.withHandle("read message log positions of messages", h -> h.createQuery(
                            "SELECT id, log_lsn FROM messages WHERE log_lsn IS NOT NULL AND id IN (<ids>)")
                    .bindList("ids", chunk)
                    .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getLong("log_lsn")))
                    .list())
                    .forEach(e -> lsns.put(e.getKey(), e.getValue()));
        }
        return lsns;
    }

    @Override
    public Optional<Message> find(String id) {
        return sql.withHandle("find message", h -> withMedia(h, h.createQuery(SELECT + " WHERE id = :id")
                        .bind("id", id)
                        .map((rs, ctx) -> map(rs))
                        .list()))
                .stream()
                .findFirst();
    }

    /** The rows of {@code message_status_history} (messages from before schema version 4), then the column's lines. */
    @Override
    public List<StatusChange> history(String id) {
        return sql.withHandle("read message history", h -> {
            List<StatusChange> history = new ArrayList<>(h.createQuery(
                            "SELECT status, at, reason FROM message_status_history WHERE message_id = :id ORDER BY at, seq")
                    .bind("id", id)
                    .map((rs, ctx) -> new StatusChange(
                            MessageStatus.fromWire(rs.getString("status")),
                            Columns.instant(rs, "at"),
                            rs.getString("reason")))
                    .list());
            h.createQuery("SELECT status_history FROM messages WHERE id = :id")
                    .bind("id", id)
                    .mapTo(String.class)
                    .findOne()
                    .ifPresent(column -> history.addAll(StatusHistoryColumn.read(column)));
            return history;
        });
    }

    @Override
    public boolean transition(String id, MessageStatus status, Instant at, String reason, int attempts) {
        StatusTransition transition = new StatusTransition(id, status, at, reason, attempts);
        return sql.inTransaction("update message status", h -> applyTransitions(h, List.of(new LoggedChange(transition, NO_LSN))) == 1);
    }

    @Override
    public void transitionAll(List<StatusTransition> transitions) {
        if (transitions.isEmpty()) return;
        sql.inTransaction("update message statuses", h -> applyTransitions(h,
                transitions.stream().map(t -> new LoggedChange(t, NO_LSN)).toList()));
    }

    @Override
    public Optional<Message> findAwaitingReport(String carrier, String carrierMessageId) {
        return sql.withHandle("find message by carrier id", h -> withMedia(h, h.createQuery(SELECT
                                + " WHERE awaiting_report_id = :carrier_message_id AND carrier = :carrier"
                                + " ORDER BY created_at DESC, id LIMIT 1")
                        .bind("carrier", carrier)
                        .bind("carrier_message_id", carrierMessageId)
                        .map((rs, ctx) -> map(rs))
                        .list()))
                .stream()
                .findFirst();
    }

    @Override
    public List<Message> findToResume(ResumeCursor after, int limit) {
        String position = after == null ? "" : " AND (created_at > :after_at OR (created_at = :after_at AND id > :after_id))";
        return sql.withHandle("find messages to resume", h -> {
            var query = h.createQuery(SELECT + " WHERE status IN (<statuses>)" + position
                            + " ORDER BY created_at, id LIMIT :limit")
                    .bindList("statuses", RESUMABLE_STATUSES)
                    .bind("limit", limit);
            if (after != null) {
                query.bind("after_at", after.createdAt()).bind("after_id", after.id());
            }
            return withMedia(h, query.map((rs, ctx) -> map(rs)).list());
        });
    }

    @Override
    public List<Message> findDue(Instant dueBy, int limit) {
        return sql.withHandle("find parked messages due", h -> withMedia(h, h.createQuery(SELECT
                        + " WHERE retry_at <= :due_by AND status = :queued ORDER BY created_at, id LIMIT :limit")
                .bind("due_by", dueBy)
                .bind("queued", MessageStatus.QUEUED.wireName())
                .bind("limit", limit)
                .map((rs, ctx) -> map(rs))
                .list()));
    }

    @Override
    public Optional<Instant> nextDue() {
        return sql.withHandle("find the next parked message due", h -> h.createQuery(
                        "SELECT retry_at FROM messages WHERE retry_at IS NOT NULL AND status = :queued "
                                + "ORDER BY retry_at LIMIT 1")
                .bind("queued", MessageStatus.QUEUED.wireName())
                .map((rs, ctx) -> Columns.instant(rs, "retry_at"))
                .findOne());
    }

    @Override
    public List<Message> findUndelivered(long targetClientId, Instant since, Instant until, ResumeCursor after,
                                         int limit) {
        StringBuilder where = new StringBuilder(" WHERE status = :undelivered AND target_client_id = :client_id");
        if (since != null) where.append(" AND created_at >= :since");
        if (until != null) where.append(" AND created_at < :until");
        if (after != null) where.append(" AND (created_at > :after_at OR (created_at = :after_at AND id > :after_id))");
        return sql.withHandle("find undelivered messages", h -> {
            var query = h.createQuery(SELECT + where + " ORDER BY created_at, id LIMIT :limit")
                    .bind("undelivered", MessageStatus.UNDELIVERED.wireName())
                    .bind("client_id", targetClientId)
                    .bind("limit", limit);
            if (since != null) query.bind("since", since);
            if (until != null) query.bind("until", until);
            if (after != null) query.bind("after_at", after.createdAt()).bind("after_id", after.id());
            return withMedia(h, query.map((rs, ctx) -> map(rs)).list());
        });
    }

    @Override
    public Page<Message> search(MessageQuery query) {
        MessageFilter filter = MessageFilter.of(query);
        return sql.withHandle("search messages", h -> {
            long total = h.createQuery("SELECT COUNT(*) FROM messages" + filter.where())
                    .bindMap(filter.parameters())
                    .mapTo(Long.class)
                    .one();
            List<Message> items = withMedia(h, h.createQuery(SELECT + filter.where()
                            + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                    .bindMap(filter.parameters())
                    .bind("limit", query.perPage())
                    .bind("offset", query.offset())
                    .map((rs, ctx) -> map(rs))
                    .list());
            return new Page<>(items, total, query.page(), query.perPage());
        });
    }

    /**
     * Writes the records in order: an insert as a new row; a change of a message inserted in the
     * same call folded into its row before the insert (one row written instead of an insert and an
     * update), its history line included; the other changes as updates. {@code lsns} (or null
     * outside the log) gives each record's LSN, and each row records the LSN of its last record.
     * Held parts and pending receipts are written in their order after the messages, less those
     * a later record of the same call removes again.
     */
    private void write(Handle h, List<LogRecord> records, long[] lsns) {
        Map<String, NewRow> rows = new LinkedHashMap<>();
        List<Message> inserts = new ArrayList<>();
        List<LoggedChange> ofEarlierInserts = new ArrayList<>();
        List<LogRecord> sessionState = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            long lsn = lsns == null ? NO_LSN : lsns[i];
            if (!records.get(i).isMessageRecord()) {
                sessionState.add(records.get(i));
            } else if (records.get(i) instanceof LogRecord.Inserted inserted) {
                Message m = inserted.message();
                if (rows.putIfAbsent(m.id(), new NewRow(m, lsn)) != null) {
                    throw new DuplicateKeyException("id", "insert messages: id " + m.id() + " given twice", null);
                }
                inserts.add(m);
            } else {
                StatusTransition t = ((LogRecord.Changed) records.get(i)).transition();
                NewRow row = rows.get(t.messageId());
                if (row == null) {
                    ofEarlierInserts.add(new LoggedChange(t, lsn));
                } else {
                    row.apply(t, lsn);
                }
            }
        }
        if (!rows.isEmpty()) {
            insertMessages(h, rows.values());
            insertMedia(h, inserts);
        }
        if (!ofEarlierInserts.isEmpty()) applyTransitions(h, ofEarlierInserts);
        if (!sessionState.isEmpty()) writeSessionState(h, sessionState);
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
            boolean removal = record instanceof LogRecord.PartChange part && part.change() instanceof HeldPartStore.Release
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

    /** A change with the LSN of its log record ({@link #NO_LSN} outside the log). */
    private record LoggedChange(StatusTransition transition, long lsn) {}

    /** A message to insert, with the changes that came before it was written, and its history text. */
    private static final class NewRow {
        Message message;
        long lsn;
        final StringBuilder history = new StringBuilder(160);

        NewRow(Message message, long lsn) {
            this.message = message;
            this.lsn = lsn;
            history.append(StatusHistoryColumn.line(message.status(), message.createdAt(), message.lastError()));
        }

        void apply(StatusTransition t, long lsn) {
            message = t.applyTo(message);
            this.lsn = lsn;
            history.append(StatusHistoryColumn.line(t.status(), t.at(), t.reason()));
        }
    }

    /**
     * Plain JDBC rather than a Jdbi batch: this is the hottest statement of the gateway, and
     * Jdbi's binding by name cost a third as much again as H2's insert itself.
     */
    private static void insertMessages(Handle h, Collection<NewRow> rows) {
        try (PreparedStatement insert = h.getConnection().prepareStatement(INSERT_MESSAGE)) {
            for (NewRow row : rows) {
                Message m = row.message;
                int i = 0;
                insert.setString(++i, m.id());
                insert.setString(++i, m.type().wireName());
                insert.setString(++i, m.direction().wireName());
                insert.setString(++i, m.from());
                insert.setString(++i, m.to());
                insert.setString(++i, m.text());
                insert.setString(++i, m.ingress().wireName());
                setLong(insert, ++i, m.clientId());
                setLong(insert, ++i, m.targetClientId());
                insert.setString(++i, m.carrier());
                insert.setString(++i, m.carrierMessageId());
                insert.setString(++i, m.status().wireName());
                insert.setInt(++i, m.attempts());
                insert.setString(++i, m.lastError());
                insert.setString(++i, m.serverId());
                insert.setObject(++i, InstantArgumentFactory.parameter(m.createdAt()));
                insert.setObject(++i, InstantArgumentFactory.parameter(m.updatedAt()));
                insert.setString(++i, m.externalRef());
                insert.setString(++i, row.history.toString());
                insert.setString(++i, m.status().isFinal() ? null : m.carrierMessageId());
                setLong(insert, ++i, row.lsn == NO_LSN ? null : row.lsn);
                setInstant(insert, ++i, m.retryAt());
                setInstant(insert, ++i, m.windowFrom());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, InstantArgumentFactory.parameter(value));
        }
    }

    private static void insertMedia(Handle h, List<Message> messages) {
        PreparedBatch batch = h.prepareBatch("INSERT INTO message_media (message_id, ordinal, filename, "
                + "content_type, content) VALUES (:message_id, :ordinal, :filename, :content_type, :content)");
        for (Message m : messages) {
            for (int ordinal = 0; ordinal < m.media().size(); ordinal++) {
                MediaPart part = m.media().get(ordinal);
                batch.bind("message_id", m.id())
                        .bind("ordinal", ordinal)
                        .bind("filename", part.filename())
                        .bind("content_type", part.contentType())
                        .bind("content", part.content())
                        .add();
            }
        }
        if (batch.size() > 0) batch.execute();
    }

    /**
     * Applies transitions in order: one row update per message with the merged result (the last
     * status, time and attempts; the last failure reason and carrier id given; a history line per
     * transition appended), since a batch often holds several steps of one message. Returns how
     * many transitions were of messages that exist. A reason becomes {@code last_error} only for
     * a failure: a move to {@code FAILED}, or back to {@code QUEUED} for a retry.
     */
    private int applyTransitions(Handle h, List<LoggedChange> changes) {
        Map<String, MergedTransition> merged = new LinkedHashMap<>();
        for (LoggedChange change : changes) {
            merged.computeIfAbsent(change.transition().messageId(), id -> new MergedTransition()).add(change);
        }
        PreparedBatch update = h.prepareBatch("UPDATE messages SET status = :status, attempts = :attempts, "
                + "updated_at = :at, last_error = COALESCE(:failure, last_error), "
                + "carrier_message_id = COALESCE(:carrier_message_id, carrier_message_id), "
                + "awaiting_report_id = CASE WHEN :final THEN NULL ELSE COALESCE(:carrier_message_id, awaiting_report_id) END, "
                + "status_history = COALESCE(status_history, '') || :history, log_lsn = COALESCE(:lsn, log_lsn), "
                + "retry_at = :retry_at, window_from = COALESCE(:window_from, window_from) WHERE id = :id");
        List<String> ids = new ArrayList<>(merged.keySet());
        for (String id : ids) {
            MergedTransition m = merged.get(id);
            update.bind("status", m.last.status().wireName())
                    .bind("attempts", m.last.attempts())
                    .bind("at", m.last.at())
                    .bind("failure", m.failure)
                    .bind("carrier_message_id", m.carrierMessageId)
                    .bind("final", m.last.status().isFinal())
                    .bind("history", m.history.toString())
                    .bind("lsn", m.lsn == NO_LSN ? null : (Long) m.lsn)
                    .bindByType("retry_at", m.last.retryAt(), Instant.class)
                    .bindByType("window_from", m.windowFrom, Instant.class)
                    .bind("id", id)
                    .add();
        }
        int[] updated = update.execute();
        int applied = 0;
        for (int i = 0; i < ids.size(); i++) {
            if (updated[i] > 0) applied += merged.get(ids.get(i)).count;
        }
        return applied;
    }

    /** The transitions of one message within a batch, folded into one row update. */
    private static final class MergedTransition {
        final StringBuilder history = new StringBuilder(120);
        StatusTransition last;
        String failure;
        String carrierMessageId;
        Instant windowFrom;
        long lsn;
        int count;

        void add(LoggedChange change) {
            StatusTransition t = change.transition();
            last = t;
            lsn = change.lsn();
            count++;
            history.append(StatusHistoryColumn.line(t.status(), t.at(), t.reason()));
            if (t.isFailure()) failure = t.reason();
            if (t.carrierMessageId() != null) carrierMessageId = t.carrierMessageId();
            if (t.windowFrom() != null) windowFrom = t.windowFrom();
        }
    }

    /** The messages with their media, read in chunks of ids. */
    private static List<Message> withMedia(Handle h, List<Message> messages) {
        if (messages.isEmpty()) return messages;
        Map<String, List<MediaPart>> mediaById = new HashMap<>();
        List<String> ids = messages.stream().map(Message::id).toList();
        for (int from = 0; from < ids.size(); from += ID_LIST_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + ID_LIST_CHUNK));
            h.createQuery("SELECT message_id, filename, content_type, content FROM message_media "
                            + "WHERE message_id IN (<ids>) ORDER BY message_id, ordinal")
                    .bindList("ids", chunk)
                    .map((rs, ctx) -> new StoredPart(rs.getString("message_id"), new MediaPart(
                            rs.getString("filename"), rs.getString("content_type"), rs.getBytes("content"))))
                    .forEach(row -> mediaById.computeIfAbsent(row.messageId(), id -> new ArrayList<>()).add(row.part()));
        }
        if (mediaById.isEmpty()) return messages;
        return messages.stream()
                .map(m -> mediaById.containsKey(m.id()) ? m.toBuilder().media(mediaById.get(m.id())).build() : m)
                .toList();
    }

    private record StoredPart(String messageId, MediaPart part) {}

    private static Message map(ResultSet rs) throws SQLException {
        return Message.builder()
                .id(rs.getString("id"))
                .type(MessageType.fromWire(rs.getString("type")))
                .direction(Direction.fromWire(rs.getString("direction")))
                .from(rs.getString("from_number"))
                .to(rs.getString("to_number"))
                .text(rs.getString("text"))
                .ingress(Protocol.fromWire(rs.getString("ingress")))
                .clientId(Columns.nullableLong(rs, "client_id"))
                .targetClientId(Columns.nullableLong(rs, "target_client_id"))
                .carrier(rs.getString("carrier"))
                .carrierMessageId(rs.getString("carrier_message_id"))
                .status(MessageStatus.fromWire(rs.getString("status")))
                .attempts(rs.getInt("attempts"))
                .lastError(rs.getString("last_error"))
                .serverId(rs.getString("server_id"))
                .createdAt(Columns.instant(rs, "created_at"))
                .updatedAt(Columns.instant(rs, "updated_at"))
                .externalRef(rs.getString("external_ref"))
                .retryAt(Columns.instant(rs, "retry_at"))
                .windowFrom(Columns.instant(rs, "window_from"))
                .build();
    }
}
