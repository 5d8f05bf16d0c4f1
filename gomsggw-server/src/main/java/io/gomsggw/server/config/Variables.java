package io.gomsggw.server.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed reading of environment variables. A variable that is unset or blank takes its default;
 * a value that cannot be read throws a {@link ConfigException} naming the variable.
 */
final class Variables {
    private final Map<String, String> values;
    /** Every name asked for, in order: the variables a load reads. */
    private final java.util.Set<String> asked = new java.util.LinkedHashSet<>();

    Variables(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The trimmed value, or empty when the variable is unset or blank. */
    Optional<String> optional(String name) {
        asked.add(name);
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** The names asked for so far. */
    java.util.Set<String> asked() {
        return java.util.Collections.unmodifiableSet(asked);
    }

    boolean isSet(String name) {
        return optional(name).isPresent();
    }

    String string(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    /** Reads the value with {@code parser}, whose {@link IllegalArgumentException} message becomes the problem. */
    <T> Optional<T> parsed(String name, Function<String, T> parser) {
        Optional<String> text = optional(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(text.get()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, e.getMessage());
        }
    }

    <T> T parsed(String name, Function<String, T> parser, T defaultValue) {
        return parsed(name, parser).orElse(defaultValue);
    }

    ListenAddress listenAddress(String name, String defaultValue) {
        return parsed(name, ListenAddress::parse, ListenAddress.parse(defaultValue));
    }

    int nonNegativeInt(String name, int defaultValue) {
        return parsed(name, text -> integer(text, 0, "a non-negative integer"), defaultValue);
    }

    int positiveInt(String name, int defaultValue) {
        return parsed(name, text -> integer(text, 1, "a positive integer"), defaultValue);
    }

    int intInRange(String name, int defaultValue, int min, int max) {
        return parsed(
                name,
                text -> {
                    int value = integer(text, Integer.MIN_VALUE, "an integer from " + min + " to " + max);
                    if (value < min || value > max) {
                        throw new IllegalArgumentException(
                                "expected an integer from " + min + " to " + max + ", got '" + text + "'");
                    }
                    return value;
                },
                defaultValue);
    }

    Duration positiveSeconds(String name, int defaultSeconds) {
        return Duration.ofSeconds(positiveInt(name, defaultSeconds));
    }

    Duration nonNegativeSeconds(String name, int defaultSeconds) {
        return Duration.ofSeconds(nonNegativeInt(name, defaultSeconds));
    }

    /** {@code true/false}, {@code 1/0}, {@code yes/no} or {@code on/off}, in any case. */
    boolean bool(String name, boolean defaultValue) {
        return parsed(
                name,
                text -> switch (text.toLowerCase(Locale.ROOT)) {
                    case "true", "1", "yes", "on" -> true;
                    case "false", "0", "no", "off" -> false;
                    default -> throw new IllegalArgumentException("expected true or false, got '" + text + "'");
                },
                defaultValue);
    }

    /** A path, resolved against {@code base} when relative. */
    Path path(String name, String defaultValue, Path base) {
        String text = string(name, defaultValue);
        try {
            return base.resolve(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException(name, "not a valid path: '" + text + "'");
        }
    }

    /** A positive whole number of up to 19 digits; {@link IllegalArgumentException} otherwise. */
    static long positiveLong(String text) {
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a positive integer, got '" + text + "'", e);
        }
        if (value < 1) {
            throw new IllegalArgumentException("expected a positive integer, got '" + text + "'");
        }
        return value;
    }

    private static int integer(String text, int min, String expected) {
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected " + expected + ", got '" + text + "'", e);
        }
        if (value < min) {
            throw new IllegalArgumentException("expected " + expected + ", got '" + text + "'");
        }
        return value;
    }
}
