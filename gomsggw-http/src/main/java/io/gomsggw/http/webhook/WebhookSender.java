package io.gomsggw.http.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gomsggw.core.metrics.GatewayMetrics;
import io.gomsggw.core.model.ApiFormat;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientSettings;
import io.gomsggw.core.spi.RetryPolicy;
import io.gomsggw.core.spi.SendOutcome;
import io.gomsggw.http.BoundedBody;
import io.gomsggw.http.Credentials;
import io.gomsggw.http.JsonCodec;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Posts JSON to a web client's webhook the way docs/web-clients.md says, and says what came of it. Shared by
 * {@link WebhookEgress} (messages) and {@link StatusWebhooks} (delivery statuses).
 *
 * <p><b>Request:</b> {@code POST} with {@code Content-Type: application/json}, the client's
 * credentials ({@code Basic base64(username:password)} for the generic and telnyx formats,
 * {@code Bearer base64(username:password)} for bicom), and {@link WebhookSignature#HEADER} keyed
 * with the client's password. The client's {@code webhook_timeout_secs} bounds the exchange.
 *
 * <p><b>Outcome:</b> 2xx is {@link SendOutcome.Accepted} (except a bicom answer
 * {@code {"status":"error"}}, which is {@link SendOutcome.Rejected}); a timeout, a connection
 * error, 408, 429 and 5xx are {@link SendOutcome.Retryable}; any other status is
 * {@link SendOutcome.Rejected} with the status and the start of the answer. At most
 * 4 KiB of an answer are read.
 *
 * <p><b>Retries:</b> {@link #retryPolicy} gives the client's {@code webhook_retries} and
 * {@code webhook_retry_delay_secs}, or the environment's defaults ({@link Defaults}) where the
 * client has none: the dispatcher retries at that delay {@code webhook_retries} times, then
 * doubles it up to {@link #MAX_RETRY_DELAY}, until the client's delivery window is over.
 *
 * <p><b>Connections:</b> at most {@code webhook_max_concurrency} requests (else
 * {@link Defaults#maxConcurrency()}) are in flight to one endpoint; the rest wait their turn
 * ({@link EndpointLimiter}), and are sent over HTTP/1.1 connections kept alive between requests.
 *
 * <p>Threading: thread-safe; {@link #post} never blocks and its stage never fails.
 */
public final class WebhookSender {
    /** The longest delay between two attempts. */
    public static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(5);

    private static final int ANSWER_BYTES = 4096;
    private static final int EXCERPT_CHARS = 200;

    private final HttpClient http;
    private final JsonCodec json;
    private final Clock clock;
    private final Defaults defaults;
    private final EndpointLimiter endpoints;
    private final GatewayMetrics metrics;
    private final ObjectMapper answers = new ObjectMapper();

    /**
     * The environment's webhook settings, for clients without their own.
     *
     * @param retries        {@code WEBHOOK_RETRIES}: retries at the first delay before it doubles
     * @param retryDelay     {@code WEBHOOK_RETRY_DELAY_SECS}: the first delay; may be zero
     * @param maxConcurrency {@code WEBHOOK_MAX_CONCURRENCY}: most requests in flight to one endpoint
     * @param maxWaiting     most requests waiting for one endpoint (the rest are retried later)
     * @param maxWait        longest a request waits for one endpoint before it is retried later
     */
    public record Defaults(int retries, Duration retryDelay, int maxConcurrency, int maxWaiting, Duration maxWait) {
        /** {@code WEBHOOK_RETRIES} 3, {@code WEBHOOK_RETRY_DELAY_SECS} 5, {@code WEBHOOK_MAX_CONCURRENCY} 16; 1,000 waiting for a minute at most. */
        public static final Defaults DEFAULTS =
                new Defaults(3, Duration.ofSeconds(5), 16, 1_000, Duration.ofMinutes(1));

        public Defaults {
            if (retries < 0
                    || retryDelay.isNegative()
                    || maxConcurrency < 1
                    || maxWaiting < 0
                    || maxWait.isNegative()) {
                throw new IllegalArgumentException("invalid webhook defaults");
            }
        }

        public Defaults withRetries(int value, Duration delay) {
            return new Defaults(value, delay, maxConcurrency, maxWaiting, maxWait);
        }

        public Defaults withMaxConcurrency(int value) {
            return new Defaults(retries, retryDelay, value, maxWaiting, maxWait);
        }
    }

    /**
     * @param http     the shared HTTP client
     * @param json     writes the bodies
     * @param clock    the time of the signatures
     * @param defaults the environment's settings for clients without their own
     * @param metrics  counts each request's outcome ({@code gomsggw_webhooks_*})
     */
    public WebhookSender(HttpClient http, JsonCodec json, Clock clock, Defaults defaults, GatewayMetrics metrics) {
        this.http = Objects.requireNonNull(http, "http");
        this.json = Objects.requireNonNull(json, "json");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.endpoints = new EndpointLimiter(defaults.maxWaiting(), defaults.maxWait());
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * How webhooks to {@code client} are retried: its own {@code webhook_retries} and
     * {@code webhook_retry_delay_secs}, else the defaults. The time an attempt may take covers the
     * wait for its endpoint and the request, so the dispatcher never gives up on a request that
     * may still be sent.
     */
    public RetryPolicy retryPolicy(Client client) {
        ClientSettings s = client.settings();
        int retries = s.webhookRetries() != null ? s.webhookRetries() : defaults.retries();
        Duration delay = s.webhookRetryDelaySecs() != null
                ? Duration.ofSeconds(s.webhookRetryDelaySecs())
                : defaults.retryDelay();
        Duration attempt =
                defaults.maxWait().plus(timeout(client).multipliedBy(2)).plusSeconds(5);
        return new RetryPolicy(retries, delay, MAX_RETRY_DELAY, attempt);
    }

    /** Most requests in flight to one endpoint of {@code client}. */
    int maxConcurrency(Client client) {
        Integer own = client.settings().webhookMaxConcurrency();
        return own != null ? own : defaults.maxConcurrency();
    }

    /**
     * Posts {@code body} as JSON to {@code url} for {@code client}, when the endpoint has room for
     * it; the stage always completes normally.
     */
    CompletableFuture<SendOutcome> post(Client client, String url, Object body) {
        HttpRequest request;
        try {
            request = request(client, url, json.toJson(body));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(
                    new SendOutcome.Rejected("invalid webhook URL: " + e.getMessage()));
        }
        return endpoints
                .send(
                        request.uri(),
                        maxConcurrency(client),
                        () -> http.sendAsync(request, BoundedBody.truncatedAt(ANSWER_BYTES))
                                .handle((response, error) -> error == null
                                        ? outcome(client, response)
                                        : new SendOutcome.Retryable(failure(error, client))))
                .whenComplete((outcome, error) -> metrics.webhook(outcomeName(outcome)));
    }

    private HttpRequest request(Client client, String url, byte[] body) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("expected an http or https URL, got " + url);
        }
        String credentials =
                new Credentials(client.username(), client.password().reveal()).encoded();
        String authScheme = client.settings().apiFormat() == ApiFormat.BICOM ? "Bearer " : "Basic ";
        return HttpRequest.newBuilder(uri)
                .version(HttpClient.Version.HTTP_1_1)
                .timeout(timeout(client))
                .header("Content-Type", "application/json")
                .header("User-Agent", "gomsggw-webhook")
                .header("Authorization", authScheme + credentials)
                .header(
                        WebhookSignature.HEADER,
                        WebhookSignature.sign(
                                client.password().reveal(), clock.instant().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private SendOutcome outcome(Client client, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String answer = excerpt(response.body());
        if (status / 100 == 2) {
            return client.settings().apiFormat() == ApiFormat.BICOM ? bicomOutcome(response.body()) : accepted();
        }
        String reason = "HTTP " + status + (answer.isEmpty() ? "" : ": " + answer);
        return status == 408 || status == 429 || status >= 500
                ? new SendOutcome.Retryable(reason)
                : new SendOutcome.Rejected(reason);
    }

    /** Bicom answers 2xx with {@code {"status":"success"|"error","message":…}}. */
    private SendOutcome bicomOutcome(byte[] answer) {
        try {
            JsonNode node = answers.readTree(answer);
            if (node != null && "error".equalsIgnoreCase(node.path("status").asText())) {
                return new SendOutcome.Rejected(
                        "refused by the client: " + node.path("message").asText("no message"));
            }
        } catch (IOException notJson) {
            // a 2xx answer that is not JSON still means delivered
        }
        return accepted();
    }

    private static String outcomeName(SendOutcome outcome) {
        if (outcome instanceof SendOutcome.Accepted) return "delivered";
        if (outcome instanceof SendOutcome.Retryable) return "retryable_failure";
        return "rejected";
    }

    private static SendOutcome accepted() {
        return new SendOutcome.Accepted(null);
    }

    private static String failure(Throwable error, Client client) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpTimeoutException) {
            return "timed out after " + timeout(client).toSeconds() + " s";
        }
        if (cause instanceof ConnectException) {
            return "connection failed";
        }
        return cause.getMessage() != null
                ? cause.getMessage()
                : cause.getClass().getSimpleName();
    }

    private static Duration timeout(Client client) {
        int seconds = client.settings().webhookTimeoutSecs();
        return Duration.ofSeconds(seconds > 0 ? seconds : ClientSettings.DEFAULT_WEBHOOK_TIMEOUT_SECS);
    }

    private static String excerpt(byte[] answer) {
        String text = new String(answer, StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ")
                .strip();
        return text.length() > EXCERPT_CHARS ? text.substring(0, EXCERPT_CHARS) + "…" : text;
    }
}
