package io.gomsggw.server.bench;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The options of {@code bench mm4}, read from the command line.
 *
 * @param host        the gateway's MM4 host
 * @param port        its MM4 port
 * @param url         the gateway's base URL, for {@code --setup}
 * @param apiKey      the admin key, needed by {@code --setup}
 * @param connections SMTP connections, each with one message in flight
 * @param stop        when the measured part ends
 * @param warmup      how long to send before measuring
 * @param imageBytes  about how large the JPEG of each message is
 * @param from        the sender number (one of the PBX's), empty with {@code --setup}
 * @param to          the recipient number, empty with {@code --setup}
 * @param sink        {@code --sink}: send to a do-nothing SMTP server in this process (the baseline)
 */
public record Mm4BenchOptions(
        String host,
        int port,
        URI url,
        Optional<String> apiKey,
        int connections,
        BenchOptions.Stop stop,
        Duration warmup,
        int imageBytes,
        Optional<String> from,
        Optional<String> to,
        boolean sink) {
    static final String DEFAULT_MM4 = "127.0.0.1:2566";
    static final int DEFAULT_CONNECTIONS = 8;
    static final int DEFAULT_IMAGE_BYTES = 50 * 1024;
    static final long DEFAULT_MESSAGES = 20_000;

    private static final Set<String> VALUED = Set.of(
            "--mm4",
            "--url",
            "--api-key",
            "--connections",
            "--messages",
            "--duration",
            "--warmup",
            "--image-bytes",
            "--from",
            "--to");

    public Mm4BenchOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /**
     * Reads {@code --name value} and {@code --name=value} options, and the flag {@code --setup}.
     *
     * @throws BenchUsageException naming the option that is unknown, missing or malformed
     */
    public static Mm4BenchOptions parse(List<String> args) {
        OptionValues values = OptionValues.read(args, VALUED, Set.of("--setup", "--sink"));
        String mm4 = values.get("--mm4", DEFAULT_MM4);
        int colon = mm4.lastIndexOf(':');
        int port;
        try {
            port = colon < 1 ? -1 : Integer.parseInt(mm4.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65_535) {
            throw new BenchUsageException("--mm4: expected host:port, got '" + mm4 + "'");
        }
        boolean setup = values.flag("--setup");
        boolean sink = values.flag("--sink");
        if (!sink && setup == (values.has("--from") || values.has("--to"))) {
            throw new BenchUsageException(
                    setup
                            ? "--setup creates the numbers: leave out --from and --to"
                            : "give --setup (with --api-key), or --from and --to");
        }
        if (!sink && !setup && !(values.has("--from") && values.has("--to"))) {
            throw new BenchUsageException("--from and --to go together");
        }
        if (setup && !values.has("--api-key")) {
            throw new BenchUsageException("--setup needs --api-key");
        }
        return new Mm4BenchOptions(
                mm4.substring(0, colon),
                port,
                values.url(BenchOptions.DEFAULT_URL),
                Optional.ofNullable(values.get("--api-key")),
                (int) values.number("--connections", DEFAULT_CONNECTIONS, 1, 10_000),
                values.stop(DEFAULT_MESSAGES),
                values.duration("--warmup", BenchOptions.DEFAULT_WARMUP),
                (int) values.number("--image-bytes", DEFAULT_IMAGE_BYTES, 1_000, 32L * 1024 * 1024),
                Optional.ofNullable(values.get("--from")),
                Optional.ofNullable(values.get("--to")),
                sink);
    }

    /** These options aimed at the do-nothing sink on {@code port} of 127.0.0.1. */
    Mm4BenchOptions toSink(int port) {
        return new Mm4BenchOptions(
                "127.0.0.1", port, url, apiKey, connections, stop, warmup, imageBytes, from, to, false);
    }
}
