package io.gomsggw.http.client;

import io.gomsggw.core.model.MediaPart;
import io.gomsggw.http.BoundedBody;
import io.gomsggw.http.HttpStatusException;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches the media a web client names by URL ({@code media_urls} of the bicom and telnyx send
 * formats). All URLs are fetched at once, asynchronously, on one shared {@link HttpClient}; the
 * caller waits at most {@code timeout} for all of them together.
 *
 * <p>Only {@code http} and {@code https} URLs are fetched. Each item may be at most
 * {@code maxItemBytes} long (the download stops there); its content type is the response's
 * {@code Content-Type} without parameters, its file name the last path segment of the URL. Any
 * failure refuses the request with 400 naming the item, e.g. {@code media_urls[0]: timed out after
 * 10 s}, and the downloads still running are cancelled.
 *
 * <p>Note: the gateway fetches whatever address a client names, including addresses inside the
 * operator's network; operators who do not trust their web clients put the gateway behind an
 * egress filter.
 *
 * <p>Threading: thread-safe; {@link #fetchAll} blocks its caller (a request worker) until done.
 */
public final class MediaFetcher {
    /** Largest media item fetched by default: 5 MiB. */
    public static final long DEFAULT_MAX_ITEM_BYTES = 5L * 1024 * 1024;
    /** Default time allowed for all items of one request together. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final String FALLBACK_CONTENT_TYPE = "application/octet-stream";
    private static final int MAX_FILENAME = 100;

    private final HttpClient http;
    private final long maxItemBytes;
    private final Duration timeout;

    /**
     * @param http         the shared HTTP client (it should follow redirects)
     * @param maxItemBytes the largest item accepted, e.g. {@link #DEFAULT_MAX_ITEM_BYTES}
     * @param timeout      the time allowed for all items of one request, e.g. {@link #DEFAULT_TIMEOUT}
     */
    public MediaFetcher(HttpClient http, long maxItemBytes, Duration timeout) {
        this.http = Objects.requireNonNull(http, "http");
        if (maxItemBytes < 1) {
            throw new IllegalArgumentException("maxItemBytes must be positive");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        this.maxItemBytes = maxItemBytes;
        this.timeout = timeout;
    }

    /**
     * Fetches every URL, in order.
     *
     * @param field the request field the URLs came in, for error messages ({@code media_urls})
     * @throws HttpStatusException 400 naming {@code field[i]} for the first item that cannot be fetched
     */
    public List<MediaPart> fetchAll(String field, List<String> urls) {
        List<URI> uris = new ArrayList<>(urls.size());
        for (int i = 0; i < urls.size(); i++) {
            uris.add(checkedUri(field + "[" + i + "]", urls.get(i)));
        }
        List<CompletableFuture<MediaPart>> downloads = new ArrayList<>(uris.size());
        for (int i = 0; i < uris.size(); i++) {
            downloads.add(fetch(uris.get(i), i));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<MediaPart> parts = new ArrayList<>(downloads.size());
        try {
            for (int i = 0; i < downloads.size(); i++) {
                parts.add(await(field + "[" + i + "]", downloads.get(i), deadline));
            }
            return parts;
        } finally {
            downloads.forEach(download -> download.cancel(true));
        }
    }

    private MediaPart await(String item, CompletableFuture<MediaPart> download, long deadline) {
        try {
            return download.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw refused(item, "timed out after " + seconds(timeout));
        } catch (ExecutionException e) {
            throw refused(item, reason(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpStatusException(HttpResponseStatus.SERVICE_UNAVAILABLE, "server shutting down", null);
        }
    }

    private CompletableFuture<MediaPart> fetch(URI uri, int index) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        return http.sendAsync(request, BoundedBody.failingAbove(maxItemBytes)).thenApply(response -> {
            if (response.statusCode() / 100 != 2) {
                throw new FetchFailure("fetch failed with HTTP " + response.statusCode());
            }
            if (response.body().length == 0) {
                throw new FetchFailure("the response is empty");
            }
            return new MediaPart(filename(uri, index), contentType(response), response.body());
        });
    }

    private static URI checkedUri(String item, String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw refused(item, "not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused(item, "only http and https URLs can be fetched");
        }
        if (uri.getHost() == null) {
            throw refused(item, "the URL has no host");
        }
        return uri;
    }

    private String reason(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof FetchFailure) {
            return cause.getMessage();
        }
        if (cause instanceof BoundedBody.TooLargeException tooLarge) {
            return "larger than " + tooLarge.limit() + " bytes";
        }
        if (cause instanceof HttpTimeoutException) {
            return "timed out after " + seconds(timeout);
        }
        if (cause instanceof ConnectException) {
            return "connection failed";
        }
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return "cannot be fetched: " + detail;
    }

    private static String contentType(HttpResponse<?> response) {
        String header = response.headers().firstValue("Content-Type").orElse("");
        int parameters = header.indexOf(';');
        String type = (parameters < 0 ? header : header.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
        return type.contains("/") ? type : FALLBACK_CONTENT_TYPE;
    }

    private static String filename(URI uri, int index) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (last.isBlank()) {
            return "media-" + (index + 1);
        }
        return last.length() > MAX_FILENAME ? last.substring(last.length() - MAX_FILENAME) : last;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static HttpStatusException refused(String item, String reason) {
        return new HttpStatusException(HttpResponseStatus.BAD_REQUEST, item + ": " + reason, item);
    }

    /** A fetch that got an answer, but not media. */
    private static final class FetchFailure extends RuntimeException {
        FetchFailure(String message) {
            super(message, null, false, false);
        }
    }
}
