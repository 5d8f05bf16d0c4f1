package io.gomsggw.core.limits;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The three counting periods. Days and months turn at midnight and on the 1st in the client's time zone. */
public enum LimitPeriod {
    /** One minute. */
    BURST,
    /** One calendar day. */
    DAILY,
    /** One calendar month. */
    MONTHLY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The instant the period containing {@code now} started, in {@code zone}. */
    public Instant start(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        return switch (this) {
            case BURST -> local.truncatedTo(ChronoUnit.MINUTES).toInstant();
            case DAILY -> local.toLocalDate().atStartOfDay(zone).toInstant();
            case MONTHLY ->
                local.toLocalDate().withDayOfMonth(1).atStartOfDay(zone).toInstant();
        };
    }

    /** The instant the period containing {@code now} ends and the next one starts (its reset time). */
    public Instant end(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        return switch (this) {
            case BURST -> local.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1).toInstant();
            case DAILY -> local.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
            case MONTHLY ->
                local.toLocalDate()
                        .withDayOfMonth(1)
                        .plusMonths(1)
                        .atStartOfDay(zone)
                        .toInstant();
        };
    }
}
