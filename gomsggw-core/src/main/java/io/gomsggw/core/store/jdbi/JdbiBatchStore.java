package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.batch.BatchCounts;
import io.gomsggw.core.batch.BatchItem;
import io.gomsggw.core.batch.BatchItemStatus;
import io.gomsggw.core.batch.BatchJob;
import io.gomsggw.core.batch.BatchQuery;
import io.gomsggw.core.batch.BatchStatus;
import io.gomsggw.core.batch.BatchStore;
import io.gomsggw.core.batch.BatchSummary;
import io.gomsggw.core.batch.ItemOutcome;
import io.gomsggw.core.store.Page;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/**
 * {@link BatchStore} on {@code batch_jobs} and {@code batch_messages}. Rows are inserted with
 * plain JDBC batches of {@value #INSERT_CHUNK} (binding by name costs more than the insert on H2);
 * counts are computed from the rows on every read, so they are always consistent with them.
 *
 * <p>Taking rows costs no write per row: a job's {@code claimed_through} cursor says which
 * {@code pending} rows were taken (those at or below it read as {@code sending}), so a row is
 * written once more only with its outcome. Every change of which rows are taken or waiting
 * (claims, queueing, failing and cancelling waiting rows) first locks the job's row.
 *
 * <p>About 400 lines because it is the whole SQL of two tables behind one interface (jobs, rows,
 * claims, outcomes, searches, row mapping); each method is one statement or transaction.
 */
final class JdbiBatchStore implements BatchStore {
    private static final int INSERT_CHUNK = 500;
    private static final String JOB_COLUMNS = "id, client_id, api_key_id, status, total_count, from_number, "
            + "webhook_url, throttle_per_second, max_retry_mins, retry_until, webhook_notified, created_at, "
            + "updated_at, completed_at";
    private static final String ITEM_COLUMNS = "batch_id, row_index, message_id, to_number, text, status, error, "
            + "error_code, queued_at, sent_at, created_at";
    private static final String INSERT_ITEM =
            "INSERT INTO batch_messages (" + ITEM_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String PENDING = BatchItemStatus.PENDING.wireName();
    private static final String QUEUED = BatchItemStatus.QUEUED.wireName();
    private static final String SENDING = BatchItemStatus.SENDING.wireName();
    /** A row's status as the API sees it: a pending row at or below the job's cursor was taken. */
    private static final String STATUS = "CASE WHEN m.status = '" + PENDING
            + "' AND m.row_index <= j.claimed_through THEN '" + SENDING + "' ELSE m.status END";
    /** The columns of a row, with {@link #STATUS}, from {@link #ROWS}. */
    private static final String ITEM_SELECT = "m.batch_id, m.row_index, m.message_id, m.to_number, m.text, " + STATUS
            + " AS status, m.error, m.error_code, m.queued_at, m.sent_at, m.created_at";

    private static final String ROWS = " FROM batch_messages m JOIN batch_jobs j ON j.id = m.batch_id";
    /** A row waiting to be taken, given the job's cursor as {@code :through}. */
    private static final String WAITING =
            "(status = '" + QUEUED + "' OR (status = '" + PENDING + "' AND row_index > :through))";
    /** A row taken and not settled, given the job's cursor as {@code :through}. */
    private static final String TAKEN =
            "(status = '" + SENDING + "' OR (status = '" + PENDING + "' AND row_index <= :through))";

    private static final List<String> UNFINISHED_JOBS = List.of(
            BatchStatus.PENDING.wireName(), BatchStatus.PROCESSING.wireName(), BatchStatus.PARTIALLY_QUEUED.wireName());

    private final StoreSql sql;
    /** The node whose jobs these are, on a database several nodes share; null: every job (one node). */
    private final String owner;

    /**
     * @param owner this node's {@code SERVER_ID} on a database other nodes may share: jobs created
     *              are this node's, and only this node's are resumed; null on one that serves one node
     */
    JdbiBatchStore(StoreSql sql, String owner) {
        this.sql = sql;
        this.owner = owner;
    }

