package io.gomsggw.server.goimport;

import io.gomsggw.core.model.Direction;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.model.Protocol;
import io.gomsggw.core.store.MessageStore;
import io.gomsggw.server.goimport.ImportReport.Kind;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Copies a Go gateway's message records ({@code msg_record_db_items}) into the message history,
 * page by page in the order of their ids, one transaction per page, saving after each page how far
 * it got ({@link HistoryProgress}); a second run continues after the last record copied.
 *
 * <p>A Go record is one message as one client saw it, without its text (the Go gateway keeps
 * none), so it becomes one message here with an empty text: sent by the client ({@code outbound})
 * or received by it ({@code inbound}); a message between two clients thus appears once for each,
 * as in the Go gateway. Its status is {@code sent} when it left by a carrier and
 * {@code delivered} when it reached a client, since the Go gateway recorded a message once it had
 * handed it on; neither is ever resumed. Its id is derived from the Go record's id, and Go's
 * {@code log_id} is kept as its reference. Records of clients that were not imported are skipped
 * and counted.
 *
 * <p>Prints a progress line with counts and rate every {@code progressInterval}. In a dry run
 * nothing is read but counts, and nothing is written.
 */
final class HistoryImport {
    static final int PAGE_SIZE = 1000;
    private static final int MAX_NUMBER = 64;
    private static final int MAX_TEXT = 255;

    private final GoDatabase go;
    private final ImportTarget target;
    private final GoNumbers numbers;
    private final Clock clock;
    private final Duration progressInterval;
    private final PrintStream progressOut;
    private final ImportReport report;

    HistoryImport(
            GoDatabase go,
            ImportTarget target,
            GoNumbers numbers,
            Clock clock,
            Duration progressInterval,
            PrintStream progressOut,
            ImportReport report) {
        this.go = go;
        this.target = target;
        this.numbers = numbers;
        this.clock = clock;
        this.progressInterval = progressInterval;
        this.progressOut = progressOut;
        this.report = report;
    }

    /**
     * @param clientIds the ids here of the Go clients, by Go id
     * @param goClients every Go client, by id, for their type and their name in the report
     */
    void run(Map<Long, Long> clientIds, Map<Long, GoRows.Client> goClients) {
        if (!go.hasMessageRecords()) {
            report.skipped(Kind.HISTORY, "the Go database has no message records");
            return;
        }
        Map<Long, Long> marks =
                target.progress().map(p -> p.marks(GoDatabase.MESSAGE_RECORDS)).orElse(Map.of());
        Map<Long, Long> totals = go.messageRecordsByClient();
        Map<Long, Long> skipped = new TreeMap<>();
        long pending = 0;
        for (Map.Entry<Long, Long> client : totals.entrySet()) {
            if (!clientIds.containsKey(client.getKey())) {
                skipped.put(client.getKey(), client.getValue());
                continue;
            }
            long mark = marks.getOrDefault(client.getKey(), 0L);
            long remaining = mark == 0 ? client.getValue() : go.messageRecordsOfClientAfter(client.getKey(), mark);
            report.present(Kind.HISTORY, client.getValue() - remaining);
            pending += remaining;
        }
        if (report.dryRun()) {
            report.imported(Kind.HISTORY, pending);
        } else if (pending > 0) {
            copy(clientIds, goClients, marks, pending, target.progress().orElseThrow());
        }
        skipped.forEach((goClientId, count) -> {
            GoRows.Client client = goClients.get(goClientId);
            report.refused(
                    Kind.HISTORY,
                    records(count) + " of " + (client == null ? "client " + goClientId : client.label()),
                    client == null ? "the client is not in the Go database" : "the client was not imported",
                    count);
        });
    }

