package io.gomsggw.server.database;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An empty schema of its own, not migrated, in the PostgreSQL database of {@code GOMSGGW_TEST_POSTGRES_URL} (set by
 * {@code .ci/run}), so a test starts from nothing and leaves nothing behind; dropped on close.
 */
public final class EmptyPostgresSchema implements AutoCloseable {
    private static final String VARIABLE = "GOMSGGW_TEST_POSTGRES_URL";

    private final String baseUrl;
    private final String name;

    private EmptyPostgresSchema(String baseUrl, String name) {
        this.baseUrl = baseUrl;
        this.name = name;
    }

    /** A new empty schema, or empty when {@code GOMSGGW_TEST_POSTGRES_URL} is not set. */
    public static Optional<EmptyPostgresSchema> create() throws SQLException {
        String url = System.getenv(VARIABLE);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        EmptyPostgresSchema schema =
                new EmptyPostgresSchema(url, "server_test_" + HexFormat.of().formatHex(random));
        schema.execute("CREATE SCHEMA " + schema.name);
        return Optional.of(schema);
    }

    /** The test URL with this schema as the connections' current schema. */
    public String jdbcUrl() {
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    @Override
    public void close() throws SQLException {
        execute("DROP SCHEMA " + name + " CASCADE");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(baseUrl);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
