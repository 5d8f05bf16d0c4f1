package io.gomsggw.http.webclient;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.limits.PeriodUsage;
import io.gomsggw.core.limits.TypeUsage;
import io.gomsggw.core.limits.UsageLimiter;
import io.gomsggw.core.limits.UsageReport;
import io.gomsggw.core.model.Client;
import io.gomsggw.http.HttpStatusException;
import io.gomsggw.http.JsonFields;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /messages/batch/check} {@code {from, message_count, msg_type}}: whether
 * {@code message_count} more messages of {@code msg_type} ({@code sms}, the default, or
 * {@code mms}) from {@code from} fit every limit now, with the Go gateway's answer: the client's
 * burst, daily and monthly usage ({@code remaining} null when unlimited) and the number's daily
 * usage; {@code allowed} is false, with a {@code reason}, when any of the client's or the number's
 * limits has less room than asked for. Nothing is counted.
 */
final class BatchCheck {
    private final Directory directory;
    private final UsageLimiter limiter;
    private final BatchRequests requests;

    BatchCheck(Directory directory, UsageLimiter limiter, BatchRequests requests) {
        this.directory = directory;
        this.limiter = limiter;
        this.requests = requests;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Answer(
            boolean allowed,
            int messageCount,
            String msgType,
            String from,
            Limits limits,
            NumberLimit numberLimit,
            String reason) {}

    record Limits(PeriodView burst, PeriodView daily, PeriodView monthly) {}

    /** {@code remaining} is null when the limit is 0 (unlimited). */
    record PeriodView(long currentUsage, long limit, Long remaining) {
        static PeriodView of(PeriodUsage usage) {
            return new PeriodView(usage.currentUsage(), usage.limit(), usage.limit() == 0 ? null : usage.remaining());
        }
    }

    record NumberLimit(String number, long currentUsage, long limit, Long remaining) {}

    Answer check(JsonFields body, Caller caller) {
        Integer count = body.integer("message_count");
        if (count == null || count <= 0) {
            throw new HttpStatusException(
                    HttpResponseStatus.BAD_REQUEST, "'message_count' must be greater than 0", "message_count");
        }
        String type = Optional.ofNullable(body.text("msg_type"))
                .filter(t -> !t.isBlank())
                .orElse("sms")
                .strip()
                .toLowerCase(Locale.ROOT);
        if (!type.equals("sms") && !type.equals("mms")) {
            throw HttpStatusException.invalidField("msg_type", "expected sms or mms");
        }
        String from = requests.from(body.text("from"), caller);
        Client client = caller.client();
        UsageReport report = limiter.report(client, directory.numbersOf(client.id()));
        TypeUsage clientUsage =
                type.equals("sms") ? report.client().sms() : report.client().mms();
        Optional<TypeUsage> numberUsage = report.numbers().stream()
                .filter(n -> n.number().equals(from))
                .findFirst()
                .map(n -> type.equals("sms") ? n.usage().sms() : n.usage().mms());
        List<String> blocking = new ArrayList<>();
        blocked(blocking, clientUsage.burst(), count, type, "burst");
        blocked(blocking, clientUsage.daily(), count, type, "daily");
        blocked(blocking, clientUsage.monthly(), count, type, "monthly");
        numberUsage.ifPresent(n -> {
            blocked(blocking, n.burst(), count, type, "number burst");
            blocked(blocking, n.daily(), count, type, "number daily");
            blocked(blocking, n.monthly(), count, type, "number monthly");
        });
        NumberLimit numberLimit = numberUsage
                .map(n -> new NumberLimit(
                        from,
                        n.daily().currentUsage(),
                        n.daily().limit(),
                        n.daily().limit() == 0 ? null : n.daily().remaining()))
                .orElse(null);
        return new Answer(
                blocking.isEmpty(),
                count,
                type,
                from,
                new Limits(
                        PeriodView.of(clientUsage.burst()),
                        PeriodView.of(clientUsage.daily()),
                        PeriodView.of(clientUsage.monthly())),
                numberLimit,
                blocking.isEmpty() ? null : blocking.get(0));
    }

    private static void blocked(List<String> reasons, PeriodUsage usage, int count, String type, String period) {
        if (usage.limit() > 0 && usage.remaining() < count) {
            reasons.add(type + " " + period + " limit would be exceeded (" + usage.remaining() + " remaining, " + count
                    + " requested)");
        }
    }
}
