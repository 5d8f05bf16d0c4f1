package io.gomsggw.server.goimport;

import io.gomsggw.core.crypto.CryptoException;
import io.gomsggw.core.model.Secret;
import io.gomsggw.core.phone.PhoneNumbers;
import io.gomsggw.core.store.StoreException;
import io.gomsggw.server.carriers.CarrierTypes;
import io.gomsggw.server.carriers.PluginJars;
import io.gomsggw.server.config.ConfigException;
import io.gomsggw.server.config.ConfigLoader;
import io.gomsggw.server.config.GatewayConfig;
import io.gomsggw.server.config.LogFormat;
import io.gomsggw.server.config.LogLevel;
import io.gomsggw.server.config.LoggingConfig;
import io.gomsggw.server.goimport.ImportReport.Kind;
import io.gomsggw.server.lifecycle.StartupException;
import io.gomsggw.server.logging.LoggingSetup;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * {@code gomsggw import-go}: copies a Go gateway's PostgreSQL database into the database this
 * server is configured for, so that its users switch by stopping one process and starting this
 * one (docs/switching-from-go.md).
 *
 * <p>It reads the Go database ({@link GoDatabase}, never written), decrypts its secrets with the Go
 * gateway's scheme ({@link GoSecretCipher}) and judges the key, then imports into
 * {@link ImportTarget} (migrated first; a throw-away copy in a dry run): carriers, clients,
 * numbers and failovers ({@link DirectoryImport}), tenant API keys ({@link ApiKeyImport}), the
 * current day's and month's usage ({@link UsageImport}) and, with {@code --with-history}, the
 * message records ({@link HistoryImport}). It prints a {@link ImportReport}. Rows already here are left alone, so a
 * second run changes nothing.
 *
 * <p>Exit status: 0 when every row was imported or was here already; 3 when the import finished
 * but some rows could not be imported (each is listed with its reason); 2 for a mistake on the
 * command line or in the configuration, including a Go encryption key that does not decrypt the
 * Go secrets (nothing is imported then); 1 when a database cannot be reached, read or written.
 */
public final class ImportGoCommand {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_ROWS_NOT_IMPORTED = 3;

    static final String USAGE = """
            Usage: java -jar gomsggw-server.jar import-go --from URL [options]

            Copies a Go gateway's carriers (with their uuids, so carrier webhook URLs keep
            working), clients with their settings and passwords, numbers, failovers, tenant API
            keys and the current day's and month's usage from its PostgreSQL database into the
            database this server is configured for (the environment variables and .env file of
            'serve': the embedded database in GOMSGGW_DATA_DIR, or POSTGRES_* / DATABASE_URL).
            The Go database is only read. Rows already here are left as they are, so running it
            again imports only what is new. Stop both gateways first.

            Options:
              --from URL                the Go gateway's database:
                                        postgres://user:password@host:5432/db?sslmode=disable
                                        or jdbc:postgresql://host:5432/db?user=...&password=...
                                        (?currentSchema=... when its tables are not in public)
              --go-encryption-key KEY   the ENCRYPTION_KEY the Go gateway runs with
                                        (default: ENCRYPTION_KEY, from the environment or .env)
              --dry-run                 write nothing; print what would be imported and every
                                        row that could not be, with the reason
              --with-history            also copy the message records (metadata: the Go
                                        gateway keeps no message text)

            Exit status: 0 everything imported or already here; 3 finished, but some rows could
            not be imported (listed with the reason); 2 a mistake on the command line or in the
            configuration, or a Go encryption key that does not decrypt the Go secrets; 1 a
            database could not be reached, read or written.
            """;

    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;
    private final Duration progressInterval;

    /**
     * @param environment      the environment variables (merged over {@code .env} as for {@code serve})
     * @param workingDirectory where {@code .env} and relative paths are read
     * @param out              the report
     * @param err              errors and the history progress lines
     */
    public ImportGoCommand(
            Map<String, String> environment, Path workingDirectory, PrintStream out, PrintStream err, Clock clock) {
        this(environment, workingDirectory, out, err, clock, PROGRESS_INTERVAL);
    }

    ImportGoCommand(
            Map<String, String> environment,
            Path workingDirectory,
            PrintStream out,
            PrintStream err,
            Clock clock,
            Duration progressInterval) {
        this.environment = environment;
        this.workingDirectory = workingDirectory;
        this.out = out;
        this.err = err;
        this.clock = clock;
        this.progressInterval = progressInterval;
    }

    /** Runs {@code import-go} with the arguments after the command's name; returns the exit status. */
    public int run(List<String> args) {
        if (args.contains("--help") || args.contains("-h") || args.contains("help")) {
            out.print(USAGE);
            return EXIT_OK;
        }
        ImportGoOptions options;
        try {
            options = ImportGoOptions.parse(args);
        } catch (ImportGoOptions.UsageException e) {
            return usageError(e.getMessage());
        }
        return run(options);
    }

