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
import java.util.List;

/** The JSON shapes of the web client API, as records the codec writes in snake_case. */
final class MessageViews {
    private MessageViews() {}

    /**
     * A message; {@code error} only when it has one, {@code next_attempt_at} only while it waits for a
     * retry, {@code history} only for a single message.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessageView(String id, String type, String direction, String from, String to, String text, String status,
            Instant createdAt, Instant updatedAt, String error, Instant nextAttemptAt, List<MediaView> media,
            List<HistoryView> history) {
        static MessageView of(Message m) {
            return of(m, null);
        }

        static MessageView of(Message m, List<StatusChange> history) {
            return new MessageView(m.id(), m.type().wireName(), m.direction().wireName(), m.from(), m.to(), m.text(),
                    m.status().wireName(), m.createdAt(), m.updatedAt(), m.lastError(), m.retryAt(),
                    m.media().stream().map(MediaView::of).toList(),
                    history == null ? null : history.stream().map(HistoryView::of).toList());
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

    /** {@code GET /messages/usage}. */
    record UsageView(ClientUsage client, List<NumberUsageView> numbers, String timezone, ResetTimes resetTimes,
            Instant timestamp) {
        static UsageView of(Client client, UsageReport report) {
            return new UsageView(
                    new ClientUsage(client.id(), client.username(), client.type().wireName(),
                            TypeUsageView.of(report.client().sms()), TypeUsageView.of(report.client().mms())),
                    report.numbers().stream().map(NumberUsageView::of).toList(),
                    report.timezone().getId(),
                    new ResetTimes(report.resetTimes().get(LimitPeriod.BURST),
                            report.resetTimes().get(LimitPeriod.DAILY), report.resetTimes().get(LimitPeriod.MONTHLY)),
                    report.timestamp());
        }
    }

    record ClientUsage(long id, String username, String type, TypeUsageView sms, TypeUsageView mms) {}

    /** {@code direction} is {@code both} when inbound messages count against the number's limits too. */
    record NumberUsageView(String number, String tag, String group, boolean limitBoth, String direction,
            TypeUsageView sms, TypeUsageView mms) {
        static NumberUsageView of(UsageReport.NumberUsage n) {
            return new NumberUsageView(n.number(), n.tag(), n.group(), n.limitBoth(),
                    n.limitBoth() ? "both" : "outbound", TypeUsageView.of(n.usage().sms()),
                    TypeUsageView.of(n.usage().mms()));
        }
    }

    record TypeUsageView(PeriodUsageView burst, PeriodUsageView daily, PeriodUsageView monthly) {
        static TypeUsageView of(TypeUsage usage) {
            return new TypeUsageView(PeriodUsageView.of(usage.burst()), PeriodUsageView.of(usage.daily()),
                    PeriodUsageView.of(usage.monthly()));
        }
    }

    /** {@code limit} 0 is unlimited, and then {@code remaining} is -1. */
    record PeriodUsageView(long currentUsage, long limit, long remaining) {
        static PeriodUsageView of(PeriodUsage usage) {
            return new PeriodUsageView(usage.currentUsage(), usage.limit(), usage.remaining());
        }
    }

    record ResetTimes(Instant burst, Instant daily, Instant monthly) {}
}
