package io.gomsggw.http.inbound;

import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.WebhookResult;
import io.gomsggw.http.BoundedBody;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads the media a carrier's inbound message links to, after the carrier had its answer:
 * each item with a size cap and a timeout, with the headers the carrier's adapter asks for
 * ({@link CarrierAdapter#mediaFetchHeaders}, e.g. Twilio's Basic credentials). Redirects are
 * followed here, up to {@value #MAX_REDIRECTS}, and never carry those headers on: Twilio, for one,
 * redirects to a CDN that must not see the account's credentials. An item that cannot be fetched
 * is left out and logged; the message is still delivered with what could be fetched.
 *
 * <p>Threading: thread-safe; {@link #download} never blocks and its stage never fails.
 */
public final class CarrierMediaDownloader {
    /** Largest media item downloaded: 5 MiB, Twilio's own limit per message. */
    public static final long MAX_ITEM_BYTES = 5L * 1024 * 1024;
    private static final int MAX_REDIRECTS = 5;

    private static final Logger log = LoggerFactory.getLogger(CarrierMediaDownloader.class);

    private final HttpClient http;
    private final long maxItemBytes;
    private final Duration timeout;

    /** @param timeout for each request of each item */
    public CarrierMediaDownloader(long maxItemBytes, Duration timeout) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.maxItemBytes = maxItemBytes;
        this.timeout = timeout;
    }

    /** Downloads every item of {@code refs}, in order, leaving out those that fail. */
    public CompletableFuture<List<MediaPart>> download(String carrierName, CarrierAdapter adapter,
                                                       List<WebhookResult.MediaRef> refs) {
        List<CompletableFuture<MediaPart>> items = new ArrayList<>(refs.size());
        for (int i = 0; i < refs.size(); i++) {
            WebhookResult.MediaRef ref = refs.get(i);
            int index = i;
            items.add(fetch(ref.url(), adapter.mediaFetchHeaders(ref), 0)
                    .thenApply(response -> new MediaPart(filename(ref.url(), index), contentType(ref, response),
                            response.body()))
                    .exceptionally(error -> {
                        log.warn("carrier media not fetched carrier={} item={} error={}", carrierName, index,
                                error.getCause() != null ? error.getCause().getMessage() : error.toString());
                        return null;
                    }));
        }
        return CompletableFuture.allOf(items.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<MediaPart> parts = new ArrayList<>(items.size());
            for (CompletableFuture<MediaPart> item : items) {
                MediaPart part = item.join();
                if (part != null) {
                    parts.add(part);
                }
            }
            return parts;
        });
    }

    private CompletableFuture<HttpResponse<byte[]>> fetch(String url, Map<String, String> headers, int redirects) {
        URI uri;
        try {
            uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("not an http(s) URL: " + url);
            }
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        headers.forEach(request::header);
        return http.sendAsync(request.build(), BoundedBody.failingAbove(maxItemBytes)).thenCompose(response -> {
            int status = response.statusCode();
            if (status / 100 == 2) {
                return CompletableFuture.completedFuture(response);
            }
            var location = response.headers().firstValue("location");
            if (status / 100 == 3 && location.isPresent() && redirects < MAX_REDIRECTS) {
                return fetch(uri.resolve(location.get()).toString(), Map.of(), redirects + 1);
            }
            return CompletableFuture.failedFuture(new IllegalStateException("HTTP " + status + " from " + uri.getHost()));
        });
    }

    private static String contentType(WebhookResult.MediaRef ref, HttpResponse<byte[]> response) {
        if (ref.contentType() != null && !ref.contentType().isBlank()) {
            return ref.contentType();
        }
        return response.headers().firstValue("content-type").map(t -> t.split(";")[0].strip())
                .orElse("application/octet-stream");
    }

    private static String filename(String url, int index) {
        String path = URI.create(url).getPath();
        String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        return last.isBlank() ? "media-" + (index + 1) : last;
    }
}
