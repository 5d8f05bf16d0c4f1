package io.gomsggw.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a {@code .env} file: one {@code KEY=value} per line, optionally preceded by
 * {@code export }. Blank lines and lines starting with {@code #} are ignored. A value may be
 * wrapped in single quotes (taken literally) or double quotes (where {@code \n}, {@code \"} and
 * {@code \\} are escapes); an unquoted value ends at a {@code #} that follows a space. A later
 * line wins over an earlier one for the same key.
 */
public final class EnvFile {
    /** The file name looked for in the working directory. */
    public static final String FILE_NAME = ".env";

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private EnvFile() {}

    /**
     * Reads the file if it exists.
     *
     * @return the variables it sets; empty when there is no such file
     * @throws ConfigException naming the line that cannot be read, or the file when it is unreadable
     */
    public static Map<String, String> readIfPresent(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new ConfigException(FILE_NAME, "cannot read " + file + ": " + e.getMessage());
        }
        return parse(text);
    }

    /**
     * Parses the text of a {@code .env} file.
     *
     * @throws ConfigException naming the line that cannot be read, e.g. {@code .env line 3: expected KEY=value}
     */
    public static Map<String, String> parse(String text) {
        Map<String, String> variables = new LinkedHashMap<>();
        String[] lines = text.split("\\r?\\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = FILE_NAME + " line " + (i + 1);
            if (line.startsWith("export ") || line.startsWith("export\t")) {
                line = line.substring("export".length()).strip();
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                throw new ConfigException(where, "expected KEY=value");
            }
            String key = line.substring(0, equals).strip();
            if (!KEY.matcher(key).matches()) {
                throw new ConfigException(where, "not a variable name: '" + key + "'");
            }
            variables.put(key, value(line.substring(equals + 1).strip(), where + " (" + key + ")"));
        }
        return variables;
    }

    private static String value(String raw, String where) {
        if (raw.startsWith("'")) {
            int close = raw.indexOf('\'', 1);
            if (close < 0) {
                throw new ConfigException(where, "unterminated single quote");
            }
            requireOnlyComment(raw.substring(close + 1), where);
            return raw.substring(1, close);
        }
        if (raw.startsWith("\"")) {
            return doubleQuoted(raw, where);
        }
        int comment = raw.indexOf(" #");
        int tabComment = raw.indexOf("\t#");
        int end = comment < 0 ? tabComment : tabComment < 0 ? comment : Math.min(comment, tabComment);
        return end < 0 ? raw : raw.substring(0, end).strip();
    }

    private static String doubleQuoted(String raw, String where) {
        StringBuilder value = new StringBuilder();
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '"') {
                requireOnlyComment(raw.substring(i + 1), where);
                return value.toString();
            }
            if (c == '\\' && i + 1 < raw.length()) {
                char next = raw.charAt(++i);
                switch (next) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case '"', '\\' -> value.append(next);
                    default -> value.append('\\').append(next);
                }
            } else {
                value.append(c);
            }
        }
        throw new ConfigException(where, "unterminated double quote");
    }

    private static void requireOnlyComment(String rest, String where) {
        String trimmed = rest.strip();
        if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
            throw new ConfigException(where, "unexpected text after the closing quote");
        }
    }
}
