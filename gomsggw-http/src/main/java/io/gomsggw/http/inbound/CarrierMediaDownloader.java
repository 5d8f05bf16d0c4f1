package io.gomsggw.http.inbound;

import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.WebhookResult;
import io.gomsggw.http.fetch.SafeFetcher;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads the media a carrier's inbound message links to, after the carrier had its answer,
 * through the {@link SafeFetcher}: each item at most {@code maxItemBytes}, all items of a message
 * at most {@code maxTotalBytes} and {@code timeout}, with the headers the carrier's adapter asks
 * for ({@link CarrierAdapter#mediaFetchHeaders}, e.g. Twilio's Basic credentials) sent to the
 * link itself and never to where it redirects (Twilio, for one, redirects to a CDN that must not
 * see the account's credentials). Links into the operator's network are refused like any fetch
 * (see {@link io.gomsggw.http.fetch.AddressPolicy}).
 *
 * <p>An item that cannot be fetched is left out and its refusal logged with the reason; the
 * message is still delivered with what could be fetched.
 *
 * <p>At most {@code maxMessages} messages download at once: {@link #tryReserve} says whether a
 * webhook's messages may start, so that the route can answer 503 (the carrier sends again later)
 * instead of queueing without bound.
 *
 * <p>Threading: thread-safe; {@link #download} never blocks and its stage never fails.
 */
public final class CarrierMediaDownloader {
    /** Largest media item downloaded: 5 MiB, Twilio's own limit per message. */
    public static final long MAX_ITEM_BYTES = 5L * 1024 * 1024;
    /** Most bytes of all items of one message: 20 MiB. */
    public static final long MAX_TOTAL_BYTES = 20L * 1024 * 1024;
    /** Messages whose media download at once by default. */
    public static final int DEFAULT_MAX_MESSAGES = 32;

    private static final Logger log = LoggerFactory.getLogger(CarrierMediaDownloader.class);

    private final SafeFetcher fetcher;
    private final SafeFetcher.Limits limits;
    private final Semaphore slots;

    /**
     * @param fetcher     the gateway's outbound fetcher
     * @param limits      per item, per message and time
     * @param maxMessages messages downloading at once
     */
    public CarrierMediaDownloader(SafeFetcher fetcher, SafeFetcher.Limits limits, int maxMessages) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.slots = new Semaphore(maxMessages);
    }

    /** The default limits: {@link #MAX_ITEM_BYTES}, {@link #MAX_TOTAL_BYTES} and {@code timeout}. */
    public static SafeFetcher.Limits limits(Duration timeout) {
        return new SafeFetcher.Limits(MAX_ITEM_BYTES, MAX_TOTAL_BYTES, timeout);
    }

    /**
     * Reserves {@code messages} download slots, all or none; each {@link #download} gives one back
     * when done. False when the downloader is full now.
     */
    public boolean tryReserve(int messages) {
        return messages == 0 || slots.tryAcquire(messages);
    }

    /** Gives back {@code unused} reserved slots whose downloads never started. */
    public void release(int unused) {
        if (unused > 0) {
            slots.release(unused);
        }
    }

    /** Downloads every item of {@code refs}, in order, leaving out those that fail; uses a reserved slot. */
    public CompletableFuture<List<MediaPart>> download(
            String carrierName, CarrierAdapter adapter, List<WebhookResult.MediaRef> refs) {
        List<SafeFetcher.Item> items = new ArrayList<>(refs.size());
        for (WebhookResult.MediaRef ref : refs) {
            items.add(new SafeFetcher.Item(ref.url(), adapter.mediaFetchHeaders(ref)));
        }
        return fetcher.fetchAll(items, limits)
                .thenApply(outcomes -> {
                    List<MediaPart> parts = new ArrayList<>(outcomes.size());
                    for (int i = 0; i < outcomes.size(); i++) {
                        WebhookResult.MediaRef ref = refs.get(i);
                        if (outcomes.get(i) instanceof SafeFetcher.Outcome.Fetched fetched) {
                            parts.add(new MediaPart(filename(ref.url(), i), contentType(ref, fetched), fetched.body()));
                        } else {
                            log.warn(
                                    "carrier media not fetched carrier={} item={} host={} reason=\"{}\"",
                                    carrierName,
                                    i,
                                    host(ref.url()),
                                    ((SafeFetcher.Outcome.Failed) outcomes.get(i)).reason());
                        }
                    }
                    return parts;
                })
                .whenComplete((parts, error) -> slots.release());
    }

    private static String contentType(WebhookResult.MediaRef ref, SafeFetcher.Outcome.Fetched fetched) {
        if (ref.contentType() != null && !ref.contentType().isBlank()) {
            return ref.contentType();
        }
        return fetched.contentType().isEmpty() ? "application/octet-stream" : fetched.contentType();
    }

    private static String filename(String url, int index) {
        String path = uri(url) == null ? null : uri(url).getPath();
        String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        return last.isBlank() ? "media-" + (index + 1) : last;
    }

    private static String host(String url) {
        URI uri = uri(url);
        return uri == null ? "" : uri.getHost();
    }

    private static URI uri(String url) {
        try {
            return new URI(url.strip());
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
