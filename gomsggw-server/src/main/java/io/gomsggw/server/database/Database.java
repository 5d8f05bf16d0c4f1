package io.gomsggw.server.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.gomsggw.core.model.Secret;
import io.gomsggw.core.store.StoreException;
import io.gomsggw.core.store.jdbi.MediaPack;
import io.gomsggw.core.store.jdbi.Migrations;
import io.gomsggw.server.config.ConfigException;
import io.gomsggw.server.config.DatabaseConfig;
import io.gomsggw.server.config.Durability;
import io.gomsggw.server.lifecycle.StartupException;
import io.gomsggw.server.secrets.DataDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool of the gateway's database: the embedded H2 file
 * {@code <data>/gomsggw.mv.db} in PostgreSQL mode by default, or a PostgreSQL server. Opening it
 * connects once, so an unreachable or locked database stops the start with one line.
 */
public final class Database implements AutoCloseable {
    /** The base name of the embedded database files in the data directory. */
    public static final String EMBEDDED_FILE_NAME = "gomsggw";

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** H2's error code for a database file that another process holds open. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    private static final int MAXIMUM_POOL_SIZE = 10;

    /** The directory of the embedded database's media pack, in the data directory. */
    public static final String MEDIA_DIRECTORY = "media";

    private final HikariDataSource dataSource;
    private final String description;
    private final MediaPack mediaPack;

    private Database(HikariDataSource dataSource, String description, MediaPack mediaPack) {
        this.dataSource = dataSource;
        this.description = description;
        this.mediaPack = mediaPack;
    }

    /** As {@link #open(DatabaseConfig, Durability, DataDirectory)} with {@link Durability#FSYNC}. */
    public static Database open(DatabaseConfig config, DataDirectory dataDirectory) {
        return open(config, Durability.FSYNC, dataDirectory);
    }

