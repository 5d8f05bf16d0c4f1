package io.gomsggw.server.goimport;

import io.gomsggw.core.model.Secret;
import io.gomsggw.server.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A Go gateway's PostgreSQL database, read only: the tables its GORM models create
 * ({@code clients}, {@code client_settings}, {@code client_numbers}, {@code number_settings},
 * {@code client_failovers}, {@code carriers}, {@code tenant_api_keys}, {@code api_key_numbers},
 * {@code msg_record_db_items}) in the connection's current schema ({@code public} unless the URL
 * names another with {@code currentSchema}).
 *
 * <p>Older Go versions lack some columns (a client's {@code type} and {@code timezone}, a number's
 * {@code tag} and {@code group}, a carrier's {@code profile_id}, the message records' tracking
 * fields) and some tables; those read as NULL and as no rows. Only the columns that identify a row
 * are required.
 *
 * <p>The connection is set read-only and nothing here writes. Not thread-safe: one importer uses
 * it at a time. Every method blocks on the database; failures are {@link GoDatabaseException}s.
 */
final class GoDatabase implements AutoCloseable {
    static final String MESSAGE_RECORDS = "msg_record_db_items";

    /** The tables and columns that identify rows, checked in this order. */
    private static final List<Map.Entry<String, List<String>>> REQUIRED = List.of(
            Map.entry("clients", List.of("id", "username", "password")),
            Map.entry("carriers", List.of("id", "name", "type", "password", "uuid")),
            Map.entry("client_numbers", List.of("id", "client_id", "number")));

    private final Connection connection;
    private final String description;
    private final Map<String, Set<String>> columns;

    private GoDatabase(Connection connection, String description, Map<String, Set<String>> columns) {
        this.connection = connection;
        this.description = description;
        this.columns = columns;
    }

    /**
     * Connects and checks that the schema is a Go gateway's.
     *
     * @throws GoDatabaseException when the database cannot be reached, or has no Go gateway tables
     */
    static GoDatabase open(DatabaseConfig.Postgres source) {
        Properties properties = new Properties();
        source.user().ifPresent(user -> properties.setProperty("user", user));
        source.password().map(Secret::reveal).ifPresent(password -> properties.setProperty("password", password));
        Connection connection;
        try {
            connection = DriverManager.getConnection(source.jdbcUrl(), properties);
        } catch (SQLException e) {
            throw new GoDatabaseException(
                    "cannot connect to the Go gateway's database " + source.safeUrl() + ": " + firstLine(e), e);
        }
        try {
            connection.setReadOnly(true);
            Map<String, Set<String>> columns = readColumns(connection);
            String schema = currentSchema(connection);
            for (Map.Entry<String, List<String>> table : REQUIRED) {
                Set<String> present = columns.get(table.getKey());
                if (present == null) {
                    throw new GoDatabaseException(source.safeUrl() + " has no table " + table.getKey() + " in schema "
                            + schema + ": not a Go gateway database (name another schema with ?currentSchema=...)");
                }
                for (String column : table.getValue()) {
                    if (!present.contains(column)) {
                        throw new GoDatabaseException("table " + table.getKey() + " of " + source.safeUrl()
                                + " has no column " + column + ": not a Go gateway database");
                    }
                }
            }
            return new GoDatabase(connection, source.safeUrl() + " (schema " + schema + ")", columns);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            if (e instanceof GoDatabaseException known) {
                throw known;
            }
            throw new GoDatabaseException(
                    "cannot read the Go gateway's database " + source.safeUrl() + ": "
                            + (e instanceof SQLException sql ? firstLine(sql) : e.toString()),
                    e);
        }
    }

    /** Where the rows come from, without credentials. */
    String description() {
        return description;
    }

    List<GoRows.Carrier> carriers() {
        return query(
                "read carriers",
                select("carriers", "id", "name", "type", "username", "password", "uuid", "profile_id") + " ORDER BY id",
                List.of(),
                row -> new GoRows.Carrier(
                        row.getLong("id"),
                        row.getString("name"),
                        row.getString("type"),
                        row.getString("username"),
                        row.getString("password"),
                        row.getString("uuid"),
                        row.getString("profile_id")));
    }

