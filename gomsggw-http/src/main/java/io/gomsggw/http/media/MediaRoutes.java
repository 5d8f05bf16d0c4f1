package io.gomsggw.http.media;

import io.gomsggw.core.store.MediaStore;
import io.gomsggw.core.store.StoredMedia;
import io.gomsggw.http.Request;
import io.gomsggw.http.Response;
import io.gomsggw.http.RouteTable;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /media/{token}}: MMS media by its unguessable token, without authentication, so
 * carriers and web clients can fetch what {@link HostedMedia} published. The answer has the
 * media's own {@code Content-Type}, {@code Cache-Control: private, max-age=<seconds until expiry>},
 * and headers that keep a browser from running it ({@code X-Content-Type-Options: nosniff},
 * {@code Content-Security-Policy: sandbox}). An unknown or expired token is 404 JSON.
 *
 * <p>Every access is logged at info level with the token's first 8 characters (enough to find it,
 * too few to fetch it), the remote address and the {@code User-Agent}.
 */
public final class MediaRoutes {
    /** Links to media start with this path, followed by the token. */
    public static final String PATH_PREFIX = "/media/";

    private static final Logger log = LoggerFactory.getLogger(MediaRoutes.class);
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final int LOGGED_TOKEN_CHARS = 8;

    private final MediaStore store;
    private final Clock clock;

    /**
     * @param store the published media
     * @param clock decides expiry
     */
    public MediaRoutes(MediaStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Adds {@code GET /media/{token}} to {@code router}. */
    public void register(RouteTable router) {
        router.get(PATH_PREFIX + "{token}", this::media);
    }

    private Response media(Request request) {
        String token = request.pathParam("token");
        Instant now = clock.instant();
        Optional<StoredMedia> found = TOKEN.matcher(token).matches() ? store.get(token, now) : Optional.empty();
        log.info(
                "media requested token={} remote={} user_agent=\"{}\" found={}",
                token.substring(0, Math.min(LOGGED_TOKEN_CHARS, token.length())),
                request.remoteAddress(),
                Objects.requireNonNullElse(request.header("User-Agent"), ""),
                found.isPresent());
        if (found.isEmpty()) {
            return Response.error(HttpResponseStatus.NOT_FOUND, "media not found or expired");
        }
        StoredMedia media = found.get();
        long maxAge = Math.max(0, Duration.between(now, media.expiresAt()).toSeconds());
        return Response.binary(
                        HttpResponseStatus.OK,
                        media.media().contentType(),
                        media.media().content())
                .withHeader("Cache-Control", "private, max-age=" + maxAge)
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("Content-Security-Policy", "sandbox");
    }
}
