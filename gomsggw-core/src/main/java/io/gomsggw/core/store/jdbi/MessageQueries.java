package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.model.Direction;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.model.Protocol;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.core.store.MessageQuery;
import io.gomsggw.core.store.Page;
import io.gomsggw.core.store.ResumeCursor;
import io.gomsggw.core.store.StoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The read side of the message store: one message, its history, the message awaiting a carrier's
 * report, the messages to resume, and searches. Every message it returns is complete, media
 * included. {@link #findToResume} returns {@code queued} and {@code dispatching} messages only:
 * {@code sent} ones are with their carrier already.
 */
final class MessageQueries {
    private static final String SELECT = "SELECT id, type, direction, from_number, to_number, text, ingress, "
            + "client_id, target_client_id, carrier, carrier_message_id, status, attempts, last_error, server_id, "
            + "created_at, updated_at, external_ref, retry_at, window_from, handover_seq FROM messages";
    private static final int ID_LIST_CHUNK = 500;
    private static final List<String> RESUMABLE_STATUSES =
            List.of(MessageStatus.QUEUED.wireName(), MessageStatus.DISPATCHING.wireName());

    private final StoreSql sql;
    /** Where media rows without bytes of their own keep them; null when none is open. */
    private final MediaPack pack;

    MessageQueries(StoreSql sql, MediaPack pack) {
        this.sql = sql;
        this.pack = pack;
    }

    Optional<Message> find(String id) {
        return sql
                .withHandle(
                        "find message",
                        h -> withMedia(
                                h,
                                h.createQuery(SELECT + " WHERE id = :id")
                                        .bind("id", id)
                                        .map((rs, ctx) -> map(rs))
                                        .list()))
                .stream()
                .findFirst();
    }

    /** The rows of {@code message_status_history} (messages from before schema version 4), then the column's lines. */
    List<StatusChange> history(String id) {
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

    Optional<Message> findAwaitingReport(String carrier, String carrierMessageId) {
        return sql
                .withHandle(
                        "find message by carrier id",
                        h -> withMedia(
                                h,
                                h.createQuery(SELECT
                                                + " WHERE awaiting_report_id = :carrier_message_id AND carrier = :carrier"
                                                + " ORDER BY created_at DESC, id LIMIT 1")
                                        .bind("carrier", carrier)
                                        .bind("carrier_message_id", carrierMessageId)
                                        .map((rs, ctx) -> map(rs))
                                        .list()))
                .stream()
                .findFirst();
    }

    List<Message> findToResume(ResumeCursor after, int limit) {
        String position =
                after == null ? "" : " AND (created_at > :after_at OR (created_at = :after_at AND id > :after_id))";
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

    List<Message> findDue(Instant dueBy, String owner, int limit) {
        String ours = owner == null ? "" : " AND server_id = :owner";
        return sql.withHandle("find parked messages due", h -> {
            var query = h.createQuery(SELECT + " WHERE retry_at <= :due_by AND status = :queued" + ours
                            + " ORDER BY created_at, id LIMIT :limit")
                    .bind("due_by", dueBy)
                    .bind("queued", MessageStatus.QUEUED.wireName())
                    .bind("limit", limit);
            if (owner != null) query.bind("owner", owner);
            return withMedia(h, query.map((rs, ctx) -> map(rs)).list());
        });
    }

    Optional<Instant> nextDue(String owner) {
        String ours = owner == null ? "" : " AND server_id = :owner";
        return sql.withHandle("find the next parked message due", h -> {
            var query = h.createQuery("SELECT retry_at FROM messages WHERE retry_at IS NOT NULL AND status = :queued"
                            + ours + " ORDER BY retry_at LIMIT 1")
                    .bind("queued", MessageStatus.QUEUED.wireName());
            if (owner != null) query.bind("owner", owner);
            return query.map((rs, ctx) -> Columns.instant(rs, "retry_at")).findOne();
        });
    }

    int claimFinal(List<String> ids, String serverId) {
        return sql.inTransaction("claim messages to redeliver", h -> {
            int claimed = 0;
            for (int from = 0; from < ids.size(); from += ID_LIST_CHUNK) {
                claimed += h.createUpdate("UPDATE messages SET server_id = :server_id WHERE id IN (<ids>) "
                                + "AND status IN (<final>)")
                        .bind("server_id", serverId)
                        .bindList("ids", ids.subList(from, Math.min(ids.size(), from + ID_LIST_CHUNK)))
                        .bindList(
                                "final", List.of(MessageStatus.UNDELIVERED.wireName(), MessageStatus.FAILED.wireName()))
                        .execute();
            }
            return claimed;
        });
    }

    List<Message> findUndelivered(long targetClientId, Instant since, Instant until, ResumeCursor after, int limit) {
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

    Page<Message> search(MessageQuery query) {
        MessageFilter filter = MessageFilter.of(query);
        return sql.withHandle("search messages", h -> {
            long total = h.createQuery("SELECT COUNT(*) FROM messages" + filter.where())
                    .bindMap(filter.parameters())
                    .mapTo(Long.class)
                    .one();
            List<Message> items = withMedia(
                    h,
                    h.createQuery(SELECT + filter.where() + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                            .bindMap(filter.parameters())
                            .bind("limit", query.perPage())
                            .bind("offset", query.offset())
                            .map((rs, ctx) -> map(rs))
                            .list());
            return new Page<>(items, total, query.page(), query.perPage());
        });
    }

    /** The messages with their media, read in chunks of ids. */
    private List<Message> withMedia(Handle h, List<Message> messages) {
        if (messages.isEmpty()) return messages;
        Map<String, List<MediaPart>> mediaById = new HashMap<>();
        List<String> ids = messages.stream().map(Message::id).toList();
        for (int from = 0; from < ids.size(); from += ID_LIST_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + ID_LIST_CHUNK));
            h.createQuery("SELECT message_id, filename, content_type, content, pack_file, pack_offset, pack_length, "
                            + "pack_crc FROM message_media WHERE message_id IN (<ids>) ORDER BY message_id, ordinal")
                    .bindList("ids", chunk)
                    .map((rs, ctx) -> new StoredPart(
                            rs.getString("message_id"),
                            new MediaPart(rs.getString("filename"), rs.getString("content_type"), content(rs))))
                    .forEach(row -> mediaById
                            .computeIfAbsent(row.messageId(), id -> new ArrayList<>())
                            .add(row.part()));
        }
        if (mediaById.isEmpty()) return messages;
        return messages.stream()
                .map(m -> mediaById.containsKey(m.id())
                        ? m.toBuilder().media(mediaById.get(m.id())).build()
                        : m)
                .toList();
    }

    private record StoredPart(String messageId, MediaPart part) {}

    /** The bytes of a {@code message_media} row: its own, or those it locates in the media pack. */
    private byte[] content(ResultSet rs) throws SQLException {
        byte[] content = rs.getBytes("content");
        if (content != null) return content;
        int file = rs.getInt("pack_file");
        if (rs.wasNull())
            throw new StoreException("read media: a message_media row holds neither bytes nor a location");
        if (pack == null) {
            throw new StoreException(
                    "read media: the bytes are in media pack files, and none is open on this database");
        }
        return pack.read(new MediaPack.Location(
                file, rs.getLong("pack_offset"), rs.getInt("pack_length"), rs.getInt("pack_crc")));
    }

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
                .handoverSeq(Columns.nullableLong(rs, "handover_seq"))
                .build();
    }
}