    List<GoRows.Client> clients() {
        Map<Long, GoRows.ClientSettings> settings = new HashMap<>();
        if (hasTable("client_settings")) {
            forEachRow(
                    "read client settings",
                    select(
                                    "client_settings",
                                    "client_id",
                                    "auth_method",
                                    "api_format",
                                    "disable_message_splitting",
                                    "webhook_retries",
                                    "webhook_timeout_secs",
                                    "include_raw_segments",
                                    "default_webhook",
                                    "sms_burst_limit",
                                    "sms_daily_limit",
                                    "sms_monthly_limit",
                                    "mms_burst_limit",
                                    "mms_daily_limit",
                                    "mms_monthly_limit",
                                    "limit_both")
                            + " ORDER BY id",
                    List.of(),
                    row -> settings.putIfAbsent(
                            row.getLong("client_id"),
                            new GoRows.ClientSettings(
                                    row.getString("auth_method"),
                                    row.getString("api_format"),
                                    row.getBoolean("disable_message_splitting"),
                                    row.getLong("webhook_retries"),
                                    row.getLong("webhook_timeout_secs"),
                                    row.getBoolean("include_raw_segments"),
                                    row.getString("default_webhook"),
                                    limits(row),
                                    row.getBoolean("limit_both"))));
        }
        return query(
                "read clients",
                select("clients", "id", "username", "password", "address", "name", "type", "timezone", "log_privacy")
                        + " ORDER BY id",
                List.of(),
                row -> new GoRows.Client(
                        row.getLong("id"),
                        row.getString("username"),
                        row.getString("password"),
                        row.getString("address"),
                        row.getString("name"),
                        row.getString("type"),
                        row.getString("timezone"),
                        row.getBoolean("log_privacy"),
                        Optional.ofNullable(settings.get(row.getLong("id")))));
    }

    List<GoRows.Number> numbers() {
        Map<Long, GoRows.NumberSettings> settings = new HashMap<>();
        if (hasTable("number_settings")) {
            // GORM names the column after the field (auto_reply_cooldown_sec); the Go gateway's
            // hand-written migration added auto_reply_cooldown_secs, which the gateway never reads.
            String cooldown = columns.get("number_settings").contains("auto_reply_cooldown_sec")
                    ? "auto_reply_cooldown_sec"
                    : "auto_reply_cooldown_secs";
            forEachRow(
                    "read number settings",
                    select(
                                    "number_settings",
                                    "number_id",
                                    "sms_burst_limit",
                                    "sms_daily_limit",
                                    "sms_monthly_limit",
                                    "mms_burst_limit",
                                    "mms_daily_limit",
                                    "mms_monthly_limit",
                                    "limit_both",
                                    "auto_reply_enabled",
                                    "auto_reply_message",
                                    cooldown)
                            + " ORDER BY id",
                    List.of(),
                    row -> settings.putIfAbsent(
                            row.getLong("number_id"),
                            new GoRows.NumberSettings(
                                    limits(row),
                                    row.getBoolean("limit_both"),
                                    row.getBoolean("auto_reply_enabled"),
                                    row.getString("auto_reply_message"),
                                    row.getLong(cooldown))));
        }
        return query(
                "read numbers",
                select(
                                "client_numbers",
                                "id",
                                "client_id",
                                "number",
                                "carrier",
                                "tag",
                                "group",
                                "ignore_stop_cmd_sending",
                                "web_hook")
                        + " ORDER BY id",
                List.of(),
                row -> new GoRows.Number(
                        row.getLong("id"),
                        row.getLong("client_id"),
                        row.getString("number"),
                        row.getString("carrier"),
                        row.getString("tag"),
                        row.getString("group"),
                        row.getBoolean("ignore_stop_cmd_sending"),
                        row.getString("web_hook"),
                        Optional.ofNullable(settings.get(row.getLong("id")))));
    }

