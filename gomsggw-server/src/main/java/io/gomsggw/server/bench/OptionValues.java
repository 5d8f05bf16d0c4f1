package io.gomsggw.server.bench;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of one {@code bench} command line, read but not yet interpreted, with the readers
 * every target shares: whole numbers in a range, durations, the stop condition and the gateway's
 * URL. Every mistake is a {@link BenchUsageException} that names the option.
 */
final class OptionValues {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private final Map<String, String> values;
    private final Set<String> flags;

    private OptionValues(Map<String, String> values, Set<String> flags) {
        this.values = values;
        this.flags = flags;
    }

    /**
     * Reads {@code --name value} and {@code --name=value} options and bare flags.
     *
     * @param valued the options that take a value
     * @param flags  the options that take none
     * @throws BenchUsageException for an unknown, repeated or valueless option
     */
    static OptionValues read(List<String> args, Set<String> valued, Set<String> flags) {
        Map<String, String> values = new HashMap<>();
        Set<String> given = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (flags.contains(name) && name.equals(arg)) {
                given.add(name);
                continue;
            }
            if (!valued.contains(name)) {
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
        return new OptionValues(values, given);
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value of {@code name}, or null when it was not given. */
    String get(String name) {
        return values.get(name);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** A whole number from {@code least} to {@code most}, or {@code fallback} when not given. */
    long number(String name, long fallback, long least, long most) {
        String text = values.get(name);
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

    /** A duration, or {@code fallback} when not given. */
    Duration duration(String name, Duration fallback) {
        return values.containsKey(name) ? duration(name, values.get(name)) : fallback;
    }

    /** {@code --messages N} or {@code --duration D}, which exclude each other; by default {@code defaultMessages}. */
    BenchOptions.Stop stop(long defaultMessages) {
        if (has("--messages") && has("--duration")) {
            throw new BenchUsageException("--messages and --duration exclude each other");
        }
        if (has("--duration")) {
            Duration duration = duration("--duration", get("--duration"));
            if (duration.isZero()) {
                throw new BenchUsageException("--duration must be longer than 0");
            }
            return new BenchOptions.Stop.AfterTime(duration);
        }
        return new BenchOptions.Stop.AfterMessages(number("--messages", defaultMessages, 1, Long.MAX_VALUE));
    }

    /** {@code --url}: {@code http://host:port}, optionally with a path prefix. */
    URI url(String fallback) {
        String text = get("--url", fallback);
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
}
