package io.gomsggw.carriers.telnyx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gomsggw.carriers.http.CarrierHttp;
import io.gomsggw.carriers.http.CarrierReplies;
import io.gomsggw.carriers.http.CarrierResponse;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.SendOutcome;
import io.gomsggw.core.spi.WebhookRequest;
import io.gomsggw.core.spi.WebhookResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A Telnyx messaging account (API v2): sends with {@code POST /v2/messages} and reads the
 * account's signed webhooks. Thread-safe; one {@link HttpClient} per adapter.
 */
final class TelnyxCarrier implements CarrierAdapter {
    /** Telnyx's documented MMS limit is about 1 MB for the whole message. */
    static final long MAX_MMS_BYTES = 1_000_000;
    /** Telnyx error codes that mean the recipient opted out (replied STOP). */
    static final Set<String> OPT_OUT_CODES = Set.of("40300");

    private final String name;
    private final String apiKey;
    private final String profileId;
    private final URI messagesUri;
    private final Duration timeout;
    private final TelnyxSignature signature; // null: webhooks are not authenticated
    private final TelnyxWebhook webhook;
    private final ObjectMapper json;
    private final HttpClient http;
    private volatile boolean closed;

    TelnyxCarrier(
            String name,
            String apiKey,
            String profileId,
            URI base,
            Duration timeout,
            TelnyxSignature signature,
            ObjectMapper json,
            TelnyxWebhook webhook) {
        this.name = name;
        this.apiKey = apiKey;
        this.profileId = profileId == null || profileId.isBlank() ? null : profileId.strip();
        this.messagesUri = CarrierHttp.resolve(base, "/v2/messages");
        this.timeout = timeout;
        this.signature = signature;
        this.json = json;
        this.webhook = webhook;
        this.http = CarrierHttp.newClient(base);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long maxMmsBytes() {
        return MAX_MMS_BYTES;
    }

    @Override
    public CompletionStage<SendOutcome> send(Message message, List<String> mediaUrls) {
        if (closed) return CompletableFuture.completedFuture(new SendOutcome.Retryable("telnyx: adapter closed"));
        HttpRequest request = HttpRequest.newBuilder(messagesUri)
                .timeout(timeout)
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(requestBody(message, mediaUrls)))
                .build();
        return CarrierHttp.send(http, request, "telnyx", this::outcome);
    }

    /** The JSON body of {@code POST /v2/messages}. */
    String requestBody(Message message, List<String> mediaUrls) {
        boolean mms = !mediaUrls.isEmpty() || message.type() == MessageType.MMS;
        ObjectNode body = json.createObjectNode();
        body.put("from", message.from());
        body.put("to", message.to());
        if (!message.text().isEmpty() || !mms) body.put("text", message.text());
        if (profileId != null) body.put("messaging_profile_id", profileId);
        if (!mediaUrls.isEmpty()) {
            var urls = body.putArray("media_urls");
            mediaUrls.forEach(urls::add);
        }
        body.put("type", mms ? "MMS" : "SMS");
        return body.toString();
    }

    private SendOutcome outcome(CarrierResponse response) {
        JsonNode root = CarrierReplies.readJson(json, response.body());
        if (response.isSuccess()) {
            return new SendOutcome.Accepted(TelnyxWebhook.text(root.path("data").path("id")));
        }
        String code = TelnyxWebhook.text(root.path("errors").path(0).path("code"));
        String reason = TelnyxWebhook.errorText(
                        root, response.body().isBlank() ? "no error text" : CarrierReplies.abbreviate(response.body()))
                + " [HTTP " + response.status() + "]";
        if (code != null && OPT_OUT_CODES.contains(code)) return new SendOutcome.OptedOut("telnyx: " + reason);
        if (response.isRetryable()) return new SendOutcome.Retryable("telnyx: " + reason);
        return new SendOutcome.Rejected("telnyx: " + reason);
    }

    @Override
    public WebhookResult handleWebhook(WebhookRequest request) {
        if (signature != null) {
            Optional<String> problem = signature.check(request);
            if (problem.isPresent()) return new WebhookResult.Unauthorized("telnyx: " + problem.get());
        }
        return webhook.parse(request.body());
    }

    /** True when webhooks are checked against a {@code webhook_public_key}. */
    boolean verifiesWebhooks() {
        return signature != null;
    }

    @Override
    public void close() {
        closed = true;
    }
}
