package io.gomsggw.carriers.telnyx;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.spi.WebhookResult;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads Telnyx messaging webhook events (API v2): {@code message.received} into inbound messages,
 * {@code message.sent} and {@code message.finalized} into status updates. Other event types are
 * acknowledged and ignored, so Telnyx does not retry them. Thread-safe.
 */
final class TelnyxWebhook {
    static final String REPLY_TYPE = "application/json";
    static final String REPLY_BODY = "{}";

    private final ObjectMapper json;
    private final Clock clock;

    TelnyxWebhook(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    WebhookResult parse(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            return new WebhookResult.Malformed("body is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            return new WebhookResult.Malformed("body is not readable: " + e.getMessage());
        }
        if (root == null || !root.path("data").isObject()) {
            return new WebhookResult.Malformed("data: missing; not a Telnyx API v2 event");
        }
        JsonNode data = root.path("data");
        String eventType = text(data.path("event_type"));
        JsonNode payload = data.path("payload");
        if (eventType == null) return new WebhookResult.Malformed("data.event_type: missing");
        if (!payload.isObject()) return new WebhookResult.Malformed("data.payload: missing");
        return switch (eventType) {
            case "message.received" -> received(data, payload);
            case "message.sent" -> status(payload, MessageStatus.SENT, null);
            case "message.finalized" -> finalized(payload);
            default -> accepted(List.of(), List.of());
        };
    }

    private WebhookResult received(JsonNode data, JsonNode payload) {
        String id = text(payload.path("id"));
        String from = text(payload.path("from").path("phone_number"));
        if (id == null) return new WebhookResult.Malformed("data.payload.id: missing");
        if (from == null) return new WebhookResult.Malformed("data.payload.from.phone_number: missing");
        List<String> recipients = new ArrayList<>();
        for (JsonNode to : payload.path("to")) {
            String number = text(to.path("phone_number"));
            if (number != null) recipients.add(number);
        }
        if (recipients.isEmpty()) return new WebhookResult.Malformed("data.payload.to[].phone_number: missing");
        List<WebhookResult.MediaRef> media = new ArrayList<>();
        for (JsonNode item : payload.path("media")) {
            String url = text(item.path("url"));
            if (url == null) continue;
            String type = text(item.path("content_type"));
            media.add(new WebhookResult.MediaRef(url, type == null ? "application/octet-stream" : type, false));
        }
        String text = payload.path("text").asText("");
        Instant receivedAt = instant(text(payload.path("received_at")));
        if (receivedAt == null) receivedAt = instant(text(data.path("occurred_at")));
        if (receivedAt == null) receivedAt = clock.instant();
        List<WebhookResult.InboundMessage> inbound = new ArrayList<>();
        for (String to : recipients) {
            inbound.add(new WebhookResult.InboundMessage(id, from, to, text, media, receivedAt));
        }
        return accepted(inbound, List.of());
    }

    private WebhookResult finalized(JsonNode payload) {
        String status = text(payload.path("to").path(0).path("status"));
        if (status == null) status = text(payload.path("status"));
        if (status == null) return new WebhookResult.Malformed("data.payload.to[0].status: missing");
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "delivered" -> status(payload, MessageStatus.DELIVERED, null);
            // Telnyx got no receipt from the far end: the message left, nobody confirmed it arrived.
            // Reported as SENT (not FAILED) so that the sender is not told a likely-delivered message failed.
            case "delivery_unconfirmed" ->
                status(
                        payload,
                        MessageStatus.SENT,
                        errorText(payload, "delivery_unconfirmed: no delivery receipt from the destination carrier"));
            default -> status(payload, MessageStatus.FAILED, errorText(payload, status));
        };
    }

    private WebhookResult status(JsonNode payload, MessageStatus status, String reason) {
        String id = text(payload.path("id"));
        if (id == null) return new WebhookResult.Malformed("data.payload.id: missing");
        return accepted(List.of(), List.of(new WebhookResult.StatusUpdate(id, status, reason)));
    }

    /** {@code errors[0]}'s detail or title with its code, else {@code fallback}. */
    static String errorText(JsonNode holder, String fallback) {
        JsonNode error = holder.path("errors").path(0);
        String detail = text(error.path("detail"));
        String title = text(error.path("title"));
        String code = text(error.path("code"));
        String message = detail != null ? detail : title;
        if (message == null && code == null) return fallback;
        if (message == null) return "telnyx error " + code;
        return code == null ? message : message + " (telnyx error " + code + ")";
    }

    private static WebhookResult accepted(
            List<WebhookResult.InboundMessage> inbound, List<WebhookResult.StatusUpdate> statuses) {
        return new WebhookResult.Accepted(inbound, statuses, REPLY_TYPE, REPLY_BODY);
    }

    private static Instant instant(String text) {
        if (text == null) return null;
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A node's text, or null when it is missing, null or blank. */
    static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull() || node.isContainerNode()) return null;
        String value = node.asText();
        return value.isBlank() ? null : value;
    }
}
