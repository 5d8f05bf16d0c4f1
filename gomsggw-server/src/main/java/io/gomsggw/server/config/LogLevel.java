package io.gomsggw.server.config;

import java.util.Locale;

/** The {@code LOG_LEVEL} setting: the least severe level that is logged. */
public enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR;

    /**
     * Reads a level name in any case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static LogLevel parse(String text) {
        for (LogLevel level : values()) {
            if (level.name().equalsIgnoreCase(text)) {
                return level;
            }
        }
        throw new IllegalArgumentException("expected trace, debug, info, warn or error, got '" + text + "'");
    }

    /** The name as written in the configuration, e.g. {@code info}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
