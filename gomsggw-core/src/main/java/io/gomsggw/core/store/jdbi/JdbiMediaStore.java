package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.store.MediaStore;
import io.gomsggw.core.store.StoredMedia;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** {@link MediaStore} on the {@code media} table; tokens are 32 random bytes in unpadded base64url (43 characters). */
final class JdbiMediaStore implements MediaStore {
    private static final int TOKEN_BYTES = 32;

    private final StoreSql sql;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    JdbiMediaStore(StoreSql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public String put(MediaPart media, Instant expiresAt) {
        String token = newToken();
        sql.withHandle(
                "store media",
                h -> h.createUpdate("INSERT INTO media (token, filename, content_type, content, "
                                + "created_at, expires_at) VALUES (:token, :filename, :content_type, :content, :created_at, "
                                + ":expires_at)")
                        .bind("token", token)
                        .bind("filename", media.filename())
                        .bind("content_type", media.contentType())
                        .bind("content", media.content())
                        .bind("created_at", clock.instant())
                        .bind("expires_at", expiresAt)
                        .execute());
        return token;
    }

    @Override
    public Optional<StoredMedia> get(String token, Instant now) {
        return sql.withHandle(
                "read media",
                h -> h.createQuery("SELECT token, filename, content_type, content, "
                                + "created_at, expires_at FROM media WHERE token = :token AND expires_at > :now")
                        .bind("token", token)
                        .bind("now", now)
                        .map((rs, ctx) -> new StoredMedia(
                                rs.getString("token"),
                                new MediaPart(
                                        rs.getString("filename"), rs.getString("content_type"), rs.getBytes("content")),
                                Columns.instant(rs, "created_at"),
                                Columns.instant(rs, "expires_at")))
                        .findOne());
    }

    @Override
    public int purgeExpired(Instant now) {
        return sql.withHandle(
                "purge media",
                h -> h.createUpdate("DELETE FROM media WHERE expires_at <= :now")
                        .bind("now", now)
                        .execute());
    }

    private String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
