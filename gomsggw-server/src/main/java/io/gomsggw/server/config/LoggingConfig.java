package io.gomsggw.server.config;

import java.util.Objects;

/**
 * How the server logs.
 *
 * @param level  {@code LOG_LEVEL}
 * @param format {@code LOG_FORMAT}
 */
public record LoggingConfig(LogLevel level, LogFormat format) {
    public LoggingConfig {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(format, "format");
    }
}