    private void copy(
            Map<Long, Long> clientIds,
            Map<Long, GoRows.Client> goClients,
            Map<Long, Long> marks,
            long pending,
            HistoryProgress progress) {
        MessageStore messages = target.stores().messages();
        progress.start(GoDatabase.MESSAGE_RECORDS, clientIds.keySet());
        // After an interruption between writing a page and advancing the marks, that page is here
        // already (whole: a page is one transaction); it held at most a page of each client's
        // records after its mark, so those are looked up before they are written again.
        Map<Long, Integer> unsure = new HashMap<>();
        marks.forEach((client, mark) -> {
            if (mark > 0 && clientIds.containsKey(client)) {
                unsure.put(client, PAGE_SIZE);
            }
        });
        long after = clientIds.keySet().stream()
                .mapToLong(c -> marks.getOrDefault(c, 0L))
                .min()
                .orElse(0L);
        Instant started = clock.instant();
        Instant nextLine = started.plus(progressInterval);
        long copied = 0;
        long untimed = 0;
        while (copied + untimed < pending) {
            List<GoRows.MessageRecord> page = go.messageRecords(after, PAGE_SIZE);
            if (page.isEmpty()) {
                break;
            }
            List<Message> batch = new ArrayList<>(page.size());
            for (GoRows.MessageRecord record : page) {
                Long clientId = clientIds.get(record.clientId());
                if (clientId == null || record.id() <= marks.getOrDefault(record.clientId(), 0L)) {
                    continue;
                }
                if (record.receivedAt() == null) {
                    untimed++;
                    continue;
                }
                Message message = message(record, clientId, goClients.get(record.clientId()));
                Integer lookups = unsure.get(record.clientId());
                if (lookups != null && lookups > 0) {
                    unsure.put(record.clientId(), lookups - 1);
                    if (messages.find(message.id()).isPresent()) {
                        continue;
                    }
                }
                batch.add(message);
            }
            messages.insertAll(batch);
            after = page.get(page.size() - 1).id();
            progress.advance(GoDatabase.MESSAGE_RECORDS, clientIds.keySet(), after);
            copied += batch.size();
            Instant now = clock.instant();
            if (!now.isBefore(nextLine)) {
                printProgress(copied + untimed, pending, started, now);
                nextLine = now.plus(progressInterval);
            }
        }
        report.imported(Kind.HISTORY, copied);
        if (untimed > 0) {
            report.refused(Kind.HISTORY, records(untimed), "no received_timestamp", untimed);
        }
    }

    private void printProgress(long done, long pending, Instant started, Instant now) {
        double seconds = Math.max(0.001, Duration.between(started, now).toMillis() / 1000.0);
        progressOut.printf(
                Locale.ROOT,
                "history: %,d of %,d message records (%.0f%%), %,.0f records/s%n",
                done,
                pending,
                100.0 * done / pending,
                done / seconds);
        progressOut.flush();
    }

    private static String records(long count) {
        return String.format(Locale.ROOT, "%,d message record%s", count, count == 1 ? "" : "s");
    }

    /** The message here for a Go record of the client {@code clientId} has here. */
    private Message message(GoRows.MessageRecord record, long clientId, GoRows.Client goClient) {
        MessageType type = "mms".equalsIgnoreCase(strip(record.type())) ? MessageType.MMS : MessageType.SMS;
        boolean inbound = "inbound".equalsIgnoreCase(strip(record.direction()));
        String carrier = cut(strip(record.carrier()), MAX_TEXT);
        boolean toCarrier = "carrier".equalsIgnoreCase(strip(record.toClientType()))
                || "carrier_api".equalsIgnoreCase(strip(record.deliveryMethod()))
                || (record.toClientType() == null && !inbound && carrier != null && !record.internal());
        return Message.builder()
                .id(id(record))
                .type(type)
                .direction(inbound ? Direction.INBOUND : Direction.OUTBOUND)
                .from(number(record.from()))
                .to(number(record.to()))
                .text("")
                .ingress(ingress(record, inbound, type, goClient))
                .clientId(inbound ? null : clientId)
                .targetClientId(inbound ? clientId : null)
                .carrier(carrier)
                .status(toCarrier ? MessageStatus.SENT : MessageStatus.DELIVERED)
                .attempts(1)
                .serverId(cut(strip(record.serverId()), MAX_TEXT))
                .createdAt(record.receivedAt())
                .updatedAt(record.receivedAt())
                .externalRef(cut(strip(record.logId()), MAX_TEXT))
                .build();
    }

    /** The same id for the same Go record on every run, so no record is copied twice. */
    static String id(GoRows.MessageRecord record) {
        return UUID.nameUUIDFromBytes(("gomsggw import-go " + GoDatabase.MESSAGE_RECORDS + " " + record.id())
                        .getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** How the message came in: from a carrier, or from a client by its protocol. */
    private static Protocol ingress(
            GoRows.MessageRecord record, boolean inbound, MessageType type, GoRows.Client goClient) {
        String senderType = strip(record.fromClientType());
        if (senderType == null) {
            senderType = inbound ? "carrier" : goClient == null ? null : strip(goClient.type());
        }
        if (senderType == null || senderType.equalsIgnoreCase("legacy")) {
            return type == MessageType.MMS ? Protocol.MM4 : Protocol.SMPP;
        }
        return switch (senderType.toLowerCase(Locale.ROOT)) {
            case "carrier" -> Protocol.CARRIER;
            case "web" -> Protocol.HTTP;
            default -> type == MessageType.MMS ? Protocol.MM4 : Protocol.SMPP;
        };
    }

    private String number(String stored) {
        String text = strip(stored);
        if (text == null) {
            return "";
        }
        return numbers.e164(text).orElse(cut(text, MAX_NUMBER));
    }

    private static String strip(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}