    List<GoRows.Failover> failovers() {
        if (!hasTable("client_failovers")) {
            return List.of();
        }
        return query(
                "read failovers",
                select("client_failovers", "id", "primary_client_id", "fallback_client_id", "priority", "enabled")
                        + " ORDER BY id",
                List.of(),
                row -> new GoRows.Failover(
                        row.getLong("id"),
                        row.getLong("primary_client_id"),
                        row.getLong("fallback_client_id"),
                        row.getLong("priority"),
                        row.getObject("enabled") == null || row.getBoolean("enabled")));
    }

    List<GoRows.ApiKey> apiKeys() {
        if (!hasTable("tenant_api_keys")) {
            return List.of();
        }
        Map<Long, List<Long>> numbers = new HashMap<>();
        if (hasTable("api_key_numbers")) {
            forEachRow(
                    "read API key numbers",
                    select("api_key_numbers", "api_key_id", "number_id") + " ORDER BY id",
                    List.of(),
                    row -> numbers.computeIfAbsent(row.getLong("api_key_id"), id -> new ArrayList<>())
                            .add(row.getLong("number_id")));
        }
        return query(
                "read API keys",
                select(
                                "tenant_api_keys",
                                "id",
                                "client_id",
                                "name",
                                "key_hash",
                                "key_prefix",
                                "scopes",
                                "rate_limit",
                                "active",
                                "expires_at",
                                "last_used_at",
                                "created_at")
                        + " ORDER BY id",
                List.of(),
                row -> new GoRows.ApiKey(
                        row.getLong("id"),
                        row.getLong("client_id"),
                        row.getString("name"),
                        row.getString("key_hash"),
                        row.getString("key_prefix"),
                        row.getString("scopes"),
                        row.getLong("rate_limit"),
                        row.getObject("active") == null || row.getBoolean("active"),
                        instant(row, "expires_at"),
                        instant(row, "last_used_at"),
                        instant(row, "created_at"),
                        List.copyOf(numbers.getOrDefault(row.getLong("id"), List.of()))));
    }

    /** Whether the database keeps message records at all (older Go versions may not). */
    boolean hasMessageRecords() {
        return hasTable(MESSAGE_RECORDS)
                && columns.get(MESSAGE_RECORDS)
                        .containsAll(List.of("id", "client_id", "to", "from", "received_timestamp", "type"));
    }

    /**
     * A client's message records received at {@code since} or later, counted by type, direction
     * and the client's number: the number sent from for outbound records, sent to for inbound
     * ones. Records without a direction (older Go versions) count as outbound.
     */
    List<GoRows.UsageCount> usageSince(long clientId, Instant since) {
        if (!hasMessageRecords()) {
            return List.of();
        }
        String direction = columns.get(MESSAGE_RECORDS).contains("direction") ? "direction" : "NULL";
        String sql = "SELECT type, inbound, number, COUNT(*) AS n FROM (SELECT type, "
                + "CASE WHEN " + direction + " = 'inbound' THEN 1 ELSE 0 END AS inbound, "
                + "CASE WHEN " + direction + " = 'inbound' THEN \"to\" ELSE \"from\" END AS number "
                + "FROM " + MESSAGE_RECORDS + " WHERE client_id = ? AND received_timestamp >= ?) AS records "
                + "GROUP BY type, inbound, number";
        return query(
                "count message records",
                sql,
                List.of(clientId, OffsetDateTime.ofInstant(since, ZoneOffset.UTC)),
                row -> new GoRows.UsageCount(
                        row.getString("type"), row.getInt("inbound") == 1, row.getString("number"), row.getLong("n")));
    }

    /** How many message records each Go client has, by client id. */
    Map<Long, Long> messageRecordsByClient() {
        Map<Long, Long> counts = new HashMap<>();
        if (hasMessageRecords()) {
            forEachRow(
                    "count message records",
                    "SELECT client_id, COUNT(*) AS n FROM " + MESSAGE_RECORDS + " GROUP BY client_id",
                    List.of(),
                    row -> counts.put(row.getLong("client_id"), row.getLong("n")));
        }
        return counts;
    }

