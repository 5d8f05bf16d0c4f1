package io.gomsggw.http.fetch;

import io.gomsggw.core.model.MediaPart;
import io.gomsggw.http.HttpStatusException;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches the media a web client names by URL ({@code media_urls} of the bicom and telnyx send
 * formats) through the {@link SafeFetcher}: all URLs at once, each item at most
 * {@code maxItemBytes}, all together at most {@code maxTotalBytes} and {@code timeout}; addresses
 * inside the operator's network are refused unless allowed (see
 * {@link io.gomsggw.http.fetch.AddressPolicy}).
 *
 * <p>An item's content type is the response's {@code Content-Type} without parameters, its file
 * name the last path segment of the URL. Any failure refuses the request with 400 naming the item,
 * e.g. {@code media_urls[0]: address 10.0.0.1 is not allowed (private network)}.
 *
 * <p>Threading: thread-safe; {@link #fetch} blocks its caller (a request worker) until done.
 */
public final class MediaFetcher {
    /** Largest media item fetched by default: 5 MiB. */
    public static final long DEFAULT_MAX_ITEM_BYTES = 5L * 1024 * 1024;
    /** Most bytes of all items of one message by default: 20 MiB. */
    public static final long DEFAULT_MAX_TOTAL_BYTES = 20L * 1024 * 1024;
    /** Default time allowed for all items of one request together. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * One URL of a request and the field it came in, for error messages.
     *
     * @param field e.g. {@code media_urls[0]} or {@code media[1].url}
     * @param url   the URL as the client wrote it
     */
    public record Item(String field, String url) {}

    private static final String FALLBACK_CONTENT_TYPE = "application/octet-stream";
    private static final int MAX_FILENAME = 100;

    private final SafeFetcher fetcher;
    private final SafeFetcher.Limits limits;

    /**
     * @param fetcher       the gateway's outbound fetcher
     * @param maxItemBytes  the largest item accepted, e.g. {@link #DEFAULT_MAX_ITEM_BYTES}
     * @param maxTotalBytes the most bytes of all items of a request, e.g. {@link #DEFAULT_MAX_TOTAL_BYTES}
     * @param timeout       the time allowed for all items of one request, e.g. {@link #DEFAULT_TIMEOUT}
     */
    public MediaFetcher(SafeFetcher fetcher, long maxItemBytes, long maxTotalBytes, Duration timeout) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.limits = new SafeFetcher.Limits(maxItemBytes, maxTotalBytes, timeout);
    }

    /** Fetches {@code urls}, named {@code field[0]}, {@code field[1]}… in errors. */
    public List<MediaPart> fetchAll(String field, List<String> urls) {
        List<Item> items = new ArrayList<>(urls.size());
        for (int i = 0; i < urls.size(); i++) {
            items.add(new Item(field + "[" + i + "]", urls.get(i)));
        }
        return fetch(items);
    }

    /**
     * Fetches every item, in order.
     *
     * @throws HttpStatusException 400 naming the first item that cannot be fetched
     */
    public List<MediaPart> fetch(List<Item> items) {
        if (items.isEmpty()) {
            return List.of();
        }
        List<SafeFetcher.Item> requests = items.stream()
                .map(item -> new SafeFetcher.Item(item.url(), Map.of()))
                .toList();
        CompletableFuture<List<SafeFetcher.Outcome>> fetching = fetcher.fetchAll(requests, limits);
        List<SafeFetcher.Outcome> outcomes;
        try {
            // The fetcher ends every item by its timeout; the margin is for its threads to get there.
            outcomes = fetching.get(limits.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            fetching.cancel(true);
            throw new HttpStatusException(HttpResponseStatus.SERVICE_UNAVAILABLE, "media fetches did not finish", null);
        } catch (InterruptedException e) {
            fetching.cancel(true);
            Thread.currentThread().interrupt();
            throw new HttpStatusException(HttpResponseStatus.SERVICE_UNAVAILABLE, "server shutting down", null);
        }
        List<MediaPart> parts = new ArrayList<>(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            Item item = items.get(i);
            if (outcomes.get(i) instanceof SafeFetcher.Outcome.Failed failed) {
                throw new HttpStatusException(
                        HttpResponseStatus.BAD_REQUEST, item.field() + ": " + failed.reason(), item.field());
            }
            SafeFetcher.Outcome.Fetched fetched = (SafeFetcher.Outcome.Fetched) outcomes.get(i);
            parts.add(new MediaPart(filename(item.url(), fetched.url(), i), contentType(fetched), fetched.body()));
        }
        return parts;
    }

    private static String contentType(SafeFetcher.Outcome.Fetched fetched) {
        return fetched.contentType().contains("/") ? fetched.contentType() : FALLBACK_CONTENT_TYPE;
    }

    /** The last path segment of the URL the client gave (or, failing that, of the one that answered). */
    private static String filename(String given, URI answered, int index) {
        URI uri;
        try {
            uri = new URI(given.strip());
        } catch (URISyntaxException e) {
            uri = answered;
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (last.isBlank()) {
            return "media-" + (index + 1);
        }
        return last.length() > MAX_FILENAME ? last.substring(last.length() - MAX_FILENAME) : last;
    }
}
