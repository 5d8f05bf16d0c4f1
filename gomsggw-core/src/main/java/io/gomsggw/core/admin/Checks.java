package io.gomsggw.core.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.function.Function;

/** Field checks shared by the admin operations; each failure names the field in API terms. */
final class Checks {
    private Checks() {}

    /** The value stripped; refuses null and blank. */
    static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw InvalidFieldException.missing(field);
        }
        return value.strip();
    }

    /** The value stripped, or null for null and blank (an optional field left empty). */
    static String optionalText(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static long nonNegative(String field, long value) {
        if (value < 0) {
            throw InvalidFieldException.invalid(field, "must not be negative");
        }
        return value;
    }

    static int nonNegative(String field, int value) {
        if (value < 0) {
            throw InvalidFieldException.invalid(field, "must not be negative");
        }
        return value;
    }

    static int atLeast(String field, int value, int least) {
        if (value < least) {
            throw InvalidFieldException.invalid(field, "must be at least " + least);
        }
        return value;
    }

    /** An absolute http or https URL with a host, or null when the value is null or blank. */
    static String optionalHttpUrl(String field, String value) {
        String text = optionalText(value);
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw InvalidFieldException.invalid(field, "must be an http or https URL");
            }
            if (uri.getHost() == null) {
                throw InvalidFieldException.invalid(field, "URL has no host");
            }
            return text;
        } catch (URISyntaxException e) {
            throw InvalidFieldException.invalid(field, "not a URL");
        }
    }

    /** An IANA time zone such as {@code America/Vancouver}; UTC when the value is null or blank. */
    static ZoneId timezone(String field, String value) {
        String text = optionalText(value);
        if (text == null) {
            return ZoneId.of("UTC");
        }
        if (!ZoneId.getAvailableZoneIds().contains(text)) {
            throw InvalidFieldException.invalid(field, "not an IANA time zone (e.g. America/Vancouver)");
        }
        return ZoneId.of(text);
    }

    /** Reads a lower-case wire name into an enum constant through {@code parse}, naming the allowed values on failure. */
    static <E extends Enum<E>> E wireEnum(String field, String value, Class<E> type, Function<String, E> parse) {
        String text = requireText(field, value);
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                if (allowed.length() > 0) allowed.append(", ");
                allowed.append(constant.name().toLowerCase(Locale.ROOT));
            }
            throw InvalidFieldException.invalid(field, "must be one of " + allowed);
        }
    }
}
