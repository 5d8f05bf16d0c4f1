package io.gomsggw.carriers.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gomsggw.carriers.http.CarrierHttp;
import io.gomsggw.carriers.http.CarrierReplies;
import io.gomsggw.carriers.http.CarrierResponse;
import io.gomsggw.carriers.http.Forms;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.SendOutcome;
import io.gomsggw.core.spi.WebhookRequest;
import io.gomsggw.core.spi.WebhookResult;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A Twilio account (Programmable Messaging, API 2010-04-01): sends with
 * {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json} and reads the account's signed
 * webhooks. Thread-safe; one {@link HttpClient} per adapter.
 */
final class TwilioCarrier implements CarrierAdapter {
    /** Twilio accepts MMS up to 5 MB in total. */
    static final long MAX_MMS_BYTES = 5_242_880;
    /** Twilio error codes that mean the recipient opted out (replied STOP). */
    static final Set<String> OPT_OUT_CODES = Set.of("21610");

    private final String name;
    private final String basicAuth;
    private final URI base;
    private final URI messagesUri;
    private final String publicBaseUrl;
    private final String statusCallback;
    private final Duration timeout;
    private final TwilioSignature signature;
    private final TwilioWebhook webhook;
    private final ObjectMapper json;
    private final HttpClient http;
    private volatile boolean closed;

    TwilioCarrier(
            String name,
            String accountSid,
            String authToken,
            String uuid,
            URI base,
            String publicBaseUrl,
            Duration timeout,
            TwilioWebhook webhook,
            ObjectMapper json) {
        this.name = name;
        this.basicAuth = "Basic "
                + Base64.getEncoder().encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        this.base = base;
        this.messagesUri = CarrierHttp.resolve(
                base,
                "/2010-04-01/Accounts/" + URLEncoder.encode(accountSid, StandardCharsets.UTF_8) + "/Messages.json");
        this.publicBaseUrl = stripTrailingSlash(publicBaseUrl);
        this.statusCallback = this.publicBaseUrl == null ? null : this.publicBaseUrl + "/inbound/" + uuid;
        this.timeout = timeout;
        this.signature = new TwilioSignature(authToken);
        this.webhook = webhook;
        this.json = json;
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
        if (closed) return CompletableFuture.completedFuture(new SendOutcome.Retryable("twilio: adapter closed"));
        HttpRequest request = HttpRequest.newBuilder(messagesUri)
                .timeout(timeout)
                .header("Authorization", basicAuth)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Forms.encode(form(message, mediaUrls))))
                .build();
        return CarrierHttp.send(http, request, "twilio", this::outcome);
    }

    /** The form fields of the send request, in order; {@code MediaUrl} repeats per medium. */
    List<Map.Entry<String, String>> form(Message message, List<String> mediaUrls) {
        List<Map.Entry<String, String>> form = new ArrayList<>();
        form.add(Map.entry("To", message.to()));
        form.add(Map.entry("From", message.from()));
        if (!message.text().isEmpty() || mediaUrls.isEmpty()) form.add(Map.entry("Body", message.text()));
        for (String url : mediaUrls) form.add(Map.entry("MediaUrl", url));
        if (statusCallback != null) form.add(Map.entry("StatusCallback", statusCallback));
        return form;
    }

    private SendOutcome outcome(CarrierResponse response) {
        JsonNode root = CarrierReplies.readJson(json, response.body());
        if (response.isSuccess()) return new SendOutcome.Accepted(CarrierReplies.text(root.path("sid")));
        String code = CarrierReplies.text(root.path("code"));
        String message = CarrierReplies.text(root.path("message"));
        String reason = (message != null
                        ? message
                        : response.body().isBlank() ? "no error text" : CarrierReplies.abbreviate(response.body()))
                + (code == null ? "" : " (twilio error " + code + ")") + " [HTTP " + response.status() + "]";
        if (code != null && OPT_OUT_CODES.contains(code)) return new SendOutcome.OptedOut("twilio: " + reason);
        if (response.isRetryable()) return new SendOutcome.Retryable("twilio: " + reason);
        return new SendOutcome.Rejected("twilio: " + reason);
    }

    /**
     * Checks the signature against the URL Twilio called: {@code SERVER_ADDRESS} and the path when
     * it is configured, else the URLs rebuilt from the request ({@link WebhookRequest#requestUrls()}).
     */
    @Override
    public WebhookResult handleWebhook(WebhookRequest request) {
        String contentType = request.header("content-type");
        if (contentType != null
                && !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return new WebhookResult.Malformed("content-type: expected application/x-www-form-urlencoded");
        }
        List<String> urls = signedUrls(request);
        if (urls.isEmpty()) {
            return new WebhookResult.Unauthorized(
                    "twilio: no SERVER_ADDRESS and no Host header to rebuild the signed URL from");
        }
        List<Map.Entry<String, String>> params;
        try {
            params = TwilioWebhook.params(request.body());
        } catch (IllegalArgumentException e) {
            return new WebhookResult.Malformed("body: broken form encoding");
        }
        String given = request.header(TwilioSignature.HEADER);
        boolean valid = false;
        for (String url : urls) {
            valid |= signature.verify(given, url, params);
        }
        if (!valid) {
            return new WebhookResult.Unauthorized(
                    given == null
                            ? "twilio: missing X-Twilio-Signature"
                            : "twilio: X-Twilio-Signature does not match " + urls.get(0));
        }
        return webhook.read(params);
    }

    private List<String> signedUrls(WebhookRequest request) {
        if (publicBaseUrl == null) {
            return request.requestUrls();
        }
        String query = request.query();
        return List.of(publicBaseUrl + request.path() + (query == null || query.isEmpty() ? "" : "?" + query));
    }

    /**
     * Headers to fetch a media link from one of this account's webhooks with: Twilio's media may
     * require the account's Basic auth. The credentials go only to the API's own origin (the
     * {@code base_url}), never to another host, e.g. a CDN a media URL redirects to.
     */
    @Override
    public Map<String, String> mediaFetchHeaders(WebhookResult.MediaRef ref) {
        if (!ref.authenticated()) return Map.of();
        URI uri;
        try {
            uri = URI.create(ref.url());
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
        boolean sameOrigin = base.getScheme().equalsIgnoreCase(String.valueOf(uri.getScheme()))
                && base.getHost().equalsIgnoreCase(String.valueOf(uri.getHost()))
                && port(base) == port(uri);
        return sameOrigin ? Map.of("Authorization", basicAuth) : Map.of();
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) return uri.getPort();
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String stripTrailingSlash(String url) {
        if (url == null || url.isBlank()) return null;
        String u = url.strip();
        while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
        return u;
    }

    @Override
    public void close() {
        closed = true;
    }
}
