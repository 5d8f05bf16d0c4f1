package io.gomsggw.core.testing;

import io.gomsggw.core.store.jdbi.Migrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Databases for tests: migrated H2 databases in PostgreSQL mode, the PostgreSQL URL a CI run
 * provides, and a way to empty every gomsggw table between tests. Shipped in the core test-jar
 * for the other modules' tests.
 */
public final class TestDatabases {
    /** The H2 settings gomsggw runs H2 with. */
    public static final String H2_MODE = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    /** Environment variable holding a PostgreSQL JDBC URL, user and password included. */
    public static final String POSTGRES_URL_VARIABLE = "GOMSGGW_TEST_POSTGRES_URL";

    /** Every gomsggw table, children before parents. */
    private static final String[] TABLES = {
        "batch_messages",
        "batch_jobs",
        "api_key_numbers",
        "api_keys",
        "message_status_history",
        "message_media",
        "messages",
        "media",
        "usage_grants",
        "usage_counters",
        "opt_outs",
        "failovers",
        "numbers",
        "clients",
        "carriers",
        "message_log_position",
        "held_message_parts",
        "pending_receipts",
        "owed_reports",
        "go_import_progress",
        "client_binds",
        "cluster_nodes",
        "cluster_versions",
    };

    private TestDatabases() {}

    /** A new, migrated, in-memory H2 database with a unique name; it lives as long as the JVM. */
    public static DataSource h2InMemory() {
        DataSource dataSource = h2("jdbc:h2:mem:gomsggw-" + UUID.randomUUID() + H2_MODE + ";DB_CLOSE_DELAY=-1");
        Migrations.migrate(dataSource);
        return dataSource;
    }

    /**
     * An H2 file database at {@code directory/db}, not migrated. It closes when its last
     * connection closes, so every new connection reopens it from disk.
     */
    public static DataSource h2File(Path directory) {
        return h2("jdbc:h2:file:" + directory.toAbsolutePath().resolve("db") + H2_MODE);
    }

    /** The PostgreSQL JDBC URL from {@value #POSTGRES_URL_VARIABLE}, when set and not blank. */
    public static Optional<String> postgresUrl() {
        return Optional.ofNullable(System.getenv(POSTGRES_URL_VARIABLE)).filter(url -> !url.isBlank());
    }

    /** Deletes every row of every gomsggw table. */
    public static void deleteAllRows(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.executeUpdate("DELETE FROM " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the test database", e);
        }
    }

    private static DataSource h2(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        return dataSource;
    }
}
