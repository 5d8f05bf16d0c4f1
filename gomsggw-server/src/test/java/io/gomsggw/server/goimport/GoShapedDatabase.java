package io.gomsggw.server.goimport;

import io.gomsggw.server.config.DatabaseConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A Go gateway's database for tests: the tables of {@code goimport/go-gateway-schema.sql} (what
 * the Go gateway's GORM models create) in a schema of their own in the PostgreSQL database of
 * {@code GOMSGGW_TEST_POSTGRES_URL}, or in an in-memory H2 database in PostgreSQL mode, with
 * helpers that insert rows as the Go gateway writes them: secrets encrypted with its scheme
 * ({@link GoEncryption}) under {@link #GO_KEY}, numbers as digits without the plus.
 */
public final class GoShapedDatabase implements AutoCloseable {
    /** The ENCRYPTION_KEY of the Go gateway whose database this is. */
    public static final String GO_KEY = "go-gateway-encryption-key";

    private final Connection connection;
    private final String url;
    private final Runnable drop;

    private GoShapedDatabase(Connection connection, String url, Runnable drop) {
        this.connection = connection;
        this.url = url;
        this.drop = drop;
    }

    /** The Go tables in a new schema of the test PostgreSQL database, when its URL is set. */
    public static Optional<GoShapedDatabase> postgres() throws SQLException {
        String base = System.getenv("GOMSGGW_TEST_POSTGRES_URL");
        if (base == null || base.isBlank()) {
            return Optional.empty();
        }
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        String schema = "go_gateway_" + HexFormat.of().formatHex(random);
        try (Connection admin = DriverManager.getConnection(base);
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        Connection connection = DriverManager.getConnection(url);
        GoShapedDatabase database = new GoShapedDatabase(connection, url, () -> {
            try (Connection admin = DriverManager.getConnection(base);
                    Statement statement = admin.createStatement()) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        database.createTables();
        return Optional.of(database);
    }

    /** The Go tables in a new in-memory H2 database in PostgreSQL mode. */
    public static GoShapedDatabase h2() throws SQLException {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        String url = "jdbc:h2:mem:go-gateway-" + HexFormat.of().formatHex(random)
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        GoShapedDatabase database = new GoShapedDatabase(DriverManager.getConnection(url), url, () -> {});
        database.createTables();
        return database;
    }

    /** The JDBC URL, with credentials and schema: what {@code --from} takes. */
    public String url() {
        return url;
    }

    DatabaseConfig.Postgres source() {
        return new DatabaseConfig.Postgres(url, Optional.empty(), Optional.empty());
    }

    private void createTables() throws SQLException {
        createGoTables(connection);
    }

    /** Creates the Go gateway's tables in the connection's current schema. */
    public static void createGoTables(Connection connection) throws SQLException {
        String ddl;
        try (InputStream in = GoShapedDatabase.class.getResourceAsStream("/goimport/go-gateway-schema.sql")) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : ddl.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
    }

    /** A carrier as the Go admin API adds it: password encrypted, username in plain text. */
    public long carrier(String name, String type, String username, String password, String uuid, String profileId)
            throws SQLException {
        return insert(
                "carriers",
                row(
                        "name",
                        name,
                        "type",
                        type,
                        "username",
                        username,
                        "password",
                        GoEncryption.encrypt(password, GO_KEY),
                        "uuid",
                        uuid,
                        "profile_id",
                        profileId));
    }

    /** A client with its password encrypted under {@link #GO_KEY}. */
    public long client(String username, String password, String type, String address, String timezone)
            throws SQLException {
        return insert(
                "clients",
                row(
                        "username",
                        username,
                        "password",
                        GoEncryption.encrypt(password, GO_KEY),
                        "address",
                        address,
                        "name",
                        username + " (Go)",
                        "type",
                        type,
                        "timezone",
                        timezone,
                        "log_privacy",
                        false));
    }

    /** The client_settings row of a client, with the columns given (others at their defaults). */
    public void clientSettings(long clientId, Object... columnsAndValues) throws SQLException {
        Map<String, Object> row = row(columnsAndValues);
        row.put("client_id", clientId);
        insert("client_settings", row);
    }

    public long number(long clientId, String number, String carrier) throws SQLException {
        return insert("client_numbers", row("client_id", clientId, "number", number, "carrier", carrier));
    }

    /** A number with more columns (tag, group, web_hook, ignore_stop_cmd_sending). */
    public long number(long clientId, String number, String carrier, Object... columnsAndValues) throws SQLException {
        Map<String, Object> row = row(columnsAndValues);
        row.put("client_id", clientId);
        row.put("number", number);
        row.put("carrier", carrier);
        return insert("client_numbers", row);
    }

    public void numberSettings(long numberId, Object... columnsAndValues) throws SQLException {
        Map<String, Object> row = row(columnsAndValues);
        row.put("number_id", numberId);
        insert("number_settings", row);
    }

    public long failover(long primaryClientId, long fallbackClientId, int priority) throws SQLException {
        return insert(
                "client_failovers",
                row(
                        "primary_client_id",
                        primaryClientId,
                        "fallback_client_id",
                        fallbackClientId,
                        "priority",
                        priority,
                        "enabled",
                        true));
    }

    /**
     * A tenant API key as the Go gateway stores it: the SHA-256 hex digest of {@code rawKey}, its
     * first 16 characters as prefix; {@code numberIds} become its api_key_numbers rows.
     */
    public long apiKey(
            long clientId,
            String rawKey,
            String name,
            String scopes,
            int rateLimit,
            boolean active,
            Instant lastUsedAt,
            long... numberIds)
            throws SQLException {
        long id = insert(
                "tenant_api_keys",
                row(
                        "client_id",
                        clientId,
                        "name",
                        name,
                        "key_hash",
                        sha256Hex(rawKey),
                        "key_prefix",
                        rawKey.substring(0, 16),
                        "scopes",
                        scopes,
                        "rate_limit",
                        rateLimit,
                        "active",
                        active,
                        "last_used_at",
                        lastUsedAt == null ? null : OffsetDateTime.ofInstant(lastUsedAt, ZoneOffset.UTC),
                        "created_at",
                        OffsetDateTime.parse("2026-01-05T10:00:00Z")));
        for (long numberId : numberIds) {
            insert("api_key_numbers", row("api_key_id", id, "number_id", numberId, "number", "n" + numberId));
        }
        return id;
    }

    /** As the Go gateway's HashAPIKey: hex.EncodeToString(sha256.Sum256([]byte(rawKey))). */
    private static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One message record as the Go router writes it for one client. */
    public long messageRecord(
            long clientId,
            String direction,
            String type,
            String from,
            String to,
            Instant at,
            String fromClientType,
            String toClientType,
            String deliveryMethod,
            String carrier)
            throws SQLException {
        return insert(
                "msg_record_db_items",
                row(
                        "client_id",
                        clientId,
                        "direction",
                        direction,
                        "type",
                        type,
                        "from",
                        from,
                        "to",
                        to,
                        "received_timestamp",
                        OffsetDateTime.ofInstant(at, ZoneOffset.UTC),
                        "from_client_type",
                        fromClientType,
                        "to_client_type",
                        toClientType,
                        "delivery_method",
                        deliveryMethod,
                        "carrier",
                        carrier,
                        "internal",
                        carrier == null,
                        "log_id",
                        "log-" + at.toEpochMilli(),
                        "server_id",
                        "go-node-1",
                        "total_segments",
                        1));
    }

    /** Runs a statement, e.g. to break a row on purpose. */
    public void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The tables of the schema, lower case. */
    public java.util.List<String> tables() throws SQLException {
        java.util.List<String> tables = new java.util.ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT table_name FROM information_schema.tables "
                        + "WHERE table_schema = current_schema()")) {
            while (result.next()) {
                tables.add(result.getString(1).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return tables;
    }

    public long count(String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static Map<String, Object> row(Object... columnsAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            row.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return row;
    }

    private long insert(String table, Map<String, Object> row) throws SQLException {
        StringJoiner names = new StringJoiner(", ");
        StringJoiner marks = new StringJoiner(", ");
        row.keySet().forEach(name -> {
            names.add("\"" + name + "\"");
            marks.add("?");
        });
        String sql = "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")";
        try (PreparedStatement statement = connection.prepareStatement(sql, new String[] {"id"})) {
            int i = 1;
            for (Object value : row.values()) {
                statement.setObject(i++, value);
            }
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : 0;
            }
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
        drop.run();
    }
}
