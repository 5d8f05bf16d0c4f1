package io.gomsggw.server.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gomsggw.core.model.Secret;
import io.gomsggw.core.store.jdbi.MediaPack;
import io.gomsggw.server.config.DatabaseConfig;
import io.gomsggw.server.config.Durability;
import io.gomsggw.server.goimport.GoShapedDatabase;
import io.gomsggw.server.lifecycle.StartupException;
import io.gomsggw.server.secrets.DataDirectory;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dataPath;

    @Test
    void embeddedDatabaseLivesInTheDataDirectoryAndIsMigrated() throws SQLException {
        DataDirectory dataDirectory = DataDirectory.prepare(dataPath);
        try (Database database = Database.open(new DatabaseConfig.Embedded(), dataDirectory)) {
            database.migrate();

            assertThat(database.isHealthy()).isTrue();
            assertThat(database.description()).isEqualTo("embedded H2 " + dataPath.resolve("gomsggw.mv.db"));
            assertThat(tableCount(database)).isPositive();
        }
        assertThat(dataPath.resolve("gomsggw.mv.db")).isRegularFile();
    }

    @Test
    void embeddedMediaBytesGoToPackFilesInTheDataDirectory() {
        DataDirectory dataDirectory = DataDirectory.prepare(dataPath);
        try (Database database = Database.open(new DatabaseConfig.Embedded(), dataDirectory)) {
            MediaPack.Location photo = database.mediaPack().append(new byte[] {(byte) 0xff, (byte) 0xd8, 1});

            assertThat(database.mediaPack().read(photo)).containsExactly((byte) 0xff, (byte) 0xd8, 1);
        }
        assertThat(dataPath.resolve("media").resolve("media-000001.pack")).hasSize(3);
    }

    @Test
    void migratingTwiceChangesNothing() throws SQLException {
        DataDirectory dataDirectory = DataDirectory.prepare(dataPath);
        try (Database database = Database.open(new DatabaseConfig.Embedded(), dataDirectory)) {
            database.migrate();
        }
        try (Database database = Database.open(new DatabaseConfig.Embedded(), dataDirectory)) {
            int tables = tableCount(database);
            database.migrate();
            assertThat(tableCount(database)).isEqualTo(tables);
        }
    }

    @Test
    void embeddedUrlUsesPostgresModeAndWritesEveryCommitAtOnce() {
        assertThat(Database.embeddedUrl(DataDirectory.prepare(dataPath)))
                .isEqualTo("jdbc:h2:file:"
                        + dataPath.resolve("gomsggw")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                        + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void anUnreachablePostgresStopsTheStartWithOneLineWithoutThePassword() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DatabaseConfig config = new DatabaseConfig.Postgres(
                "jdbc:postgresql://127.0.0.1:" + closedPort + "/gomsggw?password=url-secret",
                Optional.of("gomsggw"),
                Optional.of(Secret.of("pool-secret")));

        assertThatThrownBy(() -> Database.open(config, DataDirectory.prepare(dataPath)))
                .isInstanceOf(StartupException.class)
                .hasMessageStartingWith("database: cannot connect to PostgreSQL jdbc:postgresql://127.0.0.1:"
                        + closedPort + "/gomsggw: ")
                .hasMessageNotContaining("secret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    /** Runs where {@code .ci/run} provides a PostgreSQL server. */
    @Test
    void postgresFromTheTestUrlIsMigrated() throws SQLException {
        Optional<EmptyPostgresSchema> schema = EmptyPostgresSchema.create();
        assumeTrue(schema.isPresent(), "GOMSGGW_TEST_POSTGRES_URL is not set");
        DatabaseConfig config = new DatabaseConfig.Postgres(schema.get().jdbcUrl(), Optional.empty(), Optional.empty());

        try (EmptyPostgresSchema dropped = schema.get();
                Database database = Database.open(config, DataDirectory.prepare(dataPath))) {
            database.migrate();

            assertThat(database.isHealthy()).isTrue();
            assertThat(database.description())
                    .startsWith("PostgreSQL jdbc:postgresql://")
                    .doesNotContain("password");
            assertThat(tableCount(database)).isPositive();
        }
    }

    /**
     * {@code DURABILITY} on PostgreSQL: {@code fsync} commits with {@code synchronous_commit} on
     * even where the session starts with it off (here through the URL's {@code options}, as a role
     * or server setting would), {@code os} turns it off. Runs where a PostgreSQL URL is set.
     */
    @Test
    void postgresCommitsAsDurabilityAsks() throws SQLException {
        Optional<EmptyPostgresSchema> schema = EmptyPostgresSchema.create();
        assumeTrue(schema.isPresent(), "GOMSGGW_TEST_POSTGRES_URL is not set");
        try (EmptyPostgresSchema dropped = schema.get()) {
            DatabaseConfig startsOff = new DatabaseConfig.Postgres(
                    dropped.jdbcUrl() + "&options=-c%20synchronous_commit%3Doff", Optional.empty(), Optional.empty());
            try (Database database = Database.open(startsOff, Durability.FSYNC, DataDirectory.prepare(dataPath))) {
                assertThat(synchronousCommit(database)).isEqualTo("on");
            }
            DatabaseConfig plain = new DatabaseConfig.Postgres(dropped.jdbcUrl(), Optional.empty(), Optional.empty());
            try (Database database = Database.open(plain, Durability.OS, DataDirectory.prepare(dataPath))) {
                assertThat(synchronousCommit(database)).isEqualTo("off");
                database.migrate();
                database.probeWrite();
            }
        }
    }

    private static String synchronousCommit(Database database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                ResultSet result = connection.createStatement().executeQuery("SHOW synchronous_commit")) {
            result.next();
            return result.getString(1);
        }
    }

    /** Runs where {@code .ci/run} provides a PostgreSQL server. */
    @Test
    void theGoGatewaysDatabaseIsRecognisedAndTheSwitchExplained() throws SQLException {
        Optional<EmptyPostgresSchema> schema = EmptyPostgresSchema.create();
        assumeTrue(schema.isPresent(), "GOMSGGW_TEST_POSTGRES_URL is not set");
        DatabaseConfig config = new DatabaseConfig.Postgres(schema.get().jdbcUrl(), Optional.empty(), Optional.empty());

        try (EmptyPostgresSchema dropped = schema.get();
                Database database = Database.open(config, Durability.FSYNC, DataDirectory.prepare(dataPath))) {
            try (Connection connection = database.dataSource().getConnection()) {
                GoShapedDatabase.createGoTables(connection);
            }

            assertThatThrownBy(database::migrate)
                    .isInstanceOf(StartupException.class)
                    .hasMessageStartingWith("database: PostgreSQL jdbc:postgresql://")
                    .hasMessageContaining("holds the Go gateway's tables")
                    .hasMessageContaining("'import-go' (docs/switching-from-go.md)");
        }
    }

    private static int tableCount(Database database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                ResultSet tables = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            int count = 0;
            while (tables.next()) {
                count++;
            }
            return count;
        }
    }
}
