package io.gomsggw.http.media;

import io.gomsggw.core.dispatch.MediaLinks;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.store.MediaStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Publishes a message's media in the {@link MediaStore} for {@link #LIFETIME} and returns links
 * {@code <publicBaseUrl>/media/<token>} that {@link MediaRoutes} serves: for carriers (which fetch
 * MMS media by URL) and for bicom and telnyx webhooks. The base URL is {@code SERVER_ADDRESS}; it
 * must be reachable by whoever gets the links.
 *
 * <p>Threading: thread-safe; {@link #publish} blocks on the store.
 */
public final class HostedMedia implements MediaLinks {
    /** How long published media can be fetched. */
    public static final Duration LIFETIME = Duration.ofDays(7);

    private final MediaStore store;
    private final String baseUrl;
    private final Clock clock;

    /**
     * @param store         where the media is kept
     * @param publicBaseUrl the gateway's public base URL, e.g. {@code https://sms.example.com}
     * @param clock         the time expiry counts from
     */
    public HostedMedia(MediaStore store, String publicBaseUrl, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        String base = Objects.requireNonNull(publicBaseUrl, "publicBaseUrl").strip();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    public List<String> publish(Message message) {
        Instant expiresAt = clock.instant().plus(LIFETIME);
        List<String> links = new ArrayList<>(message.media().size());
        for (MediaPart part : message.media()) {
            links.add(baseUrl + MediaRoutes.PATH_PREFIX + store.put(part, expiresAt));
        }
        return links;
    }

    /**
     * As {@link #publish(Message)}, but a part with the bytes of {@code stored}'s part at the same place
     * is published by reference to that part ({@link MediaStore#putReference}): an MMS that goes out as
     * it came in is not copied again for its links.
     */
    @Override
    public List<String> publish(Message message, Message stored) {
        Instant expiresAt = clock.instant().plus(LIFETIME);
        List<MediaPart> parts = message.media();
        List<MediaPart> original = stored.media();
        List<String> links = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            MediaPart part = parts.get(i);
            String token = i < original.size()
                            && Arrays.equals(part.content(), original.get(i).content())
                    ? store.putReference(stored.id(), i, part, expiresAt)
                    : store.put(part, expiresAt);
            links.add(baseUrl + MediaRoutes.PATH_PREFIX + token);
        }
        return links;
    }
}
