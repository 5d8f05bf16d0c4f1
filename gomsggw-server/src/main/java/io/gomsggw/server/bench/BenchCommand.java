package io.gomsggw.server.bench;

import io.gomsggw.server.config.LogFormat;
import io.gomsggw.server.config.LogLevel;
import io.gomsggw.server.config.LoggingConfig;
import io.gomsggw.server.logging.LoggingSetup;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code gomsggw bench TARGET [options]}: load generators against a running gateway.
 * {@code bench http} sends {@code POST /messages/send} ({@link BenchOptions}, {@link HttpLoad},
 * {@link ResultTable}); {@code bench smpp} binds SMPP transceivers and submits {@code submit_sm}
 * to another bound client ({@link SmppBenchOptions}, {@link SmppLoad}, {@link SmppResultTable});
 * {@code bench batch} uploads CSV batches and times their acceptance and sending
 * ({@link BatchBenchOptions}, {@link BatchLoad}).
 * Either can prepare the gateway first over the admin API ({@link BenchSetup},
 * {@link SmppBenchSetup}).
 *
 * <p>Exit status: 0 when at least one measured request was accepted (202, or {@code ESME_ROK});
 * 1 when none was, or the gateway could not be reached, bound or set up; 2 for a mistake on the
 * command line.
 */
public final class BenchCommand {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    static final String USAGE = """
            Usage: java -jar gomsggw-server.jar bench TARGET [options]

            Load generators against a running gateway. Targets:
              http    POST /messages/send over keep-alive HTTP connections
              smpp    submit_sm over SMPP transceiver binds, delivered to another bound client
              batch   POST /messages/batch with a CSV file: time to 202, then rows sent per second
              mm4     MM4_forward.REQ (a JPEG, text, SMIL) over SMTP connections: messages/s, time to 250
              baseline  a do-nothing HTTP server to measure beside the gateway (not a load)

            'bench TARGET --help' lists the options of a target.
            """;

    static final String HTTP_USAGE = """
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

    static final String SMPP_USAGE = """
            Usage: java -jar gomsggw-server.jar bench smpp [options]

            Binds SMPP transceivers to a running gateway and submits messages over them, W
            submit_sm in flight per bind; a long text is one submit_sm per part, with a UDH.
            When the destination number belongs to another client (--setup does that), binds
            that client as receivers and counts the deliver_sm. Prints submit_sm and whole
            messages per second, submit_sm_resp latency percentiles, the count of each
            command_status, deliveries per second and the delay from submit to deliver_sm.

            Options:
              --smpp HOST:PORT   the gateway's SMPP listener (default 127.0.0.1:9550)
              --binds N          transceiver binds that submit (default 4)
              --window W         submit_sm in flight on each bind (default 64)
              --messages N       measured whole messages after the warm-up (default 200000)
              --duration D       or measure for a time, e.g. 30s, 2m
              --rate N           whole messages per second over all binds; 0 (the default) sends
                                 each as soon as a window slot is free. With a rate, latency
                                 counts from each message's intended send time.
              --warmup D         unmeasured sending first (default 5s)
              --mix MIX          the texts, as weights (default short=70,ucs2=20,long=10):
                                 short  a short GSM-7 text, 1 submit_sm
                                 ucs2   a UCS-2 text with emoji, 1 submit_sm
                                 long   a long GSM-7 text with a euro sign, 3 submit_sm
              --setup            create a loopback carrier and two legacy clients (address
                                 127.0.0.1) with a number each over the admin API; the first
                                 submits to the second's number; prints them
              --to-carrier       with --setup: one legacy client only, which submits to numbers
                                 no client owns, so the messages leave through the loopback
                                 carrier (deliveries are not measured)
              --url URL          the gateway's admin API, for --setup (default http://127.0.0.1:3000)
              --api-key KEY      the admin API key, for --setup
              --system-id ID  --password P  --from NUMBERS  --to NUMBERS
                                 the legacy client to bind as and its numbers, without --setup;
                                 several numbers as a comma-separated list, one conversation each
                                 (system id and password: at most 64 characters each)
              --receiver-system-id ID  --receiver-password P
                                 the client that owns --to, to bind as receivers and count the
                                 deliveries (without them, deliveries are not measured)
              --receiver-binds N receiver binds of that client (default: as many as --binds)
              --conversations N  with --setup: numbers per client, message n going from the
                                 sender's n-th to the receiver's n-th (default 64). The gateway
                                 keeps one message per conversation in flight toward a PBX.
            """;

    static final String MM4_USAGE = """
            Usage: java -jar gomsggw-server.jar bench mm4 [options]

