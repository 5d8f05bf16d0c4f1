package io.gomsggw.server.bench;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
public record BenchOptions(URI url, Optional<String> apiKey, int connections, Stop stop, int rate, Duration warmup,
                           Optional<SendTarget> target, String text) {

    /** When the measured part of a run ends. */
    public sealed interface Stop {
        /** After {@code count} measured requests. */
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

    private static final Set<String> VALUED = Set.of("--url", "--api-key", "--connections", "--messages", "--duration",
            "--rate", "--warmup", "--username", "--password", "--from", "--to", "--text");
    private static final List<String> TARGET = List.of("--username", "--password", "--from", "--to");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

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
        Map<String, String> values = new HashMap<>();
        boolean setup = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (name.equals("--setup") && name.equals(arg)) {
                setup = true;
                continue;
            }
            if (!VALUED.contains(name)) {
                throw new BenchUsageException("unknown option '" + arg + "'");
            }
            String value;
            if (!name.equals(arg)) {
                value = arg.substring(name.length() + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new BenchUsageException(name + " needs a value");
            }
            if (values.put(name, value) != null) {
                throw new BenchUsageException(name + " is given twice");
            }
        }
        return from(values, setup);
    }

    private static BenchOptions from(Map<String, String> values, boolean setup) {
        if (values.containsKey("--messages") && values.containsKey("--duration")) {
            throw new BenchUsageException("--messages and --duration exclude each other");
        }
        URI url = url(values.getOrDefault("--url", DEFAULT_URL));
        int connections = (int) number("--connections", values.get("--connections"), DEFAULT_CONNECTIONS, 1, MAX_CONNECTIONS);
        Stop stop = values.containsKey("--duration")
                ? new Stop.AfterTime(positive("--duration", duration("--duration", values.get("--duration"))))
                : new Stop.AfterMessages(number("--messages", values.get("--messages"), DEFAULT_MESSAGES, 1, Long.MAX_VALUE));
        int rate = (int) number("--rate", values.get("--rate"), 0, 0, Integer.MAX_VALUE);
        Duration warmup = values.containsKey("--warmup") ? duration("--warmup", values.get("--warmup")) : DEFAULT_WARMUP;
        return new BenchOptions(url, Optional.ofNullable(values.get("--api-key")), connections, stop, rate, warmup,
                target(values, setup), values.getOrDefault("--text", DEFAULT_TEXT));
    }

    private static Optional<SendTarget> target(Map<String, String> values, boolean setup) {
        if (setup) {
            if (!values.containsKey("--api-key")) {
                throw new BenchUsageException("--setup needs --api-key (the gateway's admin key)");
            }
            for (String name : TARGET) {
                if (values.containsKey(name)) {
                    throw new BenchUsageException(name + " is chosen by --setup; give one or the other");
                }
            }
            return Optional.empty();
        }
        for (String name : TARGET) {
            if (!values.containsKey(name)) {
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

    private static long number(String name, String text, long fallback, long least, long most) {
        if (text == null) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new BenchUsageException(name + ": expected a whole number, got '" + text + "'");
        }
        if (value < least || value > most) {
            String range = most == Long.MAX_VALUE ? "of at least " + least : "from " + least + " to " + most;
            throw new BenchUsageException(name + ": expected a number " + range + ", got '" + text + "'");
        }
        return value;
    }

    /** Reads {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or a bare number of seconds. */
    static Duration duration(String name, String text) {
        Matcher matcher = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new BenchUsageException(name + ": expected a duration such as 500ms, 30s or 2m, got '" + text + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static Duration positive(String name, Duration duration) {
        if (duration.isZero()) {
            throw new BenchUsageException(name + " must be longer than 0");
        }
        return duration;
    }

    private static URI url(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new BenchUsageException("--url: not a URL: '" + text + "'");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new BenchUsageException("--url: expected http://host:port, got '" + text + "'");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new BenchUsageException("--url: expected no query or fragment, got '" + text + "'");
        }
        return uri;
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
