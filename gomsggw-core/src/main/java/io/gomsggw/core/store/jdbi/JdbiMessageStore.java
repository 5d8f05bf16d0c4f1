package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.core.store.MessageQuery;
import io.gomsggw.core.store.MessageStore;
import io.gomsggw.core.store.Page;
import io.gomsggw.core.store.ResumeCursor;
import io.gomsggw.core.store.StatusTransition;
import io.gomsggw.core.store.log.LogEntry;
import io.gomsggw.core.store.log.LogRecord;
import io.gomsggw.core.store.log.LogTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link MessageStore} on {@code messages} and {@code message_media}, and the {@link LogTarget} of
 * the embedded database's message log. It hands each job to its own class: {@link MessageWrites}
 * (rows written, through the engine's {@link MessageRows}), {@link MessageQueries} (reads), and
 * here the log's applied position in {@code message_log_position}. A message's status history is
 * a text column of its row ({@link StatusHistoryColumn}), after the rows of
 * {@code message_status_history} for messages written before schema version 4.
 *
 * <p>A transition appends its reason to the history; it becomes the message's {@code lastError}
 * only when the transition is a failure (to {@code FAILED} or {@code UNDELIVERED}, or back to
 * {@code QUEUED} for a retry), so {@code lastError} stays the most recent failure reason. {@code writeAll} folds the
 * transitions of a message inserted in the same call into its row, so a message that turned final
 * before it was written costs one insert; {@link #transitionAll} writes a whole list in one
 * transaction.
 */
final class JdbiMessageStore implements LogTarget {
    private static final int ID_LIST_CHUNK = 500;

    private final StoreSql sql;
    private final boolean postgres;
    private final MessageWrites writes;
    private final MessageQueries queries;

    JdbiMessageStore(StoreSql sql, boolean postgres, MediaPack pack) {
        this.sql = sql;
        this.postgres = postgres;
        this.writes = new MessageWrites(MessageRows.forEngine(), pack);
        this.queries = new MessageQueries(sql, pack);
    }

    @Override
    public void insertAll(List<Message> messages) {
        if (messages.isEmpty()) return;
        sql.inTransaction("insert messages", h -> {
            writes.write(h, LogRecord.of(messages, List.of()), null);
            return null;
        });
    }

    @Override
    public void writeAll(List<Message> inserts, List<StatusTransition> transitions) {
        if (inserts.isEmpty() && transitions.isEmpty()) return;
        sql.inTransaction("write messages and statuses", h -> {
            writes.write(h, LogRecord.of(inserts, transitions), null);
            return null;
        });
    }

    @Override
    public boolean transition(String id, MessageStatus status, Instant at, String reason, int attempts) {
        StatusTransition transition = new StatusTransition(id, status, at, reason, attempts);
        return sql.inTransaction("update message status", h -> writes.transition(h, List.of(transition)) == 1);
    }

    @Override
    public void transitionAll(List<StatusTransition> transitions) {
        if (transitions.isEmpty()) return;
        sql.inTransaction("update message statuses", h -> writes.transition(h, transitions));
    }

    @Override
    public Optional<Message> find(String id) {
        return queries.find(id);
    }

    @Override
    public List<StatusChange> history(String id) {
        return queries.history(id);
    }

    @Override
    public Optional<Message> findAwaitingReport(String carrier, String carrierMessageId) {
        return queries.findAwaitingReport(carrier, carrierMessageId);
    }

    @Override
    public List<Message> findToResume(ResumeCursor after, int limit) {
        return queries.findToResume(after, limit);
    }

    @Override
    public List<Message> findDue(Instant dueBy, String owner, int limit) {
        return queries.findDue(dueBy, owner, limit);
    }

    @Override
    public Optional<Instant> nextDue(String owner) {
        return queries.nextDue(owner);
    }

    @Override
    public int claimFinal(List<String> ids, String serverId) {
        return queries.claimFinal(ids, serverId);
    }

    @Override
    public List<Message> findUndelivered(
            long targetClientId, Instant since, Instant until, ResumeCursor after, int limit) {
        return queries.findUndelivered(targetClientId, since, until, after, limit);
    }

    @Override
    public Page<Message> search(MessageQuery query) {
        return queries.search(query);
    }

    // The message log's target: its entries and, in the same transaction, how far it is applied.

    @Override
    public void writeAll(List<LogEntry> entries, long throughLsn) {
        List<LogRecord> records = new ArrayList<>(entries.size());
        long[] lsns = new long[entries.size()];
        for (int i = 0; i < lsns.length; i++) {
            records.add(entries.get(i).record());
            lsns[i] = entries.get(i).lsn();
        }
        sql.inTransaction("apply message log", h -> {
            writes.write(h, records, lsns);
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
        return sql.withHandle(
                "read message log position",
                h -> h.createQuery("SELECT applied_lsn FROM message_log_position WHERE id = 1")
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
            sql.withHandle(
                            "read message log positions of messages",
                            h -> h.createQuery(
                                            "SELECT id, log_lsn FROM messages WHERE log_lsn IS NOT NULL AND id IN (<ids>)")
                                    .bindList("ids", chunk)
                                    .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getLong("log_lsn")))
                                    .list())
                    .forEach(e -> lsns.put(e.getKey(), e.getValue()));
        }
        return lsns;
    }
}
