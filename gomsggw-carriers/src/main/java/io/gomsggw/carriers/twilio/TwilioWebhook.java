package io.gomsggw.carriers.twilio;

import io.gomsggw.carriers.http.Forms;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.spi.WebhookResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Twilio's messaging webhooks, form-encoded: an incoming message ({@code MessageSid, From,
 * To, Body, NumMedia, MediaUrl{N}, MediaContentType{N}}) or a status callback ({@code MessageSid,
 * MessageStatus, ErrorCode}). Thread-safe.
 */
final class TwilioWebhook {
    static final String REPLY_TYPE = "text/xml";
    static final String REPLY_BODY = "<Response></Response>";
    /** Twilio attaches at most 10 media to one message. */
    static final int MAX_MEDIA = 10;

    private final Clock clock;

    TwilioWebhook(Clock clock) {
        this.clock = clock;
    }

    /** Parses a form body; {@link IllegalArgumentException} for broken encoding. */
    static List<Map.Entry<String, String>> params(byte[] body) {
        return Forms.parse(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }

    WebhookResult read(List<Map.Entry<String, String>> pairs) {
        Map<String, String> form = new LinkedHashMap<>();
        for (Map.Entry<String, String> pair : pairs) form.putIfAbsent(pair.getKey(), pair.getValue());
        String sid = blankToNull(form.get("MessageSid"));
        if (sid == null) sid = blankToNull(form.get("SmsSid"));
        if (sid == null) return new WebhookResult.Malformed("MessageSid: missing");
        String status = blankToNull(form.get("MessageStatus"));
        if (status == null) status = blankToNull(form.get("SmsStatus"));
        boolean inbound = form.containsKey("Body") || form.containsKey("NumMedia")
                ? status == null || status.equalsIgnoreCase("received")
                : "received".equalsIgnoreCase(status);
        if (inbound) return inbound(sid, form);
        if (status == null) return new WebhookResult.Malformed("MessageStatus: missing");
        return statusCallback(
                sid,
                status.toLowerCase(Locale.ROOT),
                blankToNull(form.get("ErrorCode")),
                blankToNull(form.get("ErrorMessage")));
    }

    private WebhookResult inbound(String sid, Map<String, String> form) {
        String from = blankToNull(form.get("From"));
        String to = blankToNull(form.get("To"));
        if (from == null) return new WebhookResult.Malformed("From: missing");
        if (to == null) return new WebhookResult.Malformed("To: missing");
        int count;
        try {
            count = Integer.parseInt(form.getOrDefault("NumMedia", "0").strip());
        } catch (NumberFormatException e) {
            return new WebhookResult.Malformed("NumMedia: not a number");
        }
        if (count < 0 || count > MAX_MEDIA) {
            return new WebhookResult.Malformed("NumMedia: must be 0 to " + MAX_MEDIA + ", got " + count);
        }
        List<WebhookResult.MediaRef> media = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String url = blankToNull(form.get("MediaUrl" + i));
            if (url == null) return new WebhookResult.Malformed("MediaUrl" + i + ": missing");
            String type = blankToNull(form.get("MediaContentType" + i));
            media.add(new WebhookResult.MediaRef(url, type == null ? "application/octet-stream" : type, true));
        }
        WebhookResult.InboundMessage message =
                new WebhookResult.InboundMessage(sid, from, to, form.getOrDefault("Body", ""), media, clock.instant());
        return accepted(List.of(message), List.of());
    }

    private static WebhookResult statusCallback(String sid, String status, String errorCode, String errorMessage) {
        MessageStatus mapped = switch (status) {
            case "sent" -> MessageStatus.SENT;
            case "delivered", "read" -> MessageStatus.DELIVERED;
            case "undelivered", "failed", "canceled" -> MessageStatus.FAILED;
            default -> null; // accepted, scheduled, queued, sending: nothing the record does not know
        };
        if (mapped == null) return accepted(List.of(), List.of());
        String reason = null;
        if (mapped == MessageStatus.FAILED) {
            reason = status
                    + (errorCode == null ? "" : " (twilio error " + errorCode + ")")
                    + (errorMessage == null ? "" : ": " + errorMessage);
        }
        return accepted(List.of(), List.of(new WebhookResult.StatusUpdate(sid, mapped, reason)));
    }

    private static WebhookResult accepted(
            List<WebhookResult.InboundMessage> inbound, List<WebhookResult.StatusUpdate> statuses) {
        return new WebhookResult.Accepted(inbound, statuses, REPLY_TYPE, REPLY_BODY);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
