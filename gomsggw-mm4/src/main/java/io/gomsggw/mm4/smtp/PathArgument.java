package io.gomsggw.mm4.smtp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The argument of {@code MAIL FROM:} or {@code RCPT TO:}: the path and its ESMTP parameters.
 * Lenient where clients differ harmlessly (a space after the colon, a path without angle brackets),
 * strict where meaning would be guessed. Immutable.
 *
 * @param path       the address without angle brackets; {@code ""} for {@code <>}
 * @param parameters parameter names upper-cased, to their value ({@code ""} when none)
 */
record PathArgument(String path, Map<String, String> parameters) {

    /**
     * Parses {@code argument} (what follows the verb) for {@code keyword} ({@code "FROM:"} or
     * {@code "TO:"}); empty when it does not parse (answered {@code 501}).
     */
    static Optional<PathArgument> parse(String argument, String keyword) {
        if (!argument.regionMatches(true, 0, keyword, 0, keyword.length())) {
            return Optional.empty();
        }
        String rest = argument.substring(keyword.length()).stripLeading();
        String path;
        String params;
        if (rest.startsWith("<")) {
            int close = rest.indexOf('>');
            if (close < 0) {
                return Optional.empty();
            }
            path = rest.substring(1, close);
            params = rest.substring(close + 1);
            if (!params.isEmpty() && !params.startsWith(" ")) {
                return Optional.empty();
            }
        } else {
            int space = rest.indexOf(' ');
            path = space < 0 ? rest : rest.substring(0, space);
            params = space < 0 ? "" : rest.substring(space);
            if (path.isEmpty()) {
                return Optional.empty();
            }
        }
        if (path.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>')) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String p : params.trim().split(" +")) {
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).toUpperCase(Locale.ROOT);
            if (name.isEmpty()) {
                return Optional.empty();
            }
            parameters.put(name, eq < 0 ? "" : p.substring(eq + 1));
        }
        return Optional.of(new PathArgument(path, Map.copyOf(parameters)));
    }
}
