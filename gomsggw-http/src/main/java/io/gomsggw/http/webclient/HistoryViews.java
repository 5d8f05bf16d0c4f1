package io.gomsggw.http.webclient;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.http.webclient.MessageViews.MediaView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /messages/history} in the Go gateway's shape: {@code {messages, total_count, page,
 * per_page}} (the {@code /history} handler of its web_server.go), each message with the JSON names
 * of Go's {@code MsgRecordDBItem} (msg_records.go). What has no equivalent here is left out where Go
 * leaves it out when empty ({@code encoding}, {@code source_ip}, sizes and transcoding). Two
 * differences: {@code id} is the message's id (Go's is its database row number; ours equals
 * {@code log_id}, the id the send answered), and our own fields ({@code from}, {@code to},
 * {@code text}, {@code status}, {@code created_at}, {@code updated_at}, {@code error}, {@code media})
 * follow Go's.
 */
final class HistoryViews {
    private HistoryViews() {}

    record HistoryPage(List<HistoryRecord> messages, long totalCount, int page, int perPage) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record HistoryRecord(
            String id,
            long clientId,
            String toNumber,
            String fromNumber,
            Instant receivedTimestamp,
            String type,
            String carrier,
            boolean internal,
            String logId,
            String serverId,
            String direction,
            String fromClientType,
            String toClientType,
            String deliveryMethod,
            int totalSegments,
            Integer mediaCount,
            String from,
            String to,
            String text,
            String status,
            Instant createdAt,
            Instant updatedAt,
            String error,
            List<MediaView> media) {

        /** {@code m} as {@code viewer} (its sender or its recipient) sees it. */
        static HistoryRecord of(Message m, Client viewer, Directory directory) {
            Optional<Client> sender = m.clientId() == null ? Optional.empty() : directory.client(m.clientId());
            Optional<Client> recipient =
                    m.targetClientId() == null ? Optional.empty() : directory.client(m.targetClientId());
            String fromType = m.clientId() == null
                    ? "carrier"
                    : sender.map(HistoryRecord::typeOf).orElse("web");
            String toType = m.targetClientId() == null
                    ? "carrier"
                    : recipient.map(HistoryRecord::typeOf).orElse("web");
            return new HistoryRecord(
                    m.id(),
                    viewer.id(),
                    m.to(),
                    m.from(),
                    m.createdAt(),
                    m.type().wireName(),
                    m.carrier(),
                    m.clientId() != null && m.targetClientId() != null,
                    m.id(),
                    m.serverId() == null ? "" : m.serverId(),
                    m.direction().wireName(),
                    fromType,
                    toType,
                    deliveryMethod(m, toType),
                    m.type() == MessageType.SMS ? SmsSegments.count(m.text()) : 1,
                    m.media().isEmpty() ? null : m.media().size(),
                    m.from(),
                    m.to(),
                    m.text(),
                    m.status().wireName(),
                    m.createdAt(),
                    m.updatedAt(),
                    m.lastError(),
                    m.media().stream().map(MediaView::of).toList());
        }

        private static String typeOf(Client client) {
            return client.type() == ClientType.WEB ? "web" : "legacy";
        }

        /** Go's {@code delivery_method}: {@code carrier_api}, {@code webhook}, {@code smpp} or {@code mm4}. */
        private static String deliveryMethod(Message m, String toType) {
            return switch (toType) {
                case "carrier" -> "carrier_api";
                case "web" -> "webhook";
                default -> m.type() == MessageType.MMS ? "mm4" : "smpp";
            };
        }
    }
}