    @Override
    public void create(BatchJob job, List<BatchItem> items) {
        sql.inTransaction("create batch", h -> {
            h.createUpdate("INSERT INTO batch_jobs (" + JOB_COLUMNS + ", server_id) VALUES (:id, :client_id, "
                            + ":api_key_id, :status, :total_count, :from_number, :webhook_url, :throttle_per_second, "
                            + ":max_retry_mins, :retry_until, :webhook_notified, :created_at, :updated_at, "
                            + ":completed_at, :server_id)")
                    .bind("id", job.id())
                    .bind("server_id", owner)
                    .bind("client_id", job.clientId())
                    .bind("api_key_id", job.apiKeyId())
                    .bind("status", job.status().wireName())
                    .bind("total_count", job.totalCount())
                    .bind("from_number", job.fromNumber())
                    .bind("webhook_url", job.webhookUrl())
                    .bind("throttle_per_second", job.throttlePerSecond())
                    .bind("max_retry_mins", job.maxRetryMins())
                    .bind("retry_until", job.retryUntil())
                    .bind("webhook_notified", job.webhookNotified())
                    .bind("created_at", job.createdAt())
                    .bind("updated_at", job.updatedAt())
                    .bind("completed_at", job.completedAt())
                    .execute();
            insertItems(h, items);
            return null;
        });
    }

