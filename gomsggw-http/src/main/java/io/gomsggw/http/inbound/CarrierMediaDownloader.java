package io.gomsggw.http.inbound;

import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.spi.WebhookResult;
import io.gomsggw.http.BoundedBody;
import io.gomsggw.http.Credentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads the media a carrier's inbound message links to, after the carrier had its answer:
 * each item with a size cap and a timeout, with the carrier account's Basic credentials when the
 * link needs them (Twilio). An item that cannot be fetched is left out and logged; the message is
 * still delivered with what could be fetched.
 *
 * <p>Threading: thread-safe; {@link #download} never blocks and its stage never fails.
 */
public final class CarrierMediaDownloader {
    /** Largest media item downloaded: 5 MiB, Twilio's own limit per message. */
    public static final long MAX_ITEM_BYTES = 5L * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(CarrierMediaDownloader.class);

    private final HttpClient http;
    private final long maxItemBytes;
    private final Duration timeout;

    public CarrierMediaDownloader(HttpClient http, long maxItemBytes, Duration timeout) {
        this.http = http;
        this.maxItemBytes = maxItemBytes;
        this.timeout = timeout;
    }

    /** Downloads every item of {@code refs}, in order, leaving out those that fail. */
    public CompletableFuture<List<MediaPart>> download(Carrier carrier, List<WebhookResult.MediaRef> refs) {
        List<CompletableFuture<MediaPart>> items = new ArrayList<>(refs.size());
        for (int i = 0; i < refs.size(); i++) {
            items.add(fetch(carrier, refs.get(i), i));
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

    private CompletableFuture<MediaPart> fetch(Carrier carrier, WebhookResult.MediaRef ref, int index) {
        HttpRequest request;
        try {
            URI uri = URI.create(ref.url());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).GET();
            if (ref.authenticated() && carrier.username() != null) {
                builder.header("Authorization",
                        "Basic " + new Credentials(carrier.username(), carrier.password().reveal()).encoded());
            }
            request = builder.build();
        } catch (IllegalArgumentException e) {
            log.warn("carrier media skipped carrier={} item={} error={}", carrier.name(), index, e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        return http.sendAsync(request, BoundedBody.failingAbove(maxItemBytes))
                .handle((response, error) -> {
                    if (error != null || response.statusCode() / 100 != 2) {
                        log.warn("carrier media not fetched carrier={} item={} error={}", carrier.name(), index,
                                error != null ? error.toString() : "HTTP " + response.statusCode());
                        return null;
                    }
                    return new MediaPart(filename(request.uri(), index), contentType(ref, response), response.body());
                });
    }

    private static String contentType(WebhookResult.MediaRef ref, HttpResponse<byte[]> response) {
        if (ref.contentType() != null && !ref.contentType().isBlank()) {
            return ref.contentType();
        }
        return response.headers().firstValue("content-type").map(t -> t.split(";")[0].strip())
                .orElse("application/octet-stream");
    }

    private static String filename(URI uri, int index) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.isBlank() ? "media-" + (index + 1) : last;
    }
}
