package io.gomsggw.core.store;

import io.gomsggw.core.model.MediaPart;
import java.time.Instant;

/** A media item kept for download by an unguessable token until it expires. */
public record StoredMedia(String token, MediaPart media, Instant createdAt, Instant expiresAt) {}
