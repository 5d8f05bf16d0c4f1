package io.gomsggw.http.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.StatusChange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The webhook bodies of docs/web-clients.md ("Webhooks: receiving messages", "Status webhooks"),
 * as records the codec writes in snake_case. Null fields are left out.
 */
final class WebhookBodies {
    /** A text up to this many characters is one SMS segment. */
    static final int SINGLE_SEGMENT = 160;
    /** Characters per segment of a longer text (the rest of 160 carries the concatenation header). */
    static final int MULTI_SEGMENT = 153;

    private WebhookBodies() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Generic(
            String id,
            String from,
            String to,
            String text,
            String type,
            Instant timestamp,
            String tag,
            String group,
            List<GenericMedia> media,
            List<Segment> segments) {}

    record GenericMedia(String filename, String contentType, String base64) {}

    /** One SMS segment: 1-based {@code index} of {@code total}. */
    record Segment(int index, int total, String text) {}

    record Bicom(String from, String to, String text, List<String> mediaUrls) {}

    record TelnyxEvent(TelnyxData data) {}

    record TelnyxData(String recordType, String eventType, String id, Instant occurredAt, TelnyxPayload payload) {}

    record TelnyxPayload(
            String recordType,
            String direction,
            String id,
            TelnyxParty from,
            List<TelnyxParty> to,
            String text,
            String type,
            Instant receivedAt,
            List<TelnyxMedia> media) {}

    record TelnyxParty(String phoneNumber) {}

    record TelnyxMedia(String url, String contentType) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Status(String id, String type, String status, String error, Instant timestamp) {}

    /** The generic body; {@code number} (the recipient number) gives tag and group. */
    static Generic generic(Message m, ClientNumber number, boolean withSegments) {
        List<GenericMedia> media = m.media().stream()
                .map(p -> new GenericMedia(
                        p.filename(), p.contentType(), Base64.getEncoder().encodeToString(p.content())))
                .toList();
        return new Generic(
                m.id(),
                m.from(),
                m.to(),
                m.text(),
                m.type().wireName(),
                m.createdAt(),
                number == null ? null : number.tag(),
                number == null ? null : number.group(),
                media,
                withSegments ? segments(m.text()) : null);
    }

    static Bicom bicom(Message m, List<String> mediaUrls) {
        return new Bicom(m.from(), m.to(), m.text(), mediaUrls);
    }

    /** Telnyx's {@code message.received} event; its id is derived from the message id, so retries repeat it. */
    static TelnyxEvent telnyx(Message m, List<String> mediaUrls, Instant now) {
        List<TelnyxMedia> media = new ArrayList<>();
        for (int i = 0; i < m.media().size(); i++) {
            media.add(new TelnyxMedia(mediaUrls.get(i), m.media().get(i).contentType()));
        }
        String eventId = UUID.nameUUIDFromBytes(("message.received:" + m.id()).getBytes(StandardCharsets.UTF_8))
                .toString();
        TelnyxPayload payload = new TelnyxPayload(
                "message",
                "inbound",
                m.id(),
                new TelnyxParty(m.from()),
                List.of(new TelnyxParty(m.to())),
                m.text(),
                m.type().wireName(),
                m.createdAt(),
                media);
        return new TelnyxEvent(new TelnyxData("event", "message.received", eventId, now, payload));
    }

    static Status status(Message m, StatusChange change) {
        return new Status(m.id(), "status", change.status().wireName(), change.reason(), change.at());
    }

    /** {@code data:} URIs of the media, for receivers that cannot reach the gateway's media links. */
    static List<String> dataUris(Message m) {
        return m.media().stream().map(WebhookBodies::dataUri).toList();
    }

    private static String dataUri(MediaPart part) {
        return "data:" + part.contentType() + ";base64," + Base64.getEncoder().encodeToString(part.content());
    }

    /**
     * The text cut into SMS segments by character count alone: one segment up to
     * {@value #SINGLE_SEGMENT} characters, else segments of {@value #MULTI_SEGMENT}. This ignores the
     * encoding (UCS-2 segments are shorter); it tells a receiver roughly how a carrier would bill.
     */
    static List<Segment> segments(String text) {
        int[] codePoints = text.codePoints().toArray();
        if (codePoints.length <= SINGLE_SEGMENT) {
            return List.of(new Segment(1, 1, text));
        }
        int total = (codePoints.length + MULTI_SEGMENT - 1) / MULTI_SEGMENT;
        List<Segment> segments = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            int start = i * MULTI_SEGMENT;
            int end = Math.min(codePoints.length, start + MULTI_SEGMENT);
            segments.add(new Segment(i + 1, total, new String(codePoints, start, end - start)));
        }
        return segments;
    }
}
