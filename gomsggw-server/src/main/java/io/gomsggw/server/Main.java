package io.gomsggw.server;

import io.gomsggw.server.bench.BenchCommand;
import io.gomsggw.server.config.ConfigException;
import io.gomsggw.server.config.ConfigLoader;
import io.gomsggw.server.config.GatewayConfig;
import io.gomsggw.server.goimport.ImportGoCommand;
import io.gomsggw.server.lifecycle.StartupException;
import io.gomsggw.server.logging.LoggingSetup;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.LoggerFactory;

/**
 * The {@code gomsggw} command: {@code serve} (the default) runs the gateway until SIGTERM or
 * SIGINT; {@code bench} runs a load generator against a running gateway ({@link BenchCommand});
 * {@code healthcheck} asks the gateway configured by the same environment for {@code /health};
 * {@code import-go} copies a Go gateway's database into this server's ({@link ImportGoCommand},
 * with exit statuses of its own); {@code version} and {@code help} print and exit.
 *
 * <p>Exit status: 0 after {@code version} or {@code help}; 2 for a configuration mistake, a
 * listen address already in use or an unknown command, with one line on standard error; 1 when
 * the start fails otherwise (e.g. the database is unreachable), and after a {@code healthcheck}
 * that did not get 200. A gateway stopped by a signal
 * exits as the JVM does for it (143 after SIGTERM, 130 after SIGINT).
 */
public final class Main {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    private static final String USAGE = """
            Usage: java -jar gomsggw-server.jar [command]

            Commands:
              serve     run the gateway (the default)
              bench     load-test a running gateway: bench http --help
              healthcheck  ask the gateway configured here for GET /health; exit 0 when it
                        answers 200 (for container HEALTHCHECKs without curl)
              import-go copy a Go gateway's database into this server's: import-go --help
              version   print the version
              help      print this text

            The gateway is configured with environment variables, optionally from a .env file in
            the working directory; see docs/configuration.md. With none set it listens on
            0.0.0.0:3000 (HTTP), :9550 (SMPP), :2566 (MM4) and :2550 (metrics), and keeps an
            embedded database and generated keys in ./data.
            """;

    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final PrintStream out;
    private final PrintStream err;

    Main(Map<String, String> environment, Path workingDirectory, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.workingDirectory = workingDirectory;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        pinJakartaMailStreamProvider();
        int status = new Main(System.getenv(), Path.of("").toAbsolutePath(), System.out, System.err).run(args);
        if (status != EXIT_OK) {
            System.exit(status);
        }
    }

    /**
     * Names Angus Mail's stream provider, which Jakarta Mail otherwise looks up with a
     * {@link java.util.ServiceLoader} at every base64 or quoted-printable part it decodes or encodes: in
     * the shaded jar (16,000 entries) each lookup re-reads the jar's directory, which made parsing an MM4
     * message with a photo take tens of milliseconds of CPU (seen in a thread dump of {@code bench mm4}).
     * An operator's own {@code -Djakarta.mail.util.StreamProvider} wins.
     */
    static void pinJakartaMailStreamProvider() {
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    /** Runs a command; for {@code serve}, returns only once the gateway has stopped. */
    int run(String[] args) {
        String command = args.length == 0 ? "serve" : args[0];
        if (command.equals("bench")) {
            return new BenchCommand(out, err).run(List.of(args).subList(1, args.length));
        }
        if (command.equals("import-go")) {
            return new ImportGoCommand(environment, workingDirectory, out, err, Clock.systemUTC())
                    .run(List.of(args).subList(1, args.length));
        }
        if (args.length > 1) {
            return usageError("unexpected argument '" + args[1] + "' after '" + command + "'");
        }
        return switch (command) {
            case "serve" -> serve();
            case "healthcheck" -> healthcheck();
            case "version" -> {
                out.println("gomsggw " + Version.current());
                yield EXIT_OK;
            }
            case "help", "-h", "--help" -> {
                out.print(USAGE);
                yield EXIT_OK;
            }
            default ->
                usageError("unknown command '" + command
                        + "' (commands: serve, bench, healthcheck, import-go, version, help)");
        };
    }

    private int serve() {
        GatewayConfig config;
        try {
            config = ConfigLoader.forThisMachine().load(environment, workingDirectory);
        } catch (ConfigException e) {
            return usageError(e.getMessage());
        }
        LoggingSetup.apply(config.logging());
        // Registered before the start so that a SIGTERM while starting still ends in a clean stop:
        // the hook waits for the start to finish (or fail) and then closes what it opened.
        CompletableFuture<Gateway> started = new CompletableFuture<>();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> started.handle((gateway, failed) -> {
                                    if (gateway != null) {
                                        gateway.close();
                                    }
                                    return null;
                                })
                                .join(),
                        "gomsggw-shutdown"));
        Gateway gateway;
        try {
            gateway = Gateway.start(config, Clock.systemUTC(), out);
            started.complete(gateway);
        } catch (ConfigException e) {
            started.completeExceptionally(e);
            return usageError(e.getMessage());
        } catch (StartupException e) {
            started.completeExceptionally(e);
            err.println("gomsggw: " + e.getMessage());
            return EXIT_FAILURE;
        } catch (RuntimeException e) {
            started.completeExceptionally(e);
            LoggerFactory.getLogger(Main.class).atError().setCause(e).log("start failed");
            err.println("gomsggw: start failed: " + e);
            return EXIT_FAILURE;
        }
        try {
            gateway.awaitClosed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            gateway.close();
        }
        return gateway.stoppedForLostLease() ? EXIT_FAILURE : EXIT_OK;
    }

    private int healthcheck() {
        GatewayConfig config;
        try {
            config = ConfigLoader.forThisMachine().load(environment, workingDirectory);
        } catch (ConfigException e) {
            return usageError(e.getMessage());
        }
        String host = config.listeners().web().host();
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        }
        java.net.URI uri =
                java.net.URI.create("http://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
                        + ":" + config.listeners().web().port() + "/health");
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newBuilder()
                    .connectTimeout(java.time.Duration.ofSeconds(3))
                    .build()
                    .send(
                            java.net.http.HttpRequest.newBuilder(uri)
                                    .timeout(java.time.Duration.ofSeconds(5))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            out.println(response.statusCode() + " " + response.body());
            return response.statusCode() == 200 ? EXIT_OK : EXIT_FAILURE;
        } catch (java.io.IOException e) {
            err.println("gomsggw: " + uri + ": " + e);
            return EXIT_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_FAILURE;
        }
    }

    private int usageError(String message) {
        err.println("gomsggw: " + message);
        return EXIT_USAGE;
    }
}
