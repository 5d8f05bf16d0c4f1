package io.gomsggw.server.bench;

import io.gomsggw.server.config.LogFormat;
import io.gomsggw.server.config.LogLevel;
import io.gomsggw.server.config.LoggingConfig;
import io.gomsggw.server.logging.LoggingSetup;
import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.List;

/**
 * {@code gomsggw bench http [options]}: a load generator for {@code POST /messages/send} against
 * a running gateway. Reads the options ({@link BenchOptions}), optionally prepares the gateway
 * ({@link BenchSetup}), runs the load ({@link HttpLoad}) and prints the {@link ResultTable}.
 *
 * <p>Exit status: 0 when at least one measured request was accepted; 1 when none was, or the
 * gateway could not be reached or set up; 2 for a mistake on the command line.
 */
public final class BenchCommand {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    static final String USAGE = """
            Usage: java -jar gomsggw-server.jar bench http [options]

            Sends POST /messages/send to a running gateway over keep-alive connections, one
            request in flight per connection, and prints accepted messages per second, latency
            percentiles and the count of each status.

            Options:
              --url URL          the gateway (default http://127.0.0.1:3000)
              --connections N    keep-alive connections (default 32)
              --messages N       measured requests after the warm-up (default 200000)
              --duration D       or measure for a time, e.g. 30s, 2m
              --rate N           requests per second over all connections; 0 (the default) sends
                                 each request as soon as the previous answer came. With a rate,
                                 latency counts from each request's intended send time.
              --warmup D         unmeasured sending first (default 5s)
              --setup            create a loopback carrier, a web client with a number, and pick
                                 a destination no client owns, over the admin API; prints them
              --api-key KEY      the admin API key, for --setup
              --username U  --password P  --from NUMBER  --to NUMBER
                                 the web client and numbers to send with, without --setup
              --text TEXT        the text of every message (default "gomsggw bench")
            """;

    private static final List<String> HELP = List.of("help", "-h", "--help");

    private final PrintStream out;
    private final PrintStream err;

    public BenchCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs {@code bench} with the arguments after the word {@code bench}; returns the exit status. */
    public int run(List<String> args) {
        if (args.isEmpty()) {
            err.print(USAGE);
            return EXIT_USAGE;
        }
        if (HELP.contains(args.get(0))) {
            out.print(USAGE);
            return EXIT_OK;
        }
        if (!args.get(0).equals("http")) {
            return usageError("unknown bench target '" + args.get(0) + "' (targets: http)");
        }
        if (args.contains("--help") || args.contains("-h")) {
            out.print(USAGE);
            return EXIT_OK;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args.subList(1, args.size()));
        } catch (BenchUsageException e) {
            return usageError(e.getMessage());
        }
        try {
            return run(options);
        } catch (IOException e) {
            err.println("gomsggw bench: " + e.getMessage());
            return EXIT_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("gomsggw bench: interrupted");
            return EXIT_FAILURE;
        }
    }

    private int run(BenchOptions options) throws IOException, InterruptedException {
        LoggingSetup.apply(new LoggingConfig(LogLevel.WARN, LogFormat.TEXT)); // Netty and the JDK client talk at debug
        SendTarget target = options.target().isPresent() ? options.target().get()
                : new BenchSetup(options.url(), options.apiKey().orElseThrow(), out, new SecureRandom()).create();
        LoadResult result = new HttpLoad(options, target, out).run();
        out.println();
        out.print(ResultTable.format(options, result));
        if (result.statuses().accepted() == 0) {
            err.println("gomsggw bench: no request was accepted");
            return EXIT_FAILURE;
        }
        return EXIT_OK;
    }

    private int usageError(String message) {
        err.println("gomsggw bench: " + message);
        err.println("Try 'java -jar gomsggw-server.jar bench http --help'.");
        return EXIT_USAGE;
    }
}
