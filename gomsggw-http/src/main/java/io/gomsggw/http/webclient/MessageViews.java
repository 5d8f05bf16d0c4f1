package io.gomsggw.http.webclient;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gomsggw.core.limits.LimitPeriod;
import io.gomsggw.core.limits.PeriodUsage;
import io.gomsggw.core.limits.TypeUsage;
import io.gomsggw.core.limits.UsageReport;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.StatusChange;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The JSON shapes of the web client API, as records the codec writes in snake_case. */
final class MessageViews {
    private MessageViews() {}

    /**
     * A message; {@code error} only when it has one, {@code next_attempt_at} only while it waits for a
     * retry, {@code history} only for a single message.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessageView(
            String id,
            String type,
            String direction,
            String from,
            String to,
            String text,
            String status,
            Instant createdAt,
            Instant updatedAt,
            String error,
            Instant nextAttemptAt,
            List<MediaView> media,
            List<HistoryView> history) {
        static MessageView of(Message m) {
            return of(m, null);
        }

        static MessageView of(Message m, List<StatusChange> history) {
            return new MessageView(
                    m.id(),
                    m.type().wireName(),
                    m.direction().wireName(),
                    m.from(),
                    m.to(),
                    m.text(),
                    m.status().wireName(),
                    m.createdAt(),
                    m.updatedAt(),
                    m.lastError(),
                    m.retryAt(),
                    m.media().stream().map(MediaView::of).toList(),
                    history == null
                            ? null
                            : history.stream().map(HistoryView::of).toList());
        }
    }

    /** A media item without its bytes. */
    record MediaView(String filename, String contentType, int size) {
        static MediaView of(MediaPart part) {
            return new MediaView(part.filename(), part.contentType(), part.size());
        }
    }

    /** One status change; {@code reason} is null when there is none. */
    record HistoryView(String status, Instant at, String reason) {
        static HistoryView of(StatusChange change) {
            return new HistoryView(change.status().wireName(), change.at(), change.reason());
        }
    }

    /**
     * {@code GET /messages/usage} in the Go gateway's shape (the {@code /usage} handler of its
     * web_server.go); the client's {@code id} and each number's {@code remaining}, {@code burst},
     * {@code daily} and {@code monthly} are ours, added.
     */
    record UsageView(
            ClientUsage client,
            List<NumberUsageView> numbers,
            String timezone,
            ResetTimes resetTimes,
            Instant timestamp) {
        static UsageView of(Client client, UsageReport report) {
            return new UsageView(
                    new ClientUsage(
                            client.id(),
                            client.username(),
                            client.type().wireName(),
                            TypeUsageView.of(report.client().sms()),
                            TypeUsageView.of(report.client().mms())),
                    report.numbers().stream().map(NumberUsageView::of).toList(),
                    report.timezone().getId(),
                    new ResetTimes(
                            seconds(report.resetTimes().get(LimitPeriod.BURST)),
                            seconds(report.resetTimes().get(LimitPeriod.DAILY)),
                            seconds(report.resetTimes().get(LimitPeriod.MONTHLY))),
                    seconds(report.timestamp()));
        }

        /** Go writes RFC 3339 without fractions. */
        private static Instant seconds(Instant instant) {
            return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
        }
    }

    record ClientUsage(long id, String username, String type, TypeUsageView sms, TypeUsageView mms) {}

    /**
     * A number's usage: as in Go, {@code sms} and {@code mms} are the daily count against the
     * number's own daily limit ({@code 0}: none), {@code tag} and {@code group} only when set.
     * {@code direction} is {@code outbound}, or {@code both} when inbound messages count against the
     * number's limits too ({@code limit_both}; Go writes {@code outbound} even then).
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record NumberUsageView(
            String number,
            String direction,
            NumberTypeUsage sms,
            NumberTypeUsage mms,
            @JsonInclude(JsonInclude.Include.ALWAYS) boolean limitBoth,
            String tag,
            String group) {
        static NumberUsageView of(UsageReport.NumberUsage n) {
            return new NumberUsageView(
                    n.number(),
                    n.limitBoth() ? "both" : "outbound",
                    NumberTypeUsage.of(n.usage().sms()),
                    NumberTypeUsage.of(n.usage().mms()),
                    n.limitBoth(),
                    n.tag(),
                    n.group());
        }
    }

    /** Go's {@code {current_usage, limit}} of the day, and (ours) every period in full. */
    record NumberTypeUsage(
            long currentUsage,
            long limit,
            Long remaining,
            PeriodUsageView burst,
            PeriodUsageView daily,
            PeriodUsageView monthly) {
        static NumberTypeUsage of(TypeUsage usage) {
            PeriodUsageView daily = PeriodUsageView.of(usage.daily());
            return new NumberTypeUsage(
                    daily.currentUsage(),
                    daily.limit(),
                    daily.remaining(),
                    PeriodUsageView.of(usage.burst()),
                    daily,
                    PeriodUsageView.of(usage.monthly()));
        }
    }

    record TypeUsageView(PeriodUsageView burst, PeriodUsageView daily, PeriodUsageView monthly) {
        static TypeUsageView of(TypeUsage usage) {
            return new TypeUsageView(
                    PeriodUsageView.of(usage.burst()),
                    PeriodUsageView.of(usage.daily()),
                    PeriodUsageView.of(usage.monthly()));
        }
    }

    /** {@code limit} 0 is unlimited, and then {@code remaining} is null, as Go writes it. */
    record PeriodUsageView(long currentUsage, long limit, Long remaining) {
        static PeriodUsageView of(PeriodUsage usage) {
            return new PeriodUsageView(
                    usage.currentUsage(), usage.limit(), usage.limit() == 0 ? null : usage.remaining());
        }
    }

    record ResetTimes(Instant burst, Instant daily, Instant monthly) {}
}