    private static void insertItems(Handle h, List<BatchItem> items) {
        try (PreparedStatement insert = h.getConnection().prepareStatement(INSERT_ITEM)) {
            int pending = 0;
            for (BatchItem item : items) {
                int i = 0;
                insert.setString(++i, item.batchId());
                insert.setInt(++i, item.index());
                insert.setString(++i, item.messageId());
                insert.setString(++i, item.to());
                insert.setString(++i, item.text());
                insert.setString(++i, item.status().wireName());
                insert.setString(++i, item.error());
                insert.setInt(++i, item.errorCode());
                setInstant(insert, ++i, item.queuedAt());
                setInstant(insert, ++i, item.sentAt());
                setInstant(insert, ++i, item.createdAt());
                insert.addBatch();
                if (++pending == INSERT_CHUNK) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        } catch (SQLException e) {
            throw new org.jdbi.v3.core.statement.UnableToExecuteStatementException(e, null);
        }
    }

    private static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, InstantArgumentFactory.parameter(value));
        }
    }

    @Override
    public Optional<BatchSummary> find(String batchId) {
        return sql.withHandle(
                "find batch",
                h -> h.createQuery("SELECT " + JOB_COLUMNS + ", claimed_through FROM batch_jobs WHERE id = :id")
                        .bind("id", batchId)
                        .map((rs, ctx) -> Map.entry(job(rs), rs.getInt("claimed_through")))
                        .findOne()
                        .map(found -> new BatchSummary(found.getKey(), counts(h, batchId, found.getValue()))));
    }

    /**
     * The counts of one job whose cursor is {@code through}: one pass over its rows, without the
     * join to its job that {@link #counts(Handle, List)} needs for several (a job is polled while
     * it sends).
     */
    private static BatchCounts counts(Handle h, String batchId, int through) {
        Map<BatchItemStatus, Integer> byStatus = new EnumMap<>(BatchItemStatus.class);
        h.createQuery("SELECT status, COUNT(*) AS n FROM (SELECT CASE WHEN status = '" + PENDING
                        + "' AND row_index <= :through THEN '" + SENDING + "' ELSE status END AS status "
                        + "FROM batch_messages WHERE batch_id = :batch_id) t GROUP BY status")
                .bind("through", through)
                .bind("batch_id", batchId)
                .map((rs, ctx) -> Map.entry(itemStatus(rs.getString("status")), rs.getInt("n")))
                .forEach(e -> byStatus.put(e.getKey(), e.getValue()));
        return BatchCounts.of(byStatus);
    }

    @Override
    public Page<BatchSummary> search(BatchQuery query) {
        StringBuilder where = new StringBuilder(" WHERE client_id = :client_id");
        if (query.status() != null) where.append(" AND status = :status");
        if (query.from() != null) where.append(" AND from_number = :from_number");
        if (query.since() != null) where.append(" AND created_at >= :since");
        if (query.until() != null) where.append(" AND created_at <= :until");
        return sql.withHandle("search batches", h -> {
            long total = bindFilter(h.createQuery("SELECT COUNT(*) FROM batch_jobs" + where), query)
                    .mapTo(Long.class)
                    .one();
            List<BatchJob> jobs = bindFilter(
                            h.createQuery("SELECT " + JOB_COLUMNS + " FROM batch_jobs" + where
                                    + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset"),
                            query)
                    .bind("limit", query.perPage())
                    .bind("offset", query.offset())
                    .map((rs, ctx) -> job(rs))
                    .list();
            Map<String, BatchCounts> counts =
                    counts(h, jobs.stream().map(BatchJob::id).toList());
            return new Page<>(
                    jobs.stream()
                            .map(j -> new BatchSummary(j, counts.getOrDefault(j.id(), BatchCounts.NONE)))
                            .toList(),
                    total,
                    query.page(),
                    query.perPage());
        });
    }

    private static Query bindFilter(Query statement, BatchQuery query) {
        statement.bind("client_id", query.clientId());
        if (query.status() != null) statement.bind("status", query.status().wireName());
        if (query.from() != null) statement.bind("from_number", query.from());
        if (query.since() != null) statement.bind("since", query.since());
        if (query.until() != null) statement.bind("until", query.until());
        return statement;
    }

    private static Map<String, BatchCounts> counts(Handle h, List<String> batchIds) {
        if (batchIds.isEmpty()) return Map.of();
        Map<String, Map<BatchItemStatus, Integer>> raw = new HashMap<>();
        h.createQuery("SELECT m.batch_id, " + STATUS + " AS status, COUNT(*) AS n" + ROWS
                        + " WHERE m.batch_id IN (<ids>) GROUP BY m.batch_id, " + STATUS)
                .bindList("ids", batchIds)
                .map((rs, ctx) ->
                        new StatusCount(rs.getString("batch_id"), itemStatus(rs.getString("status")), rs.getInt("n")))
                .forEach(c -> raw.computeIfAbsent(c.batchId(), id -> new EnumMap<>(BatchItemStatus.class))
                        .put(c.status(), c.count()));
        Map<String, BatchCounts> counts = new HashMap<>();
        raw.forEach((id, byStatus) -> counts.put(id, BatchCounts.of(byStatus)));
        return counts;
    }

    private record StatusCount(String batchId, BatchItemStatus status, int count) {}

    @Override
    public Page<BatchItem> items(String batchId, Collection<BatchItemStatus> statuses, int page, int perPage) {
        String filter = statuses.isEmpty() ? "" : " AND " + STATUS + " IN (<statuses>)";
        List<String> names = statuses.stream().map(BatchItemStatus::wireName).toList();
        return sql.withHandle("list batch messages", h -> {
            Query count = h.createQuery("SELECT COUNT(*)" + ROWS + " WHERE m.batch_id = :batch_id" + filter)
                    .bind("batch_id", batchId);
            Query select = h.createQuery("SELECT " + ITEM_SELECT + ROWS + " WHERE m.batch_id = :batch_id" + filter
                            + " ORDER BY m.row_index LIMIT :limit OFFSET :offset")
                    .bind("batch_id", batchId)
                    .bind("limit", perPage)
                    .bind("offset", (long) (page - 1) * perPage);
            if (!names.isEmpty()) {
                count.bindList("statuses", names);
                select.bindList("statuses", names);
            }
            long total = count.mapTo(Long.class).one();
            return new Page<>(select.map((rs, ctx) -> item(rs)).list(), total, page, perPage);
        });
    }

    @Override
    public Optional<BatchItem> findItem(String batchId, String messageId) {
        return sql.withHandle(
                "find batch message",
                h -> h.createQuery("SELECT " + ITEM_SELECT + ROWS
                                + " WHERE m.batch_id = :batch_id AND m.message_id = :message_id")
                        .bind("batch_id", batchId)
                        .bind("message_id", messageId)
                        .map((rs, ctx) -> item(rs))
                        .findOne());
    }

    @Override
    public List<BatchJob> unfinished() {
        return ownJobs("list unfinished batches", "status IN (<statuses>)");
    }

    @Override
    public List<BatchJob> awaitingWebhook() {
        return ownJobs(
                "list batches awaiting their webhook",
                "webhook_url IS NOT NULL AND webhook_notified = FALSE AND status NOT IN (<statuses>)");
    }

    /**
     * The jobs matching {@code condition} (which binds {@code statuses} to the unfinished ones),
     * oldest first: every one, or those of {@link #owner} once it has adopted those without an
     * owner (one UPDATE: of two nodes adopting at once, each row goes to the first).
     */
    private List<BatchJob> ownJobs(String action, String condition) {
        return sql.inTransaction(action, h -> {
            String ours = "";
            if (owner != null) {
                h.createUpdate("UPDATE batch_jobs SET server_id = :owner WHERE server_id IS NULL AND " + condition)
                        .bind("owner", owner)
                        .bindList("statuses", UNFINISHED_JOBS)
                        .execute();
                ours = " AND server_id = :owner";
            }
            var query = h.createQuery("SELECT " + JOB_COLUMNS + " FROM batch_jobs WHERE " + condition + ours
                            + " ORDER BY created_at, id")
                    .bindList("statuses", UNFINISHED_JOBS);
            if (owner != null) query.bind("owner", owner);
            return query.map((rs, ctx) -> job(rs)).list();
        });
    }

    /**
     * Locks the job's row and reads its cursor ({@code claimed_through}): every change of which
     * rows are taken or waiting holds this lock, so a claim and a cancel never both win a row.
     * Empty when the job does not exist.
     */
    private static Optional<Integer> lockCursor(Handle h, String batchId) {
        return lockJob(h, batchId).map(Cursor::through);
    }

    private static Optional<Cursor> lockJob(Handle h, String batchId) {
        return h.createQuery("SELECT claimed_through, total_count FROM batch_jobs WHERE id = :id FOR UPDATE")
                .bind("id", batchId)
                .map((rs, ctx) -> new Cursor(rs.getInt("claimed_through"), rs.getInt("total_count")))
                .findOne();
    }

    /** A job's cursor and its number of rows (indexes 0 to {@code total - 1}). */
    private record Cursor(int through, int total) {}

    /**
     * Reads the waiting rows and takes them without rewriting them: when the claim starts at or
     * before the row after the job's cursor, the cursor moves to the last row taken, and every
     * pending row up to it reads as {@code sending} from then on (no pending row below the cursor
     * was skipped). Queued rows (taken again after a usage limit), and every row of a claim that
     * starts further on, are written {@code sending} one by one.
     */
    @Override
    public List<BatchItem> claim(String batchId, int fromIndex, int limit) {
        return sql.inTransaction("claim batch messages", h -> {
            Optional<Cursor> cursor = lockJob(h, batchId);
            if (cursor.isEmpty()) {
                return List.<BatchItem>of();
            }
            int through = cursor.get().through();
            List<BatchItem> rows = new ArrayList<>();
            // Index ranges of the rows still wanted, until enough wait: with an open range and
            // ORDER BY ... LIMIT, H2 read every row of the job from fromIndex on, then sorted them.
            int total = cursor.get().total();
            for (int start = Math.max(0, fromIndex); rows.size() < limit && start < total; ) {
                int end = (int) Math.min((long) start + limit - rows.size() - 1, total - 1L);
                rows.addAll(h.createQuery("SELECT " + ITEM_COLUMNS + " FROM batch_messages WHERE batch_id = "
                                + ":batch_id AND row_index BETWEEN :start AND :end AND " + WAITING
                                + " ORDER BY row_index")
                        .bind("batch_id", batchId)
                        .bind("start", start)
                        .bind("end", end)
                        .bind("through", through)
                        .map((rs, ctx) -> item(rs))
                        .list());
                start = end + 1;
            }
            if (rows.isEmpty()) {
                return List.<BatchItem>of();
            }
            int first = rows.get(0).index();
            int last = rows.get(rows.size() - 1).index();
            boolean moveCursor = fromIndex <= through + 1;
            if (!moveCursor || rows.stream().anyMatch(r -> r.status() == BatchItemStatus.QUEUED)) {
                h.createUpdate("UPDATE batch_messages SET status = :sending WHERE batch_id = :batch_id "
                                + "AND row_index BETWEEN :first AND :last AND "
                                + (moveCursor ? "status = '" + QUEUED + "'" : WAITING))
                        .bind("sending", SENDING)
                        .bind("batch_id", batchId)
                        .bind("first", first)
                        .bind("last", last)
                        .bind("through", through)
                        .execute();
            }
            if (moveCursor && last > through) {
                h.createUpdate("UPDATE batch_jobs SET claimed_through = :last WHERE id = :id")
                        .bind("last", last)
                        .bind("id", batchId)
                        .execute();
            }
            return rows.stream().map(JdbiBatchStore::taken).toList();
        });
    }

    private static BatchItem taken(BatchItem row) {
        return new BatchItem(
                row.batchId(),
                row.index(),
                row.messageId(),
                row.to(),
                row.text(),
                BatchItemStatus.SENDING,
                row.error(),
                row.errorCode(),
                row.queuedAt(),
                row.sentAt(),
                row.createdAt());
    }

    @Override
    public List<BatchItem> sending(String batchId) {
        return sql.withHandle(
                "list batch messages being sent",
                h -> h.createQuery("SELECT " + ITEM_SELECT + ROWS + " WHERE m.batch_id = :batch_id AND " + STATUS
                                + " = :sending ORDER BY m.row_index")
                        .bind("batch_id", batchId)
                        .bind("sending", SENDING)
                        .map((rs, ctx) -> item(rs))
                        .list());
    }

    /**
     * Applies outcomes to rows still taken: {@code sending}, or pending at or below their job's
     * cursor (read once per job; a cursor only moves forward, and a row has an outcome only
     * after the claim that took it).
     */
    @Override
    public void record(List<ItemOutcome> outcomes) {
        if (outcomes.isEmpty()) return;
        sql.inTransaction("record batch outcomes", h -> {
            Map<String, Integer> cursors = new HashMap<>();
            h.createQuery("SELECT id, claimed_through FROM batch_jobs WHERE id IN (<ids>)")
                    .bindList(
                            "ids",
                            outcomes.stream()
                                    .map(ItemOutcome::batchId)
                                    .distinct()
                                    .toList())
                    .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getInt("claimed_through")))
                    .forEach(e -> cursors.put(e.getKey(), e.getValue()));
            PreparedBatch sent = h.prepareBatch("UPDATE batch_messages SET status = :status, error = NULL, "
                    + "error_code = 0, sent_at = :at WHERE batch_id = :batch_id AND row_index = :row_index AND "
                    + TAKEN);
            PreparedBatch queued = h.prepareBatch("UPDATE batch_messages SET status = :status, error = :error, "
                    + "error_code = :error_code, queued_at = :at WHERE batch_id = :batch_id "
                    + "AND row_index = :row_index AND " + TAKEN);
            PreparedBatch other = h.prepareBatch("UPDATE batch_messages SET status = :status, error = :error, "
                    + "error_code = :error_code WHERE batch_id = :batch_id AND row_index = :row_index AND " + TAKEN);
            for (ItemOutcome outcome : outcomes) {
                Integer through = cursors.get(outcome.batchId());
                if (through == null) continue; // the job is gone
                PreparedBatch batch = switch (outcome.status()) {
                    case SENT -> sent;
                    case QUEUED -> queued;
                    default -> other;
                };
                batch.bind("status", outcome.status().wireName())
                        .bind("batch_id", outcome.batchId())
                        .bind("row_index", outcome.index())
                        .bind("through", through.intValue());
                if (batch == sent || batch == queued) batch.bind("at", outcome.at());
                if (batch != sent) batch.bind("error", outcome.error()).bind("error_code", outcome.errorCode());
                batch.add();
            }
            for (PreparedBatch batch : List.of(sent, queued, other)) {
                if (batch.size() > 0) batch.execute();
            }
            return null;
        });
    }

    @Override
    public int queueWaiting(String batchId, String error, int errorCode, Instant at) {
        return sql.inTransaction("queue batch messages", h -> {
            Optional<Integer> cursor = lockCursor(h, batchId);
            if (cursor.isEmpty()) {
                return 0;
            }
            return h.createUpdate("UPDATE batch_messages SET status = :queued, error = :error, "
                            + "error_code = :error_code, queued_at = :at WHERE batch_id = :batch_id "
                            + "AND status = :pending AND row_index > :through")
                    .bind("queued", QUEUED)
                    .bind("pending", PENDING)
                    .bind("error", error)
                    .bind("error_code", errorCode)
                    .bind("at", at)
                    .bind("batch_id", batchId)
                    .bind("through", cursor.get().intValue())
                    .execute();
        });
    }

    @Override
    public int failWaiting(String batchId, String error, int errorCode) {
        return finishWaiting("fail batch messages", batchId, null, BatchItemStatus.FAILED, error, errorCode);
    }

    @Override
    public int cancelWaiting(String batchId, String reason) {
        return finishWaiting("cancel batch messages", batchId, null, BatchItemStatus.CANCELLED, reason, 0);
    }

    @Override
    public boolean cancelItem(String batchId, String messageId, String reason) {
        return finishWaiting("cancel batch message", batchId, messageId, BatchItemStatus.CANCELLED, reason, 0) > 0;
    }

    /** Moves a job's waiting rows (or the one with {@code messageId} if it waits) to a final status. */
    private int finishWaiting(
            String action, String batchId, String messageId, BatchItemStatus status, String error, int errorCode) {
        return sql.inTransaction(action, h -> {
            Optional<Integer> cursor = lockCursor(h, batchId);
            if (cursor.isEmpty()) {
                return 0;
            }
            Update update = h.createUpdate("UPDATE batch_messages SET status = :status, error = :error, "
                            + "error_code = :error_code WHERE batch_id = :batch_id AND " + WAITING
                            + (messageId == null ? "" : " AND message_id = :message_id"))
                    .bind("status", status.wireName())
                    .bind("error", error)
                    .bind("error_code", errorCode)
                    .bind("batch_id", batchId)
                    .bind("through", cursor.get().intValue());
            if (messageId != null) {
                update.bind("message_id", messageId);
            }
            return update.execute();
        });
    }

    @Override
    public void updateState(BatchJob job) {
        sql.withHandle(
                "update batch",
                h -> h.createUpdate("UPDATE batch_jobs SET status = :status, "
                                + "retry_until = :retry_until, updated_at = :updated_at, completed_at = :completed_at "
                                + "WHERE id = :id")
                        .bind("status", job.status().wireName())
                        .bind("retry_until", job.retryUntil())
                        .bind("updated_at", job.updatedAt())
                        .bind("completed_at", job.completedAt())
                        .bind("id", job.id())
                        .execute());
    }

    @Override
    public void markNotified(String batchId) {
        sql.withHandle(
                "mark batch webhook delivered",
                h -> h.createUpdate("UPDATE batch_jobs SET webhook_notified = TRUE WHERE id = :id")
                        .bind("id", batchId)
                        .execute());
    }

    private static BatchJob job(ResultSet rs) throws SQLException {
        return new BatchJob(
                rs.getString("id"),
                rs.getLong("client_id"),
                Columns.nullableLong(rs, "api_key_id"),
                BatchStatus.fromWire(rs.getString("status")).orElseThrow(),
                rs.getInt("total_count"),
                rs.getString("from_number"),
                rs.getString("webhook_url"),
                rs.getInt("throttle_per_second"),
                rs.getInt("max_retry_mins"),
                Columns.instant(rs, "retry_until"),
                rs.getBoolean("webhook_notified"),
                Columns.instant(rs, "created_at"),
                Columns.instant(rs, "updated_at"),
                Columns.instant(rs, "completed_at"));
    }

    private static BatchItem item(ResultSet rs) throws SQLException {
        return new BatchItem(
                rs.getString("batch_id"),
                rs.getInt("row_index"),
                rs.getString("message_id"),
                rs.getString("to_number"),
                rs.getString("text"),
                itemStatus(rs.getString("status")),
                rs.getString("error"),
                rs.getInt("error_code"),
                Columns.instant(rs, "queued_at"),
                Columns.instant(rs, "sent_at"),
                Columns.instant(rs, "created_at"));
    }

    private static BatchItemStatus itemStatus(String wire) {
        return BatchItemStatus.fromWire(wire).orElseThrow(() -> new IllegalStateException("unknown status " + wire));
    }
}
