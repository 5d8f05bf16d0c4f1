package io.gomsggw.server.config;

import java.util.Locale;

/** The {@code LOG_LEVEL} setting: the least severe level that is logged. */
public enum LogLevel {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR;

    /**
     * Reads a level name in any case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static LogLevel parse(String text) {
        // Names logrus also takes (the Go gateway's LOG_LEVEL): warning, and fatal and panic, which
        // Logback has not, mean error.
        switch (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) {
            case "warning":
                return WARN;
            case "fatal", "panic":
                return ERROR;
            default:
                break;
        }
        for (LogLevel level : values()) {
            if (level.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return level;
            }
        }
        throw new IllegalArgumentException(
                "expected trace, debug, info, warn (or warning) or error, got '" + text + "'");
    }

    /** The name as written in the configuration, e.g. {@code info}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
