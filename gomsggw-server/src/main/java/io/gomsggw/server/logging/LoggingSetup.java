package io.gomsggw.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.gomsggw.server.config.LogFormat;
import io.gomsggw.server.config.LogLevel;
import io.gomsggw.server.config.LoggingConfig;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code LOG_LEVEL} and {@code LOG_FORMAT} to Logback: one console appender on standard
 * output, writing either
 *
 * <ul>
 *   <li>text: {@code 2026-11-25T17:00:00.123Z INFO  [main] io.gomsggw.server.Gateway - started web=/0.0.0.0:3000},
 *       the key/value pairs of the event after the message; or
 *   <li>json: one object per line with {@code timestamp} (epoch milliseconds), {@code level},
 *       {@code threadName}, {@code loggerName}, {@code mdc}, {@code kvpList},
 *       {@code formattedMessage} and {@code throwable}.
 * </ul>
 *
 * Libraries that talk a lot at info (HikariCP, Flyway, Netty, Jdbi, the JDBC drivers) log from
 * warn up. Call it once, at start, before anything logs: it replaces the configuration of the
 * process-wide Logback context.
 */
public final class LoggingSetup {
    static final String TEXT_PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %-5level [%thread] %logger - %msg%replace( %kvp{NONE}){'^ $', ''}%n";
    private static final List<String> QUIET_LIBRARIES =
            List.of("com.zaxxer.hikari", "org.flywaydb", "io.netty", "org.jdbi", "org.h2", "org.postgresql");

    private LoggingSetup() {}

    /** @throws IllegalStateException when SLF4J is not bound to Logback */
    public static void apply(LoggingConfig config) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            throw new IllegalStateException(
                    "SLF4J is bound to " + factory.getClass().getName() + ", not Logback");
        }
        context.reset();

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setEncoder(encoder(config.format(), context));
        console.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(config.level()));
        root.addAppender(console);
        Level libraryLevel = level(config.level().compareTo(LogLevel.WARN) > 0 ? config.level() : LogLevel.WARN);
        for (String library : QUIET_LIBRARIES) {
            context.getLogger(library).setLevel(libraryLevel);
        }
    }

    private static Encoder<ILoggingEvent> encoder(LogFormat format, LoggerContext context) {
        if (format == LogFormat.JSON) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(context);
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithContext(false);
            json.setWithMessage(false);
            json.setWithArguments(false);
            json.setWithFormattedMessage(true);
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern(TEXT_PATTERN);
        text.start();
        return text;
    }

    private static Level level(LogLevel level) {
        return Level.toLevel(level.name());
    }
}