    /** How many message records of a client have an id above {@code afterId}. */
    long messageRecordsOfClientAfter(long clientId, long afterId) {
        if (!hasMessageRecords()) {
            return 0;
        }
        return query(
                        "count message records",
                        "SELECT COUNT(*) AS n FROM " + MESSAGE_RECORDS + " WHERE client_id = ? AND id > ?",
                        List.of(clientId, afterId),
                        row -> row.getLong("n"))
                .get(0);
    }

    /** Up to {@code limit} message records with ids above {@code afterId}, by id. */
    List<GoRows.MessageRecord> messageRecords(long afterId, int limit) {
        if (!hasMessageRecords()) {
            return List.of();
        }
        String sql = select(
                        MESSAGE_RECORDS,
                        "id",
                        "client_id",
                        "to",
                        "from",
                        "received_timestamp",
                        "type",
                        "carrier",
                        "internal",
                        "log_id",
                        "server_id",
                        "direction",
                        "from_client_type",
                        "to_client_type",
                        "delivery_method")
                + " WHERE id > ? ORDER BY id LIMIT ?";
        return query(
                "read message records",
                sql,
                List.of(afterId, limit),
                row -> new GoRows.MessageRecord(
                        row.getLong("id"),
                        row.getLong("client_id"),
                        row.getString("to"),
                        row.getString("from"),
                        instant(row, "received_timestamp"),
                        row.getString("type"),
                        row.getString("carrier"),
                        row.getBoolean("internal"),
                        row.getString("log_id"),
                        row.getString("server_id"),
                        row.getString("direction"),
                        row.getString("from_client_type"),
                        row.getString("to_client_type"),
                        row.getString("delivery_method")));
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private boolean hasTable(String table) {
        return columns.containsKey(table);
    }

    /** {@code SELECT} of the columns, the ones the table lacks as NULL under their name. */
    private String select(String table, String... wanted) {
        Set<String> present = columns.getOrDefault(table, Set.of());
        StringJoiner list = new StringJoiner(", ", "SELECT ", " FROM " + table);
        for (String column : wanted) {
            list.add(present.contains(column) ? quote(column) : "NULL AS " + quote(column));
        }
        return list.toString();
    }

    private static String quote(String column) {
        return "\"" + column + "\"";
    }

    private static GoRows.Limits limits(ResultSet row) throws SQLException {
        return new GoRows.Limits(
                row.getLong("sms_burst_limit"),
                row.getLong("sms_daily_limit"),
                row.getLong("sms_monthly_limit"),
                row.getLong("mms_burst_limit"),
                row.getLong("mms_daily_limit"),
                row.getLong("mms_monthly_limit"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private interface RowConsumer {
        void accept(ResultSet row) throws SQLException;
    }

    private <T> List<T> query(String action, String sql, List<Object> parameters, RowReader<T> reader) {
        List<T> rows = new ArrayList<>();
        forEachRow(action, sql, parameters, row -> rows.add(reader.read(row)));
        return rows;
    }

    private void forEachRow(String action, String sql, List<Object> parameters, RowConsumer consumer) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    consumer.accept(result);
                }
            }
        } catch (SQLException e) {
            throw new GoDatabaseException(action + " failed: " + firstLine(e), e);
        }
    }

    private static Map<String, Set<String>> readColumns(Connection connection) throws SQLException {
        Map<String, Set<String>> columns = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT table_name, column_name FROM "
                        + "information_schema.columns WHERE table_schema = current_schema()");
                ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                columns.computeIfAbsent(result.getString(1).toLowerCase(Locale.ROOT), t -> new HashSet<>())
                        .add(result.getString(2).toLowerCase(Locale.ROOT));
            }
        }
        return columns;
    }

    private static String currentSchema(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT current_schema()");
                ResultSet result = statement.executeQuery()) {
            return result.next() ? result.getString(1) : "?";
        }
    }

    private static String firstLine(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message.strip() : message.substring(0, newline).strip();
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a read-only connection; nothing was written
        }
    }
}
