package io.gomsggw.server.bench;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The options of {@code bench http}, read from the command line.
 *
 * @param url         the gateway's base URL ({@code http://host:port}, optionally with a path prefix)
 * @param apiKey      the admin key, needed by {@code --setup}
 * @param connections keep-alive connections, each with one request in flight
 * @param stop        when the measured part ends
 * @param rate        requests per second over all connections; 0 sends as fast as answers come
 * @param warmup      how long to send before measuring
 * @param target      whom to send as and to; empty with {@code --setup}, which creates it first
 * @param text        the text of every message
 */
public record BenchOptions(
        URI url,
        Optional<String> apiKey,
        int connections,
        Stop stop,
        int rate,
        Duration warmup,
        Optional<SendTarget> target,
        String text) {

    /** When the measured part of a run ends. */
    public sealed interface Stop {
        /** After {@code count} measured requests ({@code bench http}) or whole messages ({@code bench smpp}). */
        record AfterMessages(long count) implements Stop {}

        /** After {@code duration} of measuring. */
        record AfterTime(Duration duration) implements Stop {}
    }

    static final String DEFAULT_URL = "http://127.0.0.1:3000";
    static final int DEFAULT_CONNECTIONS = 32;
    static final long DEFAULT_MESSAGES = 200_000;
    static final int MAX_CONNECTIONS = 10_000;
    static final Duration DEFAULT_WARMUP = Duration.ofSeconds(5);
    static final String DEFAULT_TEXT = "gomsggw bench";

    private static final Set<String> VALUED = Set.of(
            "--url",
            "--api-key",
            "--connections",
            "--messages",
            "--duration",
            "--rate",
            "--warmup",
            "--username",
            "--password",
            "--from",
            "--to",
            "--text");
    private static final List<String> TARGET = List.of("--username", "--password", "--from", "--to");

    public BenchOptions {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(text, "text");
    }

    /**
     * Reads {@code --name value} and {@code --name=value} options, and the flag {@code --setup}.
     *
     * @throws BenchUsageException naming the option that is unknown, missing, repeated or malformed
     */
    public static BenchOptions parse(List<String> args) {
        OptionValues values = OptionValues.read(args, VALUED, Set.of("--setup"));
        Stop stop = values.stop(DEFAULT_MESSAGES);
        URI url = values.url(DEFAULT_URL);
        int connections = (int) values.number("--connections", DEFAULT_CONNECTIONS, 1, MAX_CONNECTIONS);
        int rate = (int) values.number("--rate", 0, 0, Integer.MAX_VALUE);
        Duration warmup = values.duration("--warmup", DEFAULT_WARMUP);
        return new BenchOptions(
                url,
                Optional.ofNullable(values.get("--api-key")),
                connections,
                stop,
                rate,
                warmup,
                target(values),
                values.get("--text", DEFAULT_TEXT));
    }

    private static Optional<SendTarget> target(OptionValues values) {
        if (values.flag("--setup")) {
            if (!values.has("--api-key")) {
                throw new BenchUsageException("--setup needs --api-key (the gateway's admin key)");
            }
            for (String name : TARGET) {
                if (values.has(name)) {
                    throw new BenchUsageException(name + " is chosen by --setup; give one or the other");
                }
            }
            return Optional.empty();
        }
        for (String name : TARGET) {
            if (!values.has(name)) {
                throw new BenchUsageException(name + " is needed without --setup");
            }
        }
        return Optional.of(new SendTarget(
                values.get("--username"), values.get("--password"), values.get("--from"), values.get("--to")));
    }

    /** Whether requests follow a fixed schedule (an open model) rather than each answer (a closed one). */
    public boolean fixedRate() {
        return rate > 0;
    }

    /** Reads {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or a bare number of seconds. */
    static Duration duration(String name, String text) {
        return OptionValues.duration(name, text);
    }

    /** The port of {@link #url()}, 80 when it names none. */
    int port() {
        return url.getPort() < 0 ? 80 : url.getPort();
    }

    /** The path of the send endpoint under {@link #url()}. */
    String sendPath() {
        String prefix = url.getRawPath() == null ? "" : url.getRawPath();
        return (prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix) + "/messages/send";
    }
}
