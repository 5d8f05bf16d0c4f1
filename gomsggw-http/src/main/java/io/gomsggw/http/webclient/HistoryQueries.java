package io.gomsggw.http.webclient;

import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.Direction;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.phone.InvalidPhoneNumberException;
import io.gomsggw.core.phone.PhoneNumbers;
import io.gomsggw.core.store.MessageQuery;
import io.gomsggw.http.HttpStatusException;
import io.gomsggw.http.Request;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Reads the query parameters of {@code GET /messages/history} into a {@link MessageQuery} limited to
 * the caller's messages. Numbers are normalized like sends; {@code since} and {@code until} are
 * ISO-8601 instants with {@code Z} or an offset, or dates as the Go gateway takes them
 * ({@code 2026-01-06}: {@code since} from the start of that day in UTC, {@code until} to its end);
 * {@code page} counts from 1; {@code per_page} is
 * 1 to {@value #MAX_PER_PAGE}, {@value #DEFAULT_PER_PAGE} when absent, and both are clamped as Go
 * clamps them. Any other bad value is 400 naming the parameter (Go ignores a bad date and matches
 * nothing for an unknown type or direction; a caller is better told).
 */
final class HistoryQueries {
    static final int DEFAULT_PER_PAGE = 50;
    static final int MAX_PER_PAGE = 200;

    private final PhoneNumbers phones;

    HistoryQueries(PhoneNumbers phones) {
        this.phones = phones;
    }

    MessageQuery read(Request request, Client client) {
        return new MessageQuery(
                client.id(),
                number(request, "from"),
                number(request, "to"),
                type(request),
                direction(request),
                instant(request, "since"),
                instant(request, "until"),
                clamped(request, "page", Integer.MAX_VALUE, 1),
                clamped(request, "per_page", MAX_PER_PAGE, DEFAULT_PER_PAGE));
    }

    private String number(Request request, String name) {
        String value = request.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return phones.normalize(value);
        } catch (InvalidPhoneNumberException e) {
            throw invalid(name, e.getMessage());
        }
    }

    private static MessageType type(Request request) {
        String value = request.queryParam("type");
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "sms" -> MessageType.SMS;
            case "mms" -> MessageType.MMS;
            default -> throw invalid("type", "expected sms or mms");
        };
    }

    private static Direction direction(Request request) {
        String value = request.queryParam("direction");
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "inbound" -> Direction.INBOUND;
            case "outbound" -> Direction.OUTBOUND;
            default -> throw invalid("direction", "expected inbound or outbound");
        };
    }

    private static Instant instant(Request request, String name) {
        String value = request.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            // try a date below
        }
        try {
            // Go: time.Parse("2006-01-02") is midnight UTC; until adds 24 hours.
            Instant midnight =
                    LocalDate.parse(value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
            return name.equals("until") ? midnight.plus(1, ChronoUnit.DAYS) : midnight;
        } catch (DateTimeParseException e) {
            throw invalid(
                    name, "expected a date such as 2026-01-06 or an ISO-8601 instant such as 2026-01-06T12:00:00Z");
        }
    }

    /**
     * As the Go gateway reads them: a value that is not a positive integer is {@code fallback}, one
     * above {@code max} is {@code max}.
     */
    private static int clamped(Request request, String name, int max, int fallback) {
        String value = request.queryParam(name);
        int number;
        try {
            number = value == null ? fallback : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            number = fallback;
        }
        return number < 1 ? fallback : Math.min(number, max);
    }

    private static HttpStatusException invalid(String name, String reason) {
        return new HttpStatusException(
                HttpResponseStatus.BAD_REQUEST, "invalid value for parameter '" + name + "': " + reason, name);
    }
}
