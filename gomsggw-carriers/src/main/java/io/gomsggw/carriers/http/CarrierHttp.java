package io.gomsggw.carriers.http;

import io.gomsggw.core.spi.SendOutcome;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Function;

/**
 * The HTTP plumbing the REST carrier adapters share: one {@link HttpClient} per adapter, base URL
 * checks, and the mapping of transport failures to {@link SendOutcome.Retryable}. Stateless.
 */
public final class CarrierHttp {
    /** Time allowed for one carrier API call, from sending the request to the response headers. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Time allowed to open a connection to a carrier. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Largest part of a carrier's response body that is kept; the rest is discarded. */
    public static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private CarrierHttp() {}

    /**
     * A client for one adapter. Plain {@code http} bases (test doubles, local proxies) speak
     * HTTP/1.1 so no {@code h2c} upgrade is attempted; {@code https} negotiates HTTP/2 by ALPN.
     * Redirects are not followed: a carrier API that redirects a POST is answering wrongly.
     */
    public static HttpClient newClient(URI base) {
        boolean tls = "https".equalsIgnoreCase(base.getScheme());
        return HttpClient.newBuilder()
                .version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Parses a carrier's {@code base_url}, or returns {@code defaultBase} when it is null or blank.
     *
     * @throws IllegalArgumentException starting with {@code base_url:} when it is not an absolute
     *                                  http(s) URL with a host and without query or fragment
     */
    public static URI baseUri(String configured, String defaultBase) {
        String text = configured == null || configured.isBlank() ? defaultBase : configured.strip();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("base_url: not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("base_url: must start with http:// or https://, got '" + text + "'");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("base_url: has no host: '" + text + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("base_url: must not have a query or fragment: '" + text + "'");
        }
        return uri;
    }

    /** {@code base} with {@code path} (which starts with {@code /}) appended, without doubling the slash. */
    public static URI resolve(URI base, String path) {
        String b = base.toString();
        while (b.endsWith("/")) b = b.substring(0, b.length() - 1);
        return URI.create(b + path);
    }

    /**
     * Sends {@code request} asynchronously and maps the answer with {@code onResponse}; timeouts,
     * connection errors and any other failure become {@link SendOutcome.Retryable}. The returned
     * stage never completes exceptionally.
     */
    public static CompletionStage<SendOutcome> send(
            HttpClient client,
            HttpRequest request,
            String carrierType,
            Function<CarrierResponse, SendOutcome> onResponse) {
        CompletableFuture<HttpResponse<String>> call;
        try {
            call = client.sendAsync(request, info -> new LimitedTextSubscriber(MAX_RESPONSE_BYTES));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(transportFailure(carrierType, e));
        }
        return call.handle((response, failure) -> {
            if (failure != null) return transportFailure(carrierType, failure);
            try {
                return onResponse.apply(new CarrierResponse(response.statusCode(), response.body()));
            } catch (RuntimeException e) {
                return new SendOutcome.Retryable(
                        carrierType + ": unreadable answer (HTTP " + response.statusCode() + "): " + e.getMessage());
            }
        });
    }

    /** The retryable outcome for a request that got no HTTP answer. */
    public static SendOutcome.Retryable transportFailure(String carrierType, Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) cause = cause.getCause();
        String what;
        if (cause instanceof HttpTimeoutException) {
            what = "timed out";
        } else if (cause instanceof java.net.ConnectException) {
            what = "connection failed";
        } else if (cause instanceof IOException) {
            what = "I/O error";
        } else {
            what = "request failed";
        }
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new SendOutcome.Retryable(carrierType + ": " + what + ": " + detail);
    }

    /** Collects a response body as UTF-8 text, keeping at most {@code limit} bytes. */
    private static final class LimitedTextSubscriber implements HttpResponse.BodySubscriber<String> {
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private final byte[] buffer;
        private int size;

        LimitedTextSubscriber(int limit) {
            this.buffer = new byte[limit];
        }

        @Override
        public CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                int n = Math.min(item.remaining(), buffer.length - size);
                item.get(buffer, size, n);
                size += n;
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(new String(buffer, 0, size, StandardCharsets.UTF_8));
        }
    }
}
