package io.gomsggw.core.store;

import io.gomsggw.core.model.MediaPart;
import java.time.Instant;
import java.util.Optional;

/**
 * MMS media kept for carriers and web clients to fetch by link ({@code /media/{token}}).
 * Tokens are unguessable (at least 128 random bits) and chosen by the implementation.
 *
 * <p>Threading: thread-safe; every method blocks on I/O.
 */
public interface MediaStore {
    /** Stores the media and returns its token. */
    String put(MediaPart media, Instant expiresAt);

    /**
     * Stores {@code media}, which is part {@code ordinal} of the stored message {@code messageId} (same
     * bytes), and returns its token. A store that can read the bytes from the message keeps only the
     * reference (an MMS photo is then stored once with its message, not copied again for its link); the
     * default stores a copy.
     */
    default String putReference(String messageId, int ordinal, MediaPart media, Instant expiresAt) {
        return put(media, expiresAt);
    }

    /** The media for a token, or empty when unknown or expired at {@code now}. */
    Optional<StoredMedia> get(String token, Instant now);

    /** Deletes media that expired before {@code now}; returns how many. */
    int purgeExpired(Instant now);
}