    /**
     * Opens the pool and checks that a connection can be made. On PostgreSQL, each connection
     * commits as {@code durability} asks ({@link #synchronousCommit}); the embedded database's
     * durability is its message log's (see {@code Gateway}).
     *
     * @throws ConfigException naming {@code GOMSGGW_DATA_DIR} when another process holds the embedded database
     * @throws StartupException when the database cannot be reached
     */
    public static Database open(DatabaseConfig config, Durability durability, DataDirectory dataDirectory) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("gomsggw-db");
        pool.setMaximumPoolSize(MAXIMUM_POOL_SIZE);
        String description;
        if (config instanceof DatabaseConfig.Postgres postgres) {
            pool.setConnectionInitSql(synchronousCommit(durability));
            pool.setJdbcUrl(postgres.jdbcUrl());
            postgres.user().ifPresent(pool::setUsername);
            postgres.password().map(Secret::reveal).ifPresent(pool::setPassword);
            description = "PostgreSQL " + postgres.safeUrl();
        } else {
            pool.setJdbcUrl(embeddedUrl(dataDirectory));
            pool.setUsername("sa");
            pool.setPassword("");
            description = "embedded H2 " + dataDirectory.resolve(EMBEDDED_FILE_NAME + ".mv.db");
        }
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(pool);
        } catch (RuntimeException e) {
            throw openFailure(description, e);
        }
        MediaPack mediaPack = null;
        if (!(config instanceof DatabaseConfig.Postgres)) {
            Path media = dataDirectory.resolve(MEDIA_DIRECTORY);
            try {
                mediaPack = MediaPack.open(media, durability == Durability.FSYNC);
            } catch (IOException e) {
                dataSource.close();
                throw new StartupException("media directory " + media + ": " + e.getMessage(), e);
            }
        }
        LOG.atInfo().addKeyValue("database", description).log("database connected");
        return new Database(dataSource, description, mediaPack);
    }

    /**
     * Where the embedded database keeps the bytes of message media ({@code <data>/media}, see
     * {@link MediaPack}), forced as {@code DURABILITY} asks; null on PostgreSQL, which keeps them
     * in its table for every node.
     */
    public MediaPack mediaPack() {
        return mediaPack;
    }

    /**
     * The statement each new PostgreSQL connection runs first. {@code fsync}: commits wait for the
     * WAL to be flushed ({@code synchronous_commit} on); a server or role configured with
     * {@code off} is raised to {@code on} for the gateway's connections, while {@code local},
     * {@code remote_write} and {@code remote_apply} (all of which flush locally) are kept.
     * {@code os}: {@code synchronous_commit = off}, a commit returns before its WAL is flushed
     * (PostgreSQL flushes it within three times {@code wal_writer_delay}, 600 ms by default); a
     * crash of PostgreSQL or of its machine may lose those last commits, never corrupt anything.
     */
    static String synchronousCommit(Durability durability) {
        return durability == Durability.OS
                ? "SET synchronous_commit = off"
                : "SELECT set_config('synchronous_commit', 'on', false) WHERE current_setting('synchronous_commit') = 'off'";
    }

    /**
     * The JDBC URL of the embedded H2 database in {@code dataDirectory}. {@code WRITE_DELAY=0}
     * writes every commit to the file at once: by default H2 keeps commits in memory for up to a
     * second, and a killed process would lose messages it had already acknowledged.
     * {@code DB_CLOSE_ON_EXIT=FALSE} leaves closing to the gateway's own shutdown, which still
     * writes queued messages and statuses; H2's own hook would close the database under it.
     */
    public static String embeddedUrl(DataDirectory dataDirectory) {
        return "jdbc:h2:file:" + dataDirectory.resolve(EMBEDDED_FILE_NAME)
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"
                + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /**
     * Brings the schema up to date ({@link Migrations}).
     *
     * @throws StartupException when a migration fails; when the schema holds the Go gateway's
     *                          tables, it says so and how to switch instead
     */
    public void migrate() {
        try {
            int applied = Migrations.migrate(dataSource);
            LOG.atInfo().addKeyValue("applied", applied).log("database schema migrated");
        } catch (StoreException e) {
            if (holdsGoGatewayTables(dataSource)) {
                throw goGatewayTables(description, e);
            }
            throw new StartupException("database: " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * Whether the connections' current schema has the tables the Go gateway's models create
     * ({@code client_numbers}, {@code msg_record_db_items}): the Go gateway's own database, which
     * this server cannot use. False when it cannot be told.
     */
    public static boolean holdsGoGatewayTables(DataSource dataSource) {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement(
                        "SELECT COUNT(*) FROM information_schema.tables "
                                + "WHERE table_schema = current_schema() AND table_name IN ('client_numbers', 'msg_record_db_items')");
                var result = statement.executeQuery()) {
            return result.next() && result.getInt(1) == 2;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The start-up failure for the Go gateway's database, {@code description} naming it. */
    public static StartupException goGatewayTables(String description, Throwable cause) {
        return new StartupException(
                "database: " + description + " holds the Go gateway's tables; give this server a "
                        + "database of its own (e.g. another POSTGRES_DB) and copy the Go gateway's data into it with "
                        + "'import-go' (docs/switching-from-go.md)",
                cause);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Which database this is, without credentials, e.g. {@code PostgreSQL jdbc:postgresql://db:5432/gomsggw}. */
    public String description() {
        return description;
    }

    /** Whether a connection can be had and answers within two seconds. */
    public boolean isHealthy() {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * A small write that needs the disk (the row of {@code message_log_position} rewritten as it
     * is, which on PostgreSQL writes and flushes WAL): proves the database takes writes again
     * after a failure.
     *
     * @throws StoreException when it does not
     */
    public void probeWrite() {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            statement.executeUpdate("UPDATE message_log_position SET applied_lsn = applied_lsn WHERE id = 1");
        } catch (SQLException e) {
            throw new StoreException("database write probe failed: " + firstLine(String.valueOf(e.getMessage())), e);
        }
    }

    /** Closes every connection (for H2 this also closes the database file), then the media pack. */
    @Override
    public void close() {
        dataSource.close();
        if (mediaPack != null) {
            try {
                mediaPack.close();
            } catch (IOException e) {
                LOG.warn("media pack not closed cleanly error={}", e.toString());
            }
        }
    }

    private static RuntimeException openFailure(String description, RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                return new ConfigException(
                        "GOMSGGW_DATA_DIR", "the embedded database is in use by another process (" + description + ")");
            }
        }
        String reason = root.getMessage() == null ? root.getClass().getSimpleName() : firstLine(root.getMessage());
        return new StartupException("database: cannot connect to " + description + ": " + reason, e);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text.strip() : text.substring(0, newline).strip();
    }
}