    /** Runs the import the options describe; returns the exit status. */
    int run(ImportGoOptions options) {
        GatewayConfig config;
        try {
            config = new ConfigLoader("import-go", 1).load(environment, workingDirectory);
        } catch (ConfigException e) {
            return usageError(e.getMessage());
        }
        Optional<Secret> goKey = options.goEncryptionKey().or(config::encryptionKey);
        if (goKey.isEmpty()) {
            err.println("gomsggw import-go: the Go gateway's encryption key is needed to read its passwords: "
                    + "give --go-encryption-key, or set ENCRYPTION_KEY as the Go gateway has it");
            return EXIT_USAGE;
        }
        LoggingSetup.apply(new LoggingConfig(LogLevel.WARN, LogFormat.TEXT)); // the pool and migrations talk at info
        try {
            return run(options, config, new GoSecretCipher(goKey.get()));
        } catch (ConfigException e) {
            err.println("gomsggw import-go: " + e.getMessage());
            return EXIT_USAGE;
        } catch (GoDatabaseException | StartupException | StoreException e) {
            err.println("gomsggw import-go: " + e.getMessage());
            return EXIT_FAILURE;
        } catch (CryptoException e) {
            err.println("gomsggw import-go: the database here holds secrets that ENCRYPTION_KEY (or the data "
                    + "directory's encryption_key) does not decrypt: " + e.getMessage());
            return EXIT_USAGE;
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(ImportGoCommand.class).atError().setCause(e).log("import-go failed");
            err.println("gomsggw import-go: failed: " + e);
            return EXIT_FAILURE;
        }
    }

    private int usageError(String message) {
        err.println("gomsggw import-go: " + message);
        err.println("Try 'java -jar gomsggw-server.jar import-go --help'.");
        return EXIT_USAGE;
    }

    private int run(ImportGoOptions options, GatewayConfig config, GoSecretCipher cipher) {
        try (GoDatabase go = GoDatabase.open(options.from())) {
            List<GoRows.Carrier> carriers = go.carriers();
            List<GoRows.Client> clients = go.clients();
            List<GoRows.Number> numbers = go.numbers();
            List<GoRows.Failover> failovers = go.failovers();
            Optional<String> wrongKey = cipher.wrongKeyVerdict(secrets(carriers, clients));
            if (wrongKey.isPresent()) {
                err.println("gomsggw import-go: " + wrongKey.get() + "; nothing was imported");
                return EXIT_USAGE;
            }

            PhoneNumbers phoneNumbers = new PhoneNumbers(config.identity().defaultRegion());
            GoNumbers goNumbers = new GoNumbers(phoneNumbers);
            PluginJars plugins = PluginJars.open(config.pluginsDirectory(), ImportGoCommand.class.getClassLoader());
            CarrierTypes carrierTypes = CarrierTypes.discover(plugins.classLoader());
            try (ImportTarget target = options.dryRun()
                    ? ImportTarget.dryRun(config, carrierTypes, phoneNumbers, clock)
                    : ImportTarget.open(config, carrierTypes, phoneNumbers, clock, out)) {
                out.println("From: Go gateway database " + go.description());
                out.println("Into: " + target.description());
                if (options.dryRun()) {
                    out.println("Dry run: nothing is written"
                            + target.caveat()
                                    .map(c -> " (the database here: " + c + ")")
                                    .orElse(""));
                }
                out.println();

                ImportReport report = new ImportReport(options.dryRun());
                DirectoryImport directory = new DirectoryImport(target, cipher, goNumbers, report);
                target.admin().directory().bulkChange(() -> {
                    directory.carriers(carriers);
                    directory.clients(clients);
                    directory.numbers(numbers);
                    directory.failovers(failovers);
                });
                new ApiKeyImport(target, clock, report)
                        .run(go.apiKeys(), directory.clientIds(), directory.numberIds(), directory.goClients());
                new UsageImport(go, target, goNumbers, clock, report).run(directory.clientIds());
                if (options.withHistory()) {
                    new HistoryImport(go, target, goNumbers, clock, progressInterval, err, report)
                            .run(directory.clientIds(), directory.goClients());
                } else {
                    report.skipped(Kind.HISTORY, "add --with-history to copy the message records");
                }
                report.print(out);
                out.flush();
                return report.hasRefusals() ? EXIT_ROWS_NOT_IMPORTED : EXIT_OK;
            } finally {
                try {
                    plugins.close();
                } catch (IOException e) {
                    err.println("gomsggw import-go: warning: closing the plug-in jars failed: " + e.getMessage());
                }
            }
        }
    }

    private static List<String> secrets(List<GoRows.Carrier> carriers, List<GoRows.Client> clients) {
        List<String> secrets = new ArrayList<>();
        carriers.forEach(c -> secrets.add(c.password()));
        clients.forEach(c -> secrets.add(c.password()));
        secrets.removeIf(Objects::isNull);
        return secrets;
    }
}
