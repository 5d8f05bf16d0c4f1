package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.model.Message;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link MessageRows} on PostgreSQL: a batch is one statement whose parameters are arrays, one per
 * column, spread back into rows by {@code unnest}. One Bind and one Execute per batch instead of
 * one per row, and the same statement text whatever the batch size, so the driver keeps it
 * prepared on the server. Times travel as ISO-8601 text, truncated to microseconds.
 */
final class PostgresMessageRows implements MessageRows {
    private static final String INSERT = "INSERT INTO messages (" + INSERT_COLUMNS + ") SELECT * FROM unnest("
            + "?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], "
            + "?::bigint[], ?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[], ?::integer[], ?::varchar[], "
            + "?::varchar[], ?::timestamptz[], ?::timestamptz[], ?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[], "
            + "?::timestamptz[], ?::timestamptz[])";
    private static final String UPDATE = "UPDATE messages m SET status = u.status, attempts = u.attempts, "
            + "updated_at = u.at, last_error = COALESCE(u.failure, m.last_error), "
            + "carrier_message_id = COALESCE(u.carrier_message_id, m.carrier_message_id), "
            + "awaiting_report_id = CASE WHEN u.final THEN NULL ELSE COALESCE(u.carrier_message_id, m.awaiting_report_id) END, "
            + "status_history = COALESCE(m.status_history, '') || u.history, log_lsn = COALESCE(u.lsn, m.log_lsn), "
            + "retry_at = u.retry_at, window_from = COALESCE(u.window_from, m.window_from) "
            + "FROM unnest(?::varchar[], ?::varchar[], ?::integer[], ?::timestamptz[], ?::varchar[], ?::varchar[], "
            + "?::boolean[], ?::varchar[], ?::bigint[], ?::timestamptz[], ?::timestamptz[]) AS u(id, status, attempts, "
            + "at, failure, carrier_message_id, final, history, lsn, retry_at, window_from) WHERE m.id = u.id "
            + "RETURNING m.id";

    @Override
    public void insert(Connection connection, List<NewMessageRow> rows) throws SQLException {
        int n = rows.size();
        String[] id = new String[n], type = new String[n], direction = new String[n], from = new String[n],
                to = new String[n], text = new String[n], ingress = new String[n], carrier = new String[n],
                carrierMessageId = new String[n], status = new String[n], lastError = new String[n],
                serverId = new String[n], createdAt = new String[n], updatedAt = new String[n],
                externalRef = new String[n], history = new String[n], awaitingReport = new String[n],
                retryAt = new String[n], windowFrom = new String[n];
        Long[] clientId = new Long[n], targetClientId = new Long[n], lsn = new Long[n];
        Integer[] attempts = new Integer[n];
        for (int r = 0; r < n; r++) {
            NewMessageRow row = rows.get(r);
            Message m = row.message;
            id[r] = m.id();
            type[r] = m.type().wireName();
            direction[r] = m.direction().wireName();
            from[r] = m.from();
            to[r] = m.to();
            text[r] = m.text();
            ingress[r] = m.ingress().wireName();
            clientId[r] = m.clientId();
            targetClientId[r] = m.targetClientId();
            carrier[r] = m.carrier();
            carrierMessageId[r] = m.carrierMessageId();
            status[r] = m.status().wireName();
            attempts[r] = m.attempts();
            lastError[r] = m.lastError();
            serverId[r] = m.serverId();
            createdAt[r] = timestamp(m.createdAt());
            updatedAt[r] = timestamp(m.updatedAt());
            externalRef[r] = m.externalRef();
            history[r] = row.history.toString();
            awaitingReport[r] = row.awaitingReportId();
            lsn[r] = row.lsnOrNull();
            retryAt[r] = timestampOrNull(m.retryAt());
            windowFrom[r] = timestampOrNull(m.windowFrom());
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            int i = 0;
            for (String[] column : new String[][] {id, type, direction, from, to, text, ingress}) {
                insert.setArray(++i, connection.createArrayOf("varchar", column));
            }
            insert.setArray(++i, connection.createArrayOf("int8", clientId));
            insert.setArray(++i, connection.createArrayOf("int8", targetClientId));
            for (String[] column : new String[][] {carrier, carrierMessageId, status}) {
                insert.setArray(++i, connection.createArrayOf("varchar", column));
            }
            insert.setArray(++i, connection.createArrayOf("int4", attempts));
            for (String[] column : new String[][] {lastError, serverId, createdAt, updatedAt, externalRef, history,
                    awaitingReport}) {
                insert.setArray(++i, connection.createArrayOf("varchar", column));
            }
            insert.setArray(++i, connection.createArrayOf("int8", lsn));
            insert.setArray(++i, connection.createArrayOf("varchar", retryAt));
            insert.setArray(++i, connection.createArrayOf("varchar", windowFrom));
            insert.executeUpdate();
        }
    }

    @Override
    public boolean[] update(Connection connection, List<MergedTransition> updates) throws SQLException {
        int n = updates.size();
        String[] id = new String[n], status = new String[n], at = new String[n], failure = new String[n],
                carrierMessageId = new String[n], history = new String[n], retryAt = new String[n],
                windowFrom = new String[n];
        Integer[] attempts = new Integer[n];
        Boolean[] isFinal = new Boolean[n];
        Long[] lsn = new Long[n];
        for (int r = 0; r < n; r++) {
            MergedTransition m = updates.get(r);
            id[r] = m.messageId;
            status[r] = m.last.status().wireName();
            attempts[r] = m.last.attempts();
            at[r] = timestamp(m.last.at());
            failure[r] = m.failure;
            carrierMessageId[r] = m.carrierMessageId;
            isFinal[r] = m.last.status().isFinal();
            history[r] = m.history.toString();
            lsn[r] = m.lsnOrNull();
            retryAt[r] = timestampOrNull(m.last.retryAt());
            windowFrom[r] = timestampOrNull(m.windowFrom);
        }
        Set<String> found = new HashSet<>(n * 2);
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            int i = 0;
            update.setArray(++i, connection.createArrayOf("varchar", id));
            update.setArray(++i, connection.createArrayOf("varchar", status));
            update.setArray(++i, connection.createArrayOf("int4", attempts));
            update.setArray(++i, connection.createArrayOf("varchar", at));
            update.setArray(++i, connection.createArrayOf("varchar", failure));
            update.setArray(++i, connection.createArrayOf("varchar", carrierMessageId));
            update.setArray(++i, connection.createArrayOf("bool", isFinal));
            update.setArray(++i, connection.createArrayOf("varchar", history));
            update.setArray(++i, connection.createArrayOf("int8", lsn));
            update.setArray(++i, connection.createArrayOf("varchar", retryAt));
            update.setArray(++i, connection.createArrayOf("varchar", windowFrom));
            try (ResultSet rs = update.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        boolean[] result = new boolean[n];
        for (int r = 0; r < n; r++) {
            result[r] = found.contains(id[r]);
        }
        return result;
    }

    private static String timestampOrNull(Instant instant) {
        return instant == null ? null : timestamp(instant);
    }

    /** ISO-8601 in UTC, to the microsecond: PostgreSQL reads it as a {@code timestamptz}. */
    private static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).toString();
    }
}
