package io.gomsggw.server.config;

import java.util.Locale;

/** The {@code LOG_FORMAT} setting: one JSON object per line, or a line of text. */
public enum LogFormat {
    JSON,
    TEXT;

    /**
     * Reads a format name in any case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static LogFormat parse(String text) {
        for (LogFormat format : values()) {
            if (format.name().equalsIgnoreCase(text)) {
                return format;
            }
        }
        throw new IllegalArgumentException("expected json or text, got '" + text + "'");
    }

    /** The name as written in the configuration, e.g. {@code json}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
