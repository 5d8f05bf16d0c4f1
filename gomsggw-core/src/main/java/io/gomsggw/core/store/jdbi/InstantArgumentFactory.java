package io.gomsggw.core.store.jdbi;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * Binds an {@link Instant} as a UTC {@link java.time.OffsetDateTime} to a
 * {@code TIMESTAMP WITH TIME ZONE} parameter, truncated to microseconds (the precision of both
 * engines), so a value reads back equal on PostgreSQL and H2 whatever the JVM's time zone is.
 */
final class InstantArgumentFactory extends AbstractArgumentFactory<Instant> {
    InstantArgumentFactory() {
        super(Types.TIMESTAMP_WITH_TIMEZONE);
    }

    @Override
    protected Argument build(Instant value, ConfigRegistry config) {
        return (position, statement, context) -> statement.setObject(position, parameter(value));
    }

    /** The value bound for {@code instant}, for statements prepared without Jdbi. */
    static OffsetDateTime parameter(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
