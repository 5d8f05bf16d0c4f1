package io.gomsggw.server.goimport;

import io.gomsggw.core.limits.LimitPeriod;
import io.gomsggw.core.limits.UsageCarryOver;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.Direction;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.store.jdbi.JdbiStores;
import io.gomsggw.server.goimport.ImportReport.Kind;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Carries the current day's and month's usage of every imported client and its numbers over from
 * the Go gateway, so that daily and monthly limits continue where they were.
 *
 * <p>The Go gateway counts usage from its message records ({@code msg_record_db_items}): one
 * record per message and client, counted by client, type and time, and by the number sent from
 * for a number's own limit. The counts here are taken from the same records, by the rules of this
 * gateway's {@link io.gomsggw.core.limits.UsageLimiter}: a client's counter holds its outbound
 * messages, and its inbound ones when the client has {@code limit_both}; a number's counter holds
 * the messages sent from it, and those sent to it when it counts inbound messages (its own
 * {@code limit_both}, else its client's). Days and months start at midnight and on the 1st in the
 * client's time zone, as in the Go gateway. The per-minute burst is not carried: it is over by the
 * time the switch is made.
 *
 * <p>Counters are raised to at least these counts ({@link UsageCarryOver}), so a second import
 * changes nothing. In a dry run nothing is written and the report says what would be raised.
 */
final class UsageImport {
    private static final List<LimitPeriod> PERIODS = List.of(LimitPeriod.DAILY, LimitPeriod.MONTHLY);

    private final GoDatabase go;
    private final ImportTarget target;
    private final GoNumbers numbers;
    private final Clock clock;
    private final ImportReport report;

    UsageImport(GoDatabase go, ImportTarget target, GoNumbers numbers, Clock clock, ImportReport report) {
        this.go = go;
        this.target = target;
        this.numbers = numbers;
        this.clock = clock;
        this.report = report;
    }

    /** @param clientIds the ids here of the Go clients, by Go id */
    void run(Map<Long, Long> clientIds) {
        if (!go.hasMessageRecords()) {
            report.skipped(Kind.USAGE, "the Go database has no message records to count");
            return;
        }
        JdbiStores stores = target.stores();
        UsageCarryOver counters = new UsageCarryOver(target.usage());
        Instant now = clock.instant();
        for (Map.Entry<Long, Long> entry : clientIds.entrySet()) {
            Optional<Client> found = stores.clients().find(entry.getValue());
            if (found.isEmpty()) {
                continue;
            }
            // In a dry run the client is the copy's; its counters are kept under the configured
            // database's id, and a client the dry run creates has none there yet.
            Optional<Long> configuredId = target.configuredClientId(found.get().id());
            Client client = found.get().withId(configuredId.orElse(found.get().id()));
            boolean countedBefore = configuredId.isPresent();
            Map<String, ClientNumber> owned = new HashMap<>();
            for (ClientNumber number : stores.numbers().listByClient(found.get().id())) {
                owned.put(number.number(), number);
            }
            for (LimitPeriod period : PERIODS) {
                Instant start = period.start(now, client.timezone());
                Map<UsageCarryOver.Subject, Map<MessageType, Long>> totals = new LinkedHashMap<>();
                for (GoRows.UsageCount count : go.usageSince(entry.getKey(), start)) {
                    MessageType type = type(count.type());
                    if (type == null) {
                        continue;
                    }
                    ClientNumber number =
                            numbers.e164(count.number()).map(owned::get).orElse(null);
                    Direction direction = count.inbound() ? Direction.INBOUND : Direction.OUTBOUND;
                    for (UsageCarryOver.Subject subject : counters.countedIn(client, number, direction)) {
                        totals.computeIfAbsent(subject, s -> new EnumMap<>(MessageType.class))
                                .merge(type, count.count(), Long::sum);
                    }
                }
                totals.forEach((subject, byType) ->
                        byType.forEach((type, n) -> carry(subject, type, period, start, n, countedBefore)));
            }
        }
    }

    private void carry(
            UsageCarryOver.Subject counter,
            MessageType type,
            LimitPeriod period,
            Instant start,
            long count,
            boolean countedBefore) {
        long missing;
        if (report.dryRun()) {
            missing = countedBefore ? counter.shortfall(type, period, start, count) : count;
        } else {
            missing = counter.raise(type, period, start, count);
        }
        if (missing > 0) {
            report.imported(Kind.USAGE);
        } else {
            report.present(Kind.USAGE);
        }
    }

    private static MessageType type(String goType) {
        if (goType == null) {
            return null;
        }
        return switch (goType.strip().toLowerCase(Locale.ROOT)) {
            case "sms" -> MessageType.SMS;
            case "mms" -> MessageType.MMS;
            default -> null;
        };
    }
}
