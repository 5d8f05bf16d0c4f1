package io.gomsggw.carriers.onevoiceplus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gomsggw.carriers.http.CarrierHttp;
import io.gomsggw.carriers.http.CarrierReplies;
import io.gomsggw.carriers.http.CarrierResponse;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.SendOutcome;
import io.gomsggw.core.spi.WebhookRequest;
import io.gomsggw.core.spi.WebhookResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A OneVoice Plus account, speaking the Go gateway's requests (carrier_onevoiceplus.go), each with
 * {@code X-TELUS-SDF-Developer-Key}:
 * <ul>
 *   <li>SMS: {@code POST /sms/outbound} {@code {"source", "destination", "messageText"}};
 *   <li>MMS: each medium but SMIL uploaded with {@code POST /media/assets}
 *       {@code {"controlPart": {"fileName", "fileType"}, "mediaPart": {"contentType":
 *       "application/octet-stream", "mediaContent": base64}}}, answered {@code {"mediaId"}}; then
 *       {@code POST /mms/outbound} {@code {"source", "destination", "messageText"?, "mediaId": [...]}}.
 *       Go leaves the MMS text out; it is sent here when there is one ({@code messageText} is a field
 *       of Go's request type).
 * </ul>
 * Numbers are sent as the Go gateway stores them: digits with the country code, without {@code +}.
 * The API answers no message id and sends no delivery reports, so a send ends {@code sent}.
 * Thread-safe; one {@link HttpClient} per adapter; uploads of one MMS run one after another.
 */
final class OneVoicePlusCarrier implements CarrierAdapter {
    private static final String KEY_HEADER = "X-TELUS-SDF-Developer-Key";

    private final String name;
    private final String developerKey;
    private final URI smsUri;
    private final URI mmsUri;
    private final URI mediaUri;
    private final Duration timeout;
    private final ObjectMapper json;
    private final OneVoicePlusWebhook webhook;
    private final HttpClient http;
    private volatile boolean closed;

    OneVoicePlusCarrier(
            String name,
            String developerKey,
            URI base,
            Duration timeout,
            ObjectMapper json,
            OneVoicePlusWebhook webhook) {
        this.name = name;
        this.developerKey = developerKey;
        this.smsUri = CarrierHttp.resolve(base, "/sms/outbound");
        this.mmsUri = CarrierHttp.resolve(base, "/mms/outbound");
        this.mediaUri = CarrierHttp.resolve(base, "/media/assets");
        this.timeout = timeout;
        this.json = json;
        this.webhook = webhook;
        this.http = CarrierHttp.newClient(base);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletionStage<SendOutcome> send(Message message, List<String> mediaUrls) {
        if (closed) return CompletableFuture.completedFuture(new SendOutcome.Retryable("onevoiceplus: adapter closed"));
        List<MediaPart> media = message.media().stream()
                .filter(part -> !part.contentType().toLowerCase(Locale.ROOT).contains("application/smil"))
                .toList();
        if (media.isEmpty()) {
            if (!message.media().isEmpty()) {
                return CompletableFuture.completedFuture(
                        new SendOutcome.Rejected("onevoiceplus: no media files to send in this MMS"));
            }
            return post(smsUri, smsBody(message), this::sent);
        }
        return upload(media, 0, new ArrayList<>())
                .thenCompose(uploaded -> uploaded instanceof Uploaded ids
                        ? post(mmsUri, mmsBody(message, ids.mediaIds()), this::sent)
                        : CompletableFuture.completedFuture(((Failed) uploaded).outcome()));
    }

    /** The uploads so far: every medium's id, or the outcome that ended them. */
    private sealed interface Uploads permits Uploaded, Failed {}

    private record Uploaded(List<String> mediaIds) implements Uploads {}

    private record Failed(SendOutcome outcome) implements Uploads {}

    private CompletionStage<Uploads> upload(List<MediaPart> media, int index, List<String> ids) {
        if (index == media.size()) return CompletableFuture.completedFuture(new Uploaded(List.copyOf(ids)));
        MediaPart part = media.get(index);
        return post(mediaUri, uploadBody(part), this::uploaded).thenCompose(outcome -> {
            if (!(outcome instanceof SendOutcome.Accepted accepted)) {
                return CompletableFuture.completedFuture(new Failed(outcome));
            }
            ids.add(accepted.peerMessageId());
            return upload(media, index + 1, ids);
        });
    }

    private CompletionStage<SendOutcome> post(
            URI uri, String body, java.util.function.Function<CarrierResponse, SendOutcome> onResponse) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header(KEY_HEADER, developerKey)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return CarrierHttp.send(http, request, "onevoiceplus", onResponse);
    }

    /** The body of {@code POST /sms/outbound}. */
    String smsBody(Message message) {
        ObjectNode body = json.createObjectNode();
        body.put("source", goNumber(message.from()));
        body.put("destination", goNumber(message.to()));
        body.put("messageText", message.text());
        return body.toString();
    }

    /** The body of {@code POST /mms/outbound}. */
    String mmsBody(Message message, List<String> mediaIds) {
        ObjectNode body = json.createObjectNode();
        body.put("source", goNumber(message.from()));
        body.put("destination", goNumber(message.to()));
        if (!message.text().isEmpty()) body.put("messageText", message.text());
        var ids = body.putArray("mediaId");
        mediaIds.forEach(ids::add);
        return body.toString();
    }

    /** The body of {@code POST /media/assets} for one medium. */
    String uploadBody(MediaPart part) {
        ObjectNode body = json.createObjectNode();
        ObjectNode control = body.putObject("controlPart");
        control.put("fileName", part.filename());
        control.put("fileType", fileType(part.contentType()));
        ObjectNode media = body.putObject("mediaPart");
        media.put("contentType", "application/octet-stream");
        media.put("mediaContent", Base64.getEncoder().encodeToString(part.content()));
        return body.toString();
    }

    /** Go's {@code ovpFileTypeFromContentType}. */
    static String fileType(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("image/")) return "image";
        if (type.startsWith("audio/")) return "audio";
        if (type.startsWith("video/")) return "video";
        return "file";
    }

    /** E.164 as the Go gateway stores numbers: the digits, without {@code +}. */
    static String goNumber(String e164) {
        return e164.startsWith("+") ? e164.substring(1) : e164;
    }

    private SendOutcome sent(CarrierResponse response) {
        if (response.isSuccess())
            return new SendOutcome.Accepted(CarrierReplies.text(
                    CarrierReplies.readJson(json, response.body()).path("messageId")));
        return refused("send", response);
    }

    /** An upload's outcome; the {@code Accepted} carries the medium's id, not a message id. */
    private SendOutcome uploaded(CarrierResponse response) {
        if (!response.isSuccess()) return refused("media upload", response);
        String mediaId = CarrierReplies.text(
                CarrierReplies.readJson(json, response.body()).path("mediaId"));
        return mediaId == null
                ? new SendOutcome.Retryable(
                        "onevoiceplus: media upload answered no mediaId [HTTP " + response.status() + "]")
                : new SendOutcome.Accepted(mediaId);
    }

    private static SendOutcome refused(String what, CarrierResponse response) {
        String reason = "onevoiceplus: " + what + " failed (HTTP " + response.status() + ")"
                + (response.body().isBlank() ? "" : ": " + CarrierReplies.abbreviate(response.body()));
        return response.isRetryable() ? new SendOutcome.Retryable(reason) : new SendOutcome.Rejected(reason);
    }

    /** OneVoice Plus signs nothing; the webhook is read as it comes (see the factory's warning). */
    @Override
    public WebhookResult handleWebhook(WebhookRequest request) {
        return webhook.read(request.body());
    }

    @Override
    public void close() {
        closed = true;
    }
}
