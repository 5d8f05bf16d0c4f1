package io.gomsggw.core.limits;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Usage of a client and each of its numbers at {@code timestamp}, with the instants the periods
 * turn in the client's time zone ({@code GET /messages/usage}).
 */
public record UsageReport(
        SubjectUsage client,
        List<NumberUsage> numbers,
        ZoneId timezone,
        Map<LimitPeriod, Instant> resetTimes,
        Instant timestamp) {

    public UsageReport {
        numbers = List.copyOf(numbers);
        resetTimes = Map.copyOf(resetTimes);
    }

    /** SMS and MMS usage of one subject. */
    public record SubjectUsage(TypeUsage sms, TypeUsage mms) {}

    /** A number's usage; {@code limitBoth} says whether inbound messages are counted. */
    public record NumberUsage(String number, String tag, String group, boolean limitBoth, SubjectUsage usage) {}
}
