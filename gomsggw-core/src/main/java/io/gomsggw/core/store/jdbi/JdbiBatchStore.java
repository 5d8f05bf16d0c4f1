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
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * {@link BatchStore} on {@code batch_jobs} and {@code batch_messages}. Rows are inserted with
 * plain JDBC batches of {@value #INSERT_CHUNK} (binding by name costs more than the insert on H2);
 * counts are computed from the rows on every read, so they are always consistent with them.
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
    private static final List<String> WAITING =
            List.of(BatchItemStatus.PENDING.wireName(), BatchItemStatus.QUEUED.wireName());
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
                h -> h.createQuery("SELECT " + JOB_COLUMNS + " FROM batch_jobs WHERE id = :id")
                        .bind("id", batchId)
                        .map((rs, ctx) -> job(rs))
                        .findOne()
                        .map(job -> new BatchSummary(
                                job, counts(h, List.of(job.id())).getOrDefault(job.id(), BatchCounts.NONE))));
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
        h.createQuery("SELECT batch_id, status, COUNT(*) AS n FROM batch_messages WHERE batch_id IN (<ids>) "
                        + "GROUP BY batch_id, status")
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
        String filter = statuses.isEmpty() ? "" : " AND status IN (<statuses>)";
        List<String> names = statuses.stream().map(BatchItemStatus::wireName).toList();
        return sql.withHandle("list batch messages", h -> {
            Query count = h.createQuery("SELECT COUNT(*) FROM batch_messages WHERE batch_id = :batch_id" + filter)
                    .bind("batch_id", batchId);
            Query select = h.createQuery("SELECT " + ITEM_COLUMNS + " FROM batch_messages WHERE batch_id = :batch_id"
                            + filter + " ORDER BY row_index LIMIT :limit OFFSET :offset")
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
                h -> h.createQuery("SELECT " + ITEM_COLUMNS
                                + " FROM batch_messages WHERE batch_id = :batch_id AND message_id = :message_id")
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
     * Selects the rows, then moves them by their index range (the primary key's order): an IN list
     * of indexes made H2 test every row of the job against every index. A row of the range that
     * was not selected is either not waiting (left alone by the status condition) or was selected.
     */
    @Override
    public List<BatchItem> claim(String batchId, int fromIndex, int limit) {
        return sql.inTransaction("claim batch messages", h -> {
            List<Integer> indexes = h.createQuery("SELECT row_index FROM batch_messages WHERE batch_id = :batch_id "
                            + "AND row_index >= :from AND status IN (<waiting>) ORDER BY row_index LIMIT :limit")
                    .bind("batch_id", batchId)
                    .bind("from", fromIndex)
                    .bindList("waiting", WAITING)
                    .bind("limit", limit)
                    .mapTo(Integer.class)
                    .list();
            if (indexes.isEmpty()) {
                return List.<BatchItem>of();
            }
            int first = indexes.get(0);
            int last = indexes.get(indexes.size() - 1);
            h.createUpdate("UPDATE batch_messages SET status = :sending WHERE batch_id = :batch_id "
                            + "AND row_index BETWEEN :first AND :last AND status IN (<waiting>)")
                    .bind("sending", BatchItemStatus.SENDING.wireName())
                    .bind("batch_id", batchId)
                    .bind("first", first)
                    .bind("last", last)
                    .bindList("waiting", WAITING)
                    .execute();
            Set<Integer> selected = new HashSet<>(indexes);
            return h.createQuery("SELECT " + ITEM_COLUMNS + " FROM batch_messages WHERE batch_id = :batch_id "
                            + "AND row_index BETWEEN :first AND :last AND status = :sending ORDER BY row_index")
                    .bind("batch_id", batchId)
                    .bind("first", first)
                    .bind("last", last)
                    .bind("sending", BatchItemStatus.SENDING.wireName())
                    .map((rs, ctx) -> item(rs))
                    .filter(item -> selected.contains(item.index()))
                    .list();
        });
    }

    @Override
    public List<BatchItem> sending(String batchId) {
        return sql.withHandle(
                "list batch messages being sent",
                h -> h.createQuery(
                                "SELECT " + ITEM_COLUMNS
                                        + " FROM batch_messages WHERE batch_id = :batch_id AND status = :sending ORDER BY row_index")
                        .bind("batch_id", batchId)
                        .bind("sending", BatchItemStatus.SENDING.wireName())
                        .map((rs, ctx) -> item(rs))
                        .list());
    }

    @Override
    public void record(List<ItemOutcome> outcomes) {
        if (outcomes.isEmpty()) return;
        sql.inTransaction("record batch outcomes", h -> {
            PreparedBatch sent = h.prepareBatch("UPDATE batch_messages SET status = :status, error = NULL, "
                    + "error_code = 0, sent_at = :at WHERE batch_id = :batch_id AND row_index = :row_index "
                    + "AND status = :sending");
            PreparedBatch queued = h.prepareBatch("UPDATE batch_messages SET status = :status, error = :error, "
                    + "error_code = :error_code, queued_at = :at WHERE batch_id = :batch_id "
                    + "AND row_index = :row_index AND status = :sending");
            PreparedBatch other = h.prepareBatch("UPDATE batch_messages SET status = :status, error = :error, "
                    + "error_code = :error_code WHERE batch_id = :batch_id AND row_index = :row_index "
                    + "AND status = :sending");
            for (ItemOutcome outcome : outcomes) {
                PreparedBatch batch = switch (outcome.status()) {
                    case SENT -> sent;
                    case QUEUED -> queued;
                    default -> other;
                };
                batch.bind("status", outcome.status().wireName())
                        .bind("batch_id", outcome.batchId())
                        .bind("row_index", outcome.index())
                        .bind("sending", BatchItemStatus.SENDING.wireName());
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
        return sql.withHandle(
                "queue batch messages",
                h -> h.createUpdate("UPDATE batch_messages SET status = :queued, "
                                + "error = :error, error_code = :error_code, queued_at = :at WHERE batch_id = :batch_id "
                                + "AND status = :pending")
                        .bind("queued", BatchItemStatus.QUEUED.wireName())
                        .bind("pending", BatchItemStatus.PENDING.wireName())
                        .bind("error", error)
                        .bind("error_code", errorCode)
                        .bind("at", at)
                        .bind("batch_id", batchId)
                        .execute());
    }

    @Override
    public int failWaiting(String batchId, String error, int errorCode) {
        return finishWaiting("fail batch messages", batchId, BatchItemStatus.FAILED, error, errorCode);
    }

    @Override
    public int cancelWaiting(String batchId, String reason) {
        return finishWaiting("cancel batch messages", batchId, BatchItemStatus.CANCELLED, reason, 0);
    }

    private int finishWaiting(String action, String batchId, BatchItemStatus status, String error, int errorCode) {
        return sql.withHandle(
                action,
                h -> h.createUpdate("UPDATE batch_messages SET status = :status, error = :error, "
                                + "error_code = :error_code WHERE batch_id = :batch_id AND status IN (<waiting>)")
                        .bind("status", status.wireName())
                        .bind("error", error)
                        .bind("error_code", errorCode)
                        .bind("batch_id", batchId)
                        .bindList("waiting", WAITING)
                        .execute());
    }

    @Override
    public boolean cancelItem(String batchId, String messageId, String reason) {
        return sql.withHandle(
                        "cancel batch message",
                        h -> h.createUpdate("UPDATE batch_messages SET status = :status, "
                                        + "error = :error, error_code = 0 WHERE batch_id = :batch_id AND message_id = :message_id "
                                        + "AND status IN (<waiting>)")
                                .bind("status", BatchItemStatus.CANCELLED.wireName())
                                .bind("error", reason)
                                .bind("batch_id", batchId)
                                .bind("message_id", messageId)
                                .bindList("waiting", WAITING)
                                .execute())
                > 0;
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
