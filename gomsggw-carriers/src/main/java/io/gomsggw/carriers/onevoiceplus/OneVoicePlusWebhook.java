package io.gomsggw.carriers.onevoiceplus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gomsggw.core.spi.WebhookResult;
import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * Reads OneVoice Plus's inbound message callback, {@code {"messageId", "from", "to", "message"}}
 * (SMS only), as the Go gateway's {@code OneVoicePlusHandler.Inbound} does: a body that is not a
 * JSON object, or without {@code from} or {@code to}, is malformed (400); a blank message is
 * answered 200 and dropped. The answer is an empty 200. Thread-safe.
 */
final class OneVoicePlusWebhook {
    private final ObjectMapper json;
    private final Clock clock;

    OneVoicePlusWebhook(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    WebhookResult read(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            return new WebhookResult.Malformed("onevoiceplus: body is not JSON");
        }
        if (root == null || !root.isObject()) {
            return new WebhookResult.Malformed("onevoiceplus: body is not a JSON object");
        }
        String from = text(root, "from");
        String to = text(root, "to");
        if (from == null || to == null) {
            return new WebhookResult.Malformed("onevoiceplus: 'from' and 'to' are required");
        }
        String message = text(root, "message");
        if (message == null) {
            return accepted(List.of());
        }
        String carrierMessageId = text(root, "messageId");
        return accepted(List.of(
                new WebhookResult.InboundMessage(carrierMessageId, from, to, message, List.of(), clock.instant())));
    }

    private static WebhookResult.Accepted accepted(List<WebhookResult.InboundMessage> inbound) {
        return new WebhookResult.Accepted(inbound, List.of(), "text/plain", "");
    }

    /** A non-blank string field (numbers are taken as their text), or null. */
    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isValueNode() || node.isNull()) return null;
        String value = node.asText();
        return value.isBlank() ? null : value;
    }
}