            Sends MM4_forward.REQ messages as a PBX does (multipart/related: SMIL, a UTF-8 text, a
            JPEG in base64) to a running gateway's MM4 listener over SMTP connections, one message
            in flight per connection (MAIL, RCPT and DATA pipelined), and prints accepted messages
            per second and the latency from MAIL to the 250 after the data (the gateway answers
            250 once every message is stored). The connections come from 127.0.0.1, which must be
            a legacy client's address (--setup makes one).

            Options:
              --mm4 HOST:PORT    the gateway's MM4 listener (default 127.0.0.1:2566)
              --connections N    SMTP connections (default 8)
              --messages N       measured messages after the warm-up (default 20000)
              --duration D       or measure for a time, e.g. 30s, 2m
              --warmup D         unmeasured sending first (default 5s)
              --image-bytes N    about how large each message's JPEG is (default 51200)
              --setup            create a loopback carrier and a legacy client with address
                                 127.0.0.1 and a number over the admin API; messages go to a
                                 number no client owns, out through the loopback carrier
              --url URL          the gateway's admin API, for --setup (default http://127.0.0.1:3000)
              --api-key KEY      the admin API key, for --setup
              --from NUMBER  --to NUMBER
                                 without --setup: one of the PBX's numbers, and the destination
              --sink             the do-nothing baseline: send to an SMTP server in the bench's own
                                 process (the gateway's SMTP layer) that answers 250 without reading
            """;

    static final String BATCH_USAGE = """
            Usage: java -jar gomsggw-server.jar bench batch [options]

            Uploads batches as CSV files (POST /messages/batch, multipart/form-data), one after
            the other, each row to a different number, and prints for each how long the gateway
            took to answer 202 (every row validated and stored) and how many rows per second it
            then sent (sent_count over the job's created_at to completed_at). Compare the rate
            with 'bench http' against the same gateway.

            Options:
              --url URL          the gateway (default http://127.0.0.1:3000)
              --rows N           rows per batch, at most 10000 (default 10000)
              --batches N        batches, one after the other (default 3)
              --throttle N       throttle_per_second of each batch; 0 (the default) for none
              --setup            create a loopback carrier and a web client with a number over
                                 the admin API; prints them
              --api-key KEY      the admin API key, for --setup
              --username U  --password P  --from NUMBER
                                 the web client and its number, without --setup
            """;

    static final String BASELINE_USAGE = """
            Usage: java -jar gomsggw-server.jar bench baseline [--listen HOST:PORT]

            Starts a do-nothing HTTP server (the gateway's Netty stack, nothing else) that answers
            every request 202 {"id":…,"status":"queued"}, until stopped with Ctrl-C. Run
            'bench http' (with --username x --password x --from +15550000001 --to +15550000002)
            or wrk against it in the same minutes as against the gateway: on a shared machine the
            two figures side by side say what the gateway costs and what the machine allowed.

            Options:
              --listen HOST:PORT where to listen (default 127.0.0.1:3001)
            """;

    private static final List<String> HELP = List.of("help", "-h", "--help");
    private static final List<String> TARGETS = List.of("http", "smpp", "batch", "mm4", "baseline");

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
        String target = args.get(0);
        if (!TARGETS.contains(target)) {
            return usageError(
                    "unknown bench target '" + target + "' (targets: " + String.join(", ", TARGETS) + ")", "");
        }
        if (args.contains("--help") || args.contains("-h")) {
            out.print(
                    switch (target) {
                        case "http" -> HTTP_USAGE;
                        case "smpp" -> SMPP_USAGE;
                        case "mm4" -> MM4_USAGE;
                        case "baseline" -> BASELINE_USAGE;
                        default -> BATCH_USAGE;
                    });
            return EXIT_OK;
        }
        List<String> options = args.subList(1, args.size());
        try {
            return switch (target) {
                case "http" -> runHttp(BenchOptions.parse(options));
                case "smpp" -> runSmpp(SmppBenchOptions.parse(options));
                case "mm4" -> runMm4(Mm4BenchOptions.parse(options));
                case "baseline" -> runBaseline(options);
                default -> runBatch(BatchBenchOptions.parse(options));
            };
        } catch (BenchUsageException e) {
            return usageError(e.getMessage(), " " + target);
        } catch (IOException e) {
            err.println("gomsggw bench: " + e.getMessage());
            return EXIT_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("gomsggw bench: interrupted");
            return EXIT_FAILURE;
        }
    }

    private int runBaseline(List<String> options) throws InterruptedException {
        quietLogging();
        OptionValues values = OptionValues.read(options, Set.of("--listen"), Set.of());
        String listen = values.get("--listen", "127.0.0.1:3001");
        int colon = listen.lastIndexOf(':');
        int port;
        try {
            port = colon < 0 ? -1 : Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new BenchUsageException("--listen: expected HOST:PORT, got '" + listen + "'");
        }
        try (BaselineServer server = BaselineServer.start(new InetSocketAddress(listen.substring(0, colon), port))) {
            out.println("baseline: do-nothing HTTP server on " + server.address() + " (Ctrl-C to stop)");
            out.flush();
            new CountDownLatch(1).await();
        }
        return EXIT_OK;
    }

    private int runHttp(BenchOptions options) throws IOException, InterruptedException {
        quietLogging();
        SendTarget target = options.target().isPresent()
                ? options.target().get()
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

    private int runSmpp(SmppBenchOptions options) throws IOException, InterruptedException {
        quietLogging();
        SmppTarget target = options.target().isPresent()
                ? options.target().get()
                : new SmppBenchSetup(options.url(), options.apiKey().orElseThrow(), out, new SecureRandom())
                        .create(options.conversations(), options.toCarrier());
        SmppLoadResult result = new SmppLoad(options, target, out).run();
        out.println();
        out.print(SmppResultTable.format(options, result));
        if (result.statuses().ok() == 0) {
            err.println("gomsggw bench: no submit_sm was accepted");
            return EXIT_FAILURE;
        }
        return EXIT_OK;
    }

    private int runMm4(Mm4BenchOptions options) throws IOException, InterruptedException {
        quietLogging();
        if (options.sink()) {
            try (Mm4Sink sink = Mm4Sink.start()) {
                out.printf(
                        "sink: a do-nothing SMTP server on 127.0.0.1:%d answers 250 to every message%n", sink.port());
                return runMm4(options.toSink(sink.port()), new Mm4BenchSetup.Numbers("+12505550001", "+16045550001"));
            }
        }
        Mm4BenchSetup.Numbers numbers = options.from().isPresent()
                ? new Mm4BenchSetup.Numbers(options.from().get(), options.to().orElseThrow())
                : new Mm4BenchSetup(options.url(), options.apiKey().orElseThrow(), out, new SecureRandom()).create();
        return runMm4(options, numbers);
    }

    private int runMm4(Mm4BenchOptions options, Mm4BenchSetup.Numbers numbers)
            throws IOException, InterruptedException {
        Mm4Load load = new Mm4Load(options, numbers.from(), numbers.to(), out);
        Mm4Load.Result result = load.run();
        out.println();
        out.print(Mm4ResultTable.format(options, load.jpegBytes(), result));
        if (result.accepted() == 0) {
            err.println("gomsggw bench: no message was accepted");
            return EXIT_FAILURE;
        }
        return EXIT_OK;
    }

    private int runBatch(BatchBenchOptions options) throws IOException, InterruptedException {
        quietLogging();
        SendTarget target = options.target().isPresent()
                ? options.target().get()
                : new BenchSetup(options.url(), options.apiKey().orElseThrow(), out, new SecureRandom()).create();
        List<BatchLoad.Run> runs = new BatchLoad(options, target, out).run();
        out.println();
        out.print(BatchLoad.summary(runs));
        return EXIT_OK;
    }

    private static void quietLogging() {
        LoggingSetup.apply(new LoggingConfig(LogLevel.WARN, LogFormat.TEXT)); // Netty and the JDK client talk at debug
    }

    private int usageError(String message, String target) {
        err.println("gomsggw bench: " + message);
        err.println("Try 'java -jar gomsggw-server.jar bench" + target + " --help'.");
        return EXIT_USAGE;
    }
}
