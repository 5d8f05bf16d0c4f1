package io.gomsggw.server.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The options of {@code bench smpp}, read from the command line.
 *
 * @param host          the gateway's SMPP host
 * @param port          its SMPP port
 * @param url           the gateway's base URL, for {@code --setup}
 * @param apiKey        the admin key, needed by {@code --setup}
 * @param binds         transceiver binds that submit
 * @param window        {@code submit_sm} in flight on each of them
 * @param receiverBinds receiver binds of the destination client (used when there is one)
 * @param stop          when the measured part ends (a count of whole messages, or a time)
 * @param rate          whole messages per second over all binds; 0 sends as fast as answers come
 * @param warmup        how long to send before measuring
 * @param mix           which texts to send
 * @param conversations with {@code --setup}: how many numbers each client gets (one conversation each)
 * @param toCarrier     with {@code --setup}: send to numbers no client owns, out through the loopback carrier,
 *                      instead of to a second legacy client
 * @param target        whom to bind as and send to; empty with {@code --setup}, which creates it first
 */
public record SmppBenchOptions(
        String host,
        int port,
        URI url,
        Optional<String> apiKey,
        int binds,
        int window,
        int receiverBinds,
        BenchOptions.Stop stop,
        int rate,
        Duration warmup,
        TextMix mix,
        int conversations,
        boolean toCarrier,
        Optional<SmppTarget> target) {

    static final String DEFAULT_SMPP = "127.0.0.1:9550";
    static final int DEFAULT_BINDS = 4;
    static final int DEFAULT_WINDOW = 64;
    static final int MAX_BINDS = 10_000;
    static final int MAX_WINDOW = 10_000;

    private static final Set<String> VALUED = Set.of(
            "--smpp",
            "--url",
            "--api-key",
            "--binds",
            "--window",
            "--receiver-binds",
            "--messages",
            "--duration",
            "--rate",
            "--warmup",
            "--mix",
            "--system-id",
            "--password",
            "--from",
            "--to",
            "--receiver-system-id",
            "--receiver-password",
            "--conversations");
    static final int DEFAULT_CONVERSATIONS = 64;
    static final int MAX_CONVERSATIONS = 1_000;
    private static final List<String> SENDER = List.of("--system-id", "--password", "--from", "--to");
    private static final List<String> RECEIVER = List.of("--receiver-system-id", "--receiver-password");

    public SmppBenchOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(mix, "mix");
        Objects.requireNonNull(target, "target");
    }

    /**
     * Reads {@code --name value} and {@code --name=value} options, and the flag {@code --setup}.
     *
     * @throws BenchUsageException naming the option that is unknown, missing, repeated or malformed
     */
    public static SmppBenchOptions parse(List<String> args) {
        OptionValues values = OptionValues.read(args, VALUED, Set.of("--setup", "--to-carrier"));
        BenchOptions.Stop stop = values.stop(BenchOptions.DEFAULT_MESSAGES);
        String smpp = values.get("--smpp", DEFAULT_SMPP);
        int colon = smpp.lastIndexOf(':');
        if (colon < 1) {
            throw new BenchUsageException("--smpp: expected host:port, got '" + smpp + "'");
        }
        int port = port(smpp.substring(colon + 1), smpp);
        URI url = values.url(BenchOptions.DEFAULT_URL);
        int binds = (int) values.number("--binds", DEFAULT_BINDS, 1, MAX_BINDS);
        int window = (int) values.number("--window", DEFAULT_WINDOW, 1, MAX_WINDOW);
        int receiverBinds = (int) values.number("--receiver-binds", binds, 1, MAX_BINDS);
        int rate = (int) values.number("--rate", 0, 0, Integer.MAX_VALUE);
        Duration warmup = values.duration("--warmup", BenchOptions.DEFAULT_WARMUP);
        TextMix mix = values.has("--mix") ? TextMix.parse(values.get("--mix")) : TextMix.DEFAULT;
        return new SmppBenchOptions(
                smpp.substring(0, colon),
                port,
                url,
                Optional.ofNullable(values.get("--api-key")),
                binds,
                window,
                receiverBinds,
                stop,
                rate,
                warmup,
                mix,
                conversations(values),
                toCarrier(values),
                target(values));
    }

    private static int port(String text, String smpp) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BenchUsageException("--smpp: expected host:port with a port from 1 to 65535, got '" + smpp + "'");
    }

    private static int conversations(OptionValues values) {
        if (values.has("--conversations") && !values.flag("--setup")) {
            throw new BenchUsageException(
                    "--conversations is for --setup; without it, list numbers in --from and --to");
        }
        return (int) values.number("--conversations", DEFAULT_CONVERSATIONS, 1, MAX_CONVERSATIONS);
    }

    private static boolean toCarrier(OptionValues values) {
        if (!values.flag("--to-carrier")) {
            return false;
        }
        if (!values.flag("--setup")) {
            throw new BenchUsageException("--to-carrier is for --setup; without it, give --to numbers no client owns");
        }
        if (values.has("--receiver-binds")) {
            throw new BenchUsageException("--receiver-binds: with --to-carrier there is no receiving client");
        }
        return true;
    }

    private static Optional<SmppTarget> target(OptionValues values) {
        if (values.flag("--setup")) {
            if (!values.has("--api-key")) {
                throw new BenchUsageException("--setup needs --api-key (the gateway's admin key)");
            }
            for (String name : concat(SENDER, RECEIVER)) {
                if (values.has(name)) {
                    throw new BenchUsageException(name + " is chosen by --setup; give one or the other");
                }
            }
            return Optional.empty();
        }
        for (String name : SENDER) {
            if (!values.has(name)) {
                throw new BenchUsageException(name + " is needed without --setup");
            }
        }
        if (values.has(RECEIVER.get(0)) != values.has(RECEIVER.get(1))) {
            throw new BenchUsageException("--receiver-system-id and --receiver-password go together");
        }
        if (values.has("--receiver-binds") && !values.has(RECEIVER.get(0))) {
            throw new BenchUsageException("--receiver-binds needs a receiver: --setup or --receiver-system-id");
        }
        SmppCredentials sender = credentials(values, "--system-id", "--password");
        Optional<SmppCredentials> receiver = values.has(RECEIVER.get(0))
                ? Optional.of(credentials(values, RECEIVER.get(0), RECEIVER.get(1)))
                : Optional.empty();
        return Optional.of(
                new SmppTarget(sender, numbers(values.get("--from")), numbers(values.get("--to")), receiver));
    }

    /** A comma-separated list of numbers. */
    private static List<String> numbers(String list) {
        return Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(n -> !n.isEmpty())
                .toList();
    }

    private static SmppCredentials credentials(OptionValues values, String systemId, String password) {
        if (values.get(systemId).length() > SmppCredentials.MAX_SYSTEM_ID) {
            throw new BenchUsageException(
                    systemId + ": a system_id has at most " + SmppCredentials.MAX_SYSTEM_ID + " characters");
        }
        if (values.get(password).length() > SmppCredentials.MAX_PASSWORD) {
            throw new BenchUsageException(
                    password + ": a password has at most " + SmppCredentials.MAX_PASSWORD + " characters");
        }
        return new SmppCredentials(values.get(systemId), values.get(password));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    /** Whether messages follow a fixed schedule (an open model) rather than each answer (a closed one). */
    public boolean fixedRate() {
        return rate > 0;
    }

    /** Whether the destination is a client this run binds, so deliveries are counted. */
    boolean measuresDeliveries() {
        return target.isEmpty() ? !toCarrier : target.get().receiver().isPresent();
    }
}
