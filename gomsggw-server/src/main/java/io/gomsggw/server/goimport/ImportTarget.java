package io.gomsggw.server.goimport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.gomsggw.core.admin.AdminService;
import io.gomsggw.core.admin.CarrierValidator;
import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.apikey.ApiKeyStore;
import io.gomsggw.core.crypto.SecretCipher;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.Failover;
import io.gomsggw.core.model.Secret;
import io.gomsggw.core.phone.PhoneNumbers;
import io.gomsggw.core.store.UsageStore;
import io.gomsggw.core.store.jdbi.JdbiStores;
import io.gomsggw.core.store.jdbi.Migrations;
import io.gomsggw.server.config.ConfigException;
import io.gomsggw.server.config.DatabaseConfig;
import io.gomsggw.server.config.GatewayConfig;
import io.gomsggw.server.database.Database;
import io.gomsggw.server.lifecycle.ClosingStack;
import io.gomsggw.server.secrets.DataDirectory;
import io.gomsggw.server.secrets.SecretsBootstrap;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The database an import writes into, and what it needs there: the stores (to find what is
 * already there) and the {@link AdminService} over them (every row is created through the checks
 * of the admin API, so new columns get their defaults), the usage counters and the history
 * progress.
 *
 * <p>{@link #open} is the database this server is configured for, migrated first. A dry run
 * writes nothing there: {@link #dryRun} opens it read-only when it exists and copies its carriers,
 * clients, numbers and failovers into a throw-away in-memory database, and the import runs
 * against that copy, so the dry run goes through exactly the checks the import would; usage
 * counters, API key digests and the history's progress are read from the configured database.
 *
 * <p>Not thread-safe; every method blocks on the database.
 */
final class ImportTarget implements AutoCloseable {
    private final String description;
    private final JdbiStores stores;
    private final AdminService admin;
    private final UsageStore usage;
    private final ApiKeyStore apiKeysHere;
    private final Optional<HistoryProgress> progress;
    private final Map<Long, Long> copiedClientIds;
    private final Optional<String> caveat;
    private final ClosingStack opened;

    private ImportTarget(
            String description,
            JdbiStores stores,
            AdminService admin,
            JdbiStores here,
            Optional<HistoryProgress> progress,
            Map<Long, Long> copiedClientIds,
            Optional<String> caveat,
            ClosingStack opened) {
        this.description = description;
        this.stores = stores;
        this.admin = admin;
        this.usage = here.usage();
        this.apiKeysHere = here.apiKeys();
        this.progress = progress;
        this.copiedClientIds = copiedClientIds;
        this.caveat = caveat;
        this.opened = opened;
    }

    /**
     * The configured database, migrated, with the encryption key the server resolves
     * ({@code ENCRYPTION_KEY}, else the key file of the data directory, generated when missing).
     *
     * @throws ConfigException                    for a data directory or key file that cannot be used
     * @throws io.gomsggw.server.lifecycle.StartupException when the database cannot be reached or migrated
     */
    static ImportTarget open(
            GatewayConfig config,
            CarrierValidator carriers,
            PhoneNumbers phoneNumbers,
            Clock clock,
            PrintStream console) {
        ClosingStack opened = new ClosingStack();
        try {
            DataDirectory dataDirectory = DataDirectory.prepare(config.dataDirectory());
            Secret key = new SecretsBootstrap(dataDirectory, console).resolveEncryptionKey(config);
            Database database = opened.push(Database.open(config.database(), dataDirectory));
            database.migrate();
            JdbiStores stores = new JdbiStores(
                    database.dataSource(), SecretCipher.fromKeyString(key.reveal()), clock, database.mediaPack());
            return new ImportTarget(
                    database.description(),
                    stores,
                    adminService(stores, carriers, phoneNumbers, clock),
                    stores,
                    Optional.of(new HistoryProgress(stores.jdbi(), clock)),
                    null,
                    Optional.empty(),
                    opened);
        } catch (RuntimeException e) {
            opened.closeAll();
            throw e;
        }
    }

    /**
     * A throw-away copy of the configured database's directory, for a dry run; the configured
     * database is only read, and only when it exists and has the current schema.
     *
     * @throws ConfigException                    when the database has rows but the encryption key is missing
     * @throws io.gomsggw.server.lifecycle.StartupException when an existing database cannot be reached
     */
    static ImportTarget dryRun(
            GatewayConfig config, CarrierValidator carriers, PhoneNumbers phoneNumbers, Clock clock) {
        ClosingStack opened = new ClosingStack();
        try {
            JdbcDataSource scratchSource = new JdbcDataSource();
            scratchSource.setURL("jdbc:h2:mem:import-go-dry-run-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
            // The in-memory database lives as long as one connection to it is open.
            opened.push(scratchSource.getConnection());
            Migrations.migrate(scratchSource);
            JdbiStores scratch =
                    new JdbiStores(scratchSource, SecretCipher.fromKeyString(SecretCipher.generateKeyString()), clock);
            AdminService admin = adminService(scratch, carriers, phoneNumbers, clock);

            String description = describe(config);
            Optional<DataSource> existing = readOnly(config, opened);
            if (existing.isEmpty()) {
                return new ImportTarget(
                        description,
                        scratch,
                        admin,
                        scratch,
                        Optional.empty(),
                        Map.of(),
                        Optional.of("it does not exist yet"),
                        opened);
            }
            if (Database.holdsGoGatewayTables(existing.get())) {
                throw Database.goGatewayTables(description, null);
            }
            int pending = Migrations.pendingCount(existing.get());
            if (pending > 0) {
                return new ImportTarget(
                        description,
                        scratch,
                        admin,
                        scratch,
                        Optional.empty(),
                        Map.of(),
                        Optional.of("its schema is not set up yet or is older (" + pending + " migrations pending); "
                                + "compared as if it were empty"),
                        opened);
            }
            Secret key = SecretsBootstrap.existingEncryptionKey(config)
                    .orElseThrow(() -> new ConfigException(
                            "ENCRYPTION_KEY",
                            "not set, and the data directory has no encryption_key file for the existing " + "database "
                                    + description));
            JdbiStores target = new JdbiStores(existing.get(), SecretCipher.fromKeyString(key.reveal()), clock);
            Map<Long, Long> copied = copyDirectory(target, scratch);
            return new ImportTarget(
                    description,
                    scratch,
                    admin,
                    target,
                    Optional.of(new HistoryProgress(target.jdbi(), clock)),
                    copied,
                    Optional.empty(),
                    opened);
        } catch (java.sql.SQLException e) {
            opened.closeAll();
            throw new IllegalStateException("cannot open the in-memory database of the dry run", e);
        } catch (RuntimeException e) {
            opened.closeAll();
            throw e;
        }
    }

    /** Which database this is, without credentials. */
    String description() {
        return description;
    }

    /** For a dry run whose comparison with the configured database is limited: why. */
    Optional<String> caveat() {
        return caveat;
    }

    /** The stores of the database the import writes into (in a dry run, the copy). */
    JdbiStores stores() {
        return stores;
    }

    AdminService admin() {
        return admin;
    }

    /** The usage counters to read (in a dry run, the configured database's, or none). */
    UsageStore usage() {
        return usage;
    }

    /** The API keys to look for a digest in (in a dry run, the configured database's, or none). */
    ApiKeyStore apiKeysHere() {
        return apiKeysHere;
    }

    /** How far history was copied into the configured database; empty in a dry run of a new database. */
    Optional<HistoryProgress> progress() {
        return progress;
    }

    /**
     * The id a client of {@link #stores()} has in the configured database: itself, or in a dry
     * run, the id of the client it was copied from (empty for a client the dry run created).
     */
    Optional<Long> configuredClientId(long id) {
        if (copiedClientIds == null) {
            return Optional.of(id);
        }
        return Optional.ofNullable(copiedClientIds.get(id));
    }

    @Override
    public void close() {
        opened.closeAll();
    }

    private static AdminService adminService(
            JdbiStores stores, CarrierValidator carriers, PhoneNumbers phoneNumbers, Clock clock) {
        Directory directory =
                new Directory(stores.clients(), stores.numbers(), stores.carriers(), stores.failovers(), clock);
        return new AdminService(
                stores.clients(),
                stores.numbers(),
                stores.carriers(),
                stores.failovers(),
                phoneNumbers,
                carriers,
                directory);
    }

    /** Copies carriers, clients, numbers and failovers; returns the ids of the copies mapped to the originals. */
    private static Map<Long, Long> copyDirectory(JdbiStores from, JdbiStores to) {
        from.carriers().list().forEach(to.carriers()::add);
        Map<Long, Long> copies = new HashMap<>();
        Map<Long, Long> originals = new HashMap<>();
        for (Client client : from.clients().list()) {
            long copy = to.clients().create(client).id();
            copies.put(client.id(), copy);
            originals.put(copy, client.id());
        }
        for (ClientNumber number : from.numbers().list()) {
            to.numbers()
                    .add(new ClientNumber(
                            0,
                            copies.get(number.clientId()),
                            number.number(),
                            number.carrier(),
                            number.tag(),
                            number.group(),
                            number.webhook(),
                            number.ignoreStopCmdSending(),
                            number.settings()));
        }
        for (Failover failover : from.failovers().list()) {
            to.failovers()
                    .add(new Failover(
                            0,
                            copies.get(failover.primaryClientId()),
                            copies.get(failover.fallbackClientId()),
                            failover.priority(),
                            failover.enabled()));
        }
        return originals;
    }

    /** The configured database opened read-only, when it exists; nothing is created. */
    private static Optional<DataSource> readOnly(GatewayConfig config, ClosingStack opened) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("import-go-dry-run");
        pool.setMaximumPoolSize(2);
        pool.setReadOnly(true);
        if (config.database() instanceof DatabaseConfig.Postgres postgres) {
            pool.setJdbcUrl(postgres.jdbcUrl());
            postgres.user().ifPresent(pool::setUsername);
            postgres.password().map(Secret::reveal).ifPresent(pool::setPassword);
        } else {
            Path directory = config.dataDirectory().toAbsolutePath().normalize();
            if (!Files.exists(directory.resolve(Database.EMBEDDED_FILE_NAME + ".mv.db"))) {
                return Optional.empty();
            }
            pool.setJdbcUrl("jdbc:h2:file:" + directory.resolve(Database.EMBEDDED_FILE_NAME)
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;ACCESS_MODE_DATA=r");
            pool.setUsername("sa");
            pool.setPassword("");
        }
        try {
            return Optional.of(opened.push(new HikariDataSource(pool)));
        } catch (RuntimeException e) {
            throw new io.gomsggw.server.lifecycle.StartupException(
                    "database: cannot connect to " + describe(config) + ": " + rootMessage(e), e);
        }
    }

    private static String describe(GatewayConfig config) {
        if (config.database() instanceof DatabaseConfig.Postgres postgres) {
            return "PostgreSQL " + postgres.safeUrl();
        }
        return "embedded H2 "
                + config.dataDirectory().toAbsolutePath().normalize().resolve(Database.EMBEDDED_FILE_NAME + ".mv.db");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message.strip() : message.substring(0, newline).strip();
    }
}
