package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.model.Direction;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.model.Protocol;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.core.store.MessageQuery;
import io.gomsggw.core.store.MessageStore;
import io.gomsggw.core.store.ResumeCursor;
import io.gomsggw.core.store.Page;
import io.gomsggw.core.store.StatusTransition;
import io.gomsggw.core.store.log.LogTarget;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * {@link MessageStore} on {@code messages}, {@code message_media} and
 * {@code message_status_history}; as a {@link LogTarget} it also keeps the applied position of the
 * message log in {@code message_log_position}.
 *
 * <p>Every message it returns is complete, media included. A transition appends its reason to the
 * history; it becomes the message's {@code lastError} only when the transition is a failure (to
 * {@code FAILED}, or back to {@code QUEUED} for a retry), so {@code lastError} stays the most
 * recent failure reason. {@code writeAll} folds the transitions of a message inserted in the same
 * call into its row, so a message that turned final before it was written costs one insert.
 * {@link #transitionAll} writes a whole list in one transaction with two
 * batches. {@link #findToResume} returns {@code queued} and {@code dispatching} messages only:
 * {@code sent} ones are with their carrier already.
 */
final class JdbiMessageStore implements LogTarget {
    private static final String SELECT = "SELECT id, type, direction, from_number, to_number, text, ingress, "
            + "client_id, target_client_id, carrier, carrier_message_id, status, attempts, last_error, server_id, "
            + "created_at, updated_at, external_ref FROM messages";
    private static final String INSERT_HISTORY = "INSERT INTO message_status_history (message_id, seq, status, at, "
            + "reason) VALUES (:message_id, :seq, :status, :at, :reason)";
    private static final int MEDIA_LOOKUP_CHUNK = 500;
    private static final List<String> RESUMABLE_STATUSES =
            List.of(MessageStatus.QUEUED.wireName(), MessageStatus.DISPATCHING.wireName());

    private final StoreSql sql;
    /**
     * The last {@code seq} given to a history row. Each new one is the current time in
     * microseconds, or one more than the last when that is not larger: increasing within the
     * process, and larger than the rows of earlier runs (the identity values migrated from
     * schema version 1 are far smaller), so {@code (message_id, seq)} is unique and orders the
     * changes of one message that carry the same time. Shared by the stores of one process.
     */
    private final AtomicLong lastSeq = new AtomicLong();

    JdbiMessageStore(StoreSql sql) {
        this.sql = sql;
    }

    @Override
    public void insertAll(List<Message> messages) {
        if (messages.isEmpty()) return;
        sql.inTransaction("insert messages", h -> {
            write(h, messages, List.of());
            return null;
        });
    }

    @Override
    public void writeAll(List<Message> inserts, List<StatusTransition> transitions) {
        if (inserts.isEmpty() && transitions.isEmpty()) return;
        sql.inTransaction("write messages and statuses", h -> {
            write(h, inserts, transitions);
            return null;
        });
    }

    @Override
    public void writeAll(List<Message> inserts, List<StatusTransition> transitions, long throughLsn) {
        sql.inTransaction("apply message log", h -> {
            write(h, inserts, transitions);
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

    @Override
    public long appliedLsn() {
        return sql.withHandle("read message log position", h -> h.createQuery(
                        "SELECT applied_lsn FROM message_log_position WHERE id = 1")
                .mapTo(Long.class)
                .findOne()
                .orElse(0L));
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

    @Override
    public List<StatusChange> history(String id) {
        return sql.withHandle("read message history", h -> h.createQuery(
                        "SELECT status, at, reason FROM message_status_history WHERE message_id = :id ORDER BY at, seq")
                .bind("id", id)
                .map((rs, ctx) -> new StatusChange(
                        MessageStatus.fromWire(rs.getString("status")),
                        Columns.instant(rs, "at"),
                        rs.getString("reason")))
                .list());
    }

    @Override
    public boolean transition(String id, MessageStatus status, Instant at, String reason, int attempts) {
        StatusTransition transition = new StatusTransition(id, status, at, reason, attempts);
        return sql.inTransaction("update message status", h -> applyTransitions(h, List.of(transition)) == 1);
    }

    @Override
    public void transitionAll(List<StatusTransition> transitions) {
        if (transitions.isEmpty()) return;
        sql.inTransaction("update message statuses", h -> applyTransitions(h, transitions));
    }

    @Override
    public Optional<Message> findByCarrierMessageId(String carrier, String carrierMessageId) {
        return sql.withHandle("find message by carrier id", h -> withMedia(h, h.createQuery(SELECT
                                + " WHERE carrier = :carrier AND carrier_message_id = :carrier_message_id"
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
     * Inserts {@code inserts} and applies {@code transitions}. A transition of a message inserted
     * in the same call is folded into its row before the insert (one row written instead of an
     * insert and an update); every transition still gets its history row.
     */
    private void write(Handle h, List<Message> inserts, List<StatusTransition> transitions) {
        if (inserts.isEmpty()) {
            if (!transitions.isEmpty()) applyTransitions(h, transitions);
            return;
        }
        Map<String, Message> rows = new LinkedHashMap<>();
        List<HistoryRow> history = new ArrayList<>(inserts.size() * 4);
        for (Message m : inserts) {
            rows.put(m.id(), m);
            history.add(new HistoryRow(m.id(), m.status(), m.createdAt(), m.lastError()));
        }
        List<StatusTransition> ofEarlierInserts = new ArrayList<>();
        for (StatusTransition t : transitions) {
            Message row = rows.get(t.messageId());
            if (row == null) {
                ofEarlierInserts.add(t);
            } else {
                rows.put(t.messageId(), t.applyTo(row));
                history.add(HistoryRow.of(t));
            }
        }
        insertMessages(h, rows.values());
        insertMedia(h, inserts);
        insertHistory(h, history);
        if (!ofEarlierInserts.isEmpty()) applyTransitions(h, ofEarlierInserts);
    }

    /** One row of {@code message_status_history}. */
    private record HistoryRow(String messageId, MessageStatus status, Instant at, String reason) {
        static HistoryRow of(StatusTransition t) {
            return new HistoryRow(t.messageId(), t.status(), t.at(), t.reason());
        }
    }

    private void insertHistory(Handle h, List<HistoryRow> rows) {
        if (rows.isEmpty()) return;
        PreparedBatch batch = h.prepareBatch(INSERT_HISTORY);
        for (HistoryRow row : rows) {
            batch.bind("message_id", row.messageId())
                    .bind("seq", nextSeq())
                    .bind("status", row.status().wireName())
                    .bind("at", row.at())
                    .bind("reason", row.reason())
                    .add();
        }
        batch.execute();
    }

    private static void insertMessages(Handle h, Collection<Message> messages) {
        PreparedBatch batch = h.prepareBatch("INSERT INTO messages (id, type, direction, from_number, to_number, "
                + "text, ingress, client_id, target_client_id, carrier, carrier_message_id, status, attempts, "
                + "last_error, server_id, created_at, updated_at, external_ref) VALUES (:id, :type, :direction, "
                + ":from_number, :to_number, :text, :ingress, :client_id, :target_client_id, :carrier, "
                + ":carrier_message_id, :status, :attempts, :last_error, :server_id, :created_at, :updated_at, "
                + ":external_ref)");
        for (Message m : messages) {
            batch.bind("id", m.id())
                    .bind("type", m.type().wireName())
                    .bind("direction", m.direction().wireName())
                    .bind("from_number", m.from())
                    .bind("to_number", m.to())
                    .bind("text", m.text())
                    .bind("ingress", m.ingress().wireName())
                    .bind("client_id", m.clientId())
                    .bind("target_client_id", m.targetClientId())
                    .bind("carrier", m.carrier())
                    .bind("carrier_message_id", m.carrierMessageId())
                    .bind("status", m.status().wireName())
                    .bind("attempts", m.attempts())
                    .bind("last_error", m.lastError())
                    .bind("server_id", m.serverId())
                    .bind("created_at", m.createdAt())
                    .bind("updated_at", m.updatedAt())
                    .bind("external_ref", m.externalRef())
                    .add();
        }
        batch.execute();
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

    private long nextSeq() {
        long micros = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
        return lastSeq.updateAndGet(last -> Math.max(last + 1, micros));
    }

    /**
     * Applies transitions in order: one history row each, and one row update per message with
     * the merged result (the last status, time and attempts; the last failure reason and carrier
     * id given), since a batch often holds several steps of one message (the journal holds the
     * changes of a message until it turns final). Returns how many transitions were of messages
     * that exist. A reason becomes {@code last_error} only for a failure: a move to
     * {@code FAILED}, or back to {@code QUEUED} for a retry.
     */
    private int applyTransitions(Handle h, List<StatusTransition> transitions) {
        Map<String, MergedTransition> merged = new LinkedHashMap<>();
        for (StatusTransition t : transitions) {
            merged.computeIfAbsent(t.messageId(), id -> new MergedTransition()).add(t);
        }
        PreparedBatch update = h.prepareBatch("UPDATE messages SET status = :status, attempts = :attempts, "
                + "updated_at = :at, last_error = COALESCE(:failure, last_error), "
                + "carrier_message_id = COALESCE(:carrier_message_id, carrier_message_id) WHERE id = :id");
        List<String> ids = new ArrayList<>(merged.keySet());
        for (String id : ids) {
            MergedTransition m = merged.get(id);
            update.bind("status", m.last.status().wireName())
                    .bind("attempts", m.last.attempts())
                    .bind("at", m.last.at())
                    .bind("failure", m.failure)
                    .bind("carrier_message_id", m.carrierMessageId)
                    .bind("id", id)
                    .add();
        }
        int[] updated = update.execute();
        java.util.Set<String> known = new java.util.HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            if (updated[i] > 0) known.add(ids.get(i));
        }
        List<HistoryRow> history = new ArrayList<>(transitions.size());
        for (StatusTransition t : transitions) {
            if (known.contains(t.messageId())) history.add(HistoryRow.of(t));
        }
        insertHistory(h, history);
        int applied = history.size();
        return applied;
    }

    /** The transitions of one message within a batch, folded into one row update. */
    private static final class MergedTransition {
        StatusTransition last;
        String failure;
        String carrierMessageId;

        void add(StatusTransition t) {
            last = t;
            if (t.isFailure()) failure = t.reason();
            if (t.carrierMessageId() != null) carrierMessageId = t.carrierMessageId();
        }
    }

    /** The messages with their media, read in chunks of ids. */
    private static List<Message> withMedia(Handle h, List<Message> messages) {
        if (messages.isEmpty()) return messages;
        Map<String, List<MediaPart>> mediaById = new HashMap<>();
        List<String> ids = messages.stream().map(Message::id).toList();
        for (int from = 0; from < ids.size(); from += MEDIA_LOOKUP_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + MEDIA_LOOKUP_CHUNK));
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
                .build();
    }
}
