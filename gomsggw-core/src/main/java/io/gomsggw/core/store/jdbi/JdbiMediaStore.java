package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.store.MediaStore;
import io.gomsggw.core.store.MessageStore;
import io.gomsggw.core.store.StoredMedia;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * {@link MediaStore} on the {@code media} table; tokens are 32 random bytes in unpadded base64url (43
 * characters). A row made by {@link #putReference} holds no bytes but the message id and ordinal of the
 * part: {@link #get} reads the bytes from {@code messages} (on the embedded database the message log's
 * store, which answers from memory for a message not yet in the tables).
 */
final class JdbiMediaStore implements MediaStore {
    private static final int TOKEN_BYTES = 32;

    private final StoreSql sql;
    private final Clock clock;
    private final Supplier<MessageStore> messages;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentLinkedQueue<Reference> queuedReferences = new ConcurrentLinkedQueue<>();
    private final ReentrantLock referenceCommit = new ReentrantLock();

    JdbiMediaStore(StoreSql sql, Clock clock, Supplier<MessageStore> messages) {
        this.sql = sql;
        this.clock = clock;
        this.messages = messages;
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

    /**
     * Group commit: the calling thread queues its row, then whoever holds the lock writes every row
     * queued so far in one transaction. While one batch commits, the next callers' rows gather for
     * the next, so at a high rate a commit (on the embedded database one chunk written to the file,
     * {@code WRITE_DELAY=0}) carries many references instead of one each. Returns once its own row is
     * committed.
     */
    @Override
    public String putReference(String messageId, int ordinal, MediaPart media, Instant expiresAt) {
        Reference reference = new Reference(
                newToken(), media.filename(), media.contentType(), messageId, ordinal, clock.instant(), expiresAt);
        queuedReferences.add(reference);
        referenceCommit.lock();
        try {
            if (!reference.committed) {
                commitQueuedReferences();
            }
        } finally {
            referenceCommit.unlock();
        }
        if (reference.failure != null) {
            throw reference.failure;
        }
        return reference.token;
    }

    /**
     * Writes every queued reference in one transaction; when that fails, each on its own, so a row
     * the database refuses fails alone. Called holding {@link #referenceCommit}.
     */
    private void commitQueuedReferences() {
        List<Reference> batch = new ArrayList<>();
        Reference next;
        while ((next = queuedReferences.poll()) != null) {
            batch.add(next);
        }
        try {
            insertReferences(batch);
        } catch (RuntimeException batchFailure) {
            if (batch.size() == 1) {
                batch.get(0).failure = batchFailure;
            } else {
                for (Reference r : batch) {
                    try {
                        insertReferences(List.of(r));
                    } catch (RuntimeException e) {
                        r.failure = e;
                    }
                }
            }
        }
        batch.forEach(r -> r.committed = true);
    }

    private void insertReferences(List<Reference> batch) {
        sql.inTransaction("store media", h -> {
            PreparedBatch insert = h.prepareBatch("INSERT INTO media (token, filename, content_type, message_id, "
                    + "ordinal, created_at, expires_at) VALUES (:token, :filename, :content_type, :message_id, "
                    + ":ordinal, :created_at, :expires_at)");
            for (Reference r : batch) {
                insert.bind("token", r.token)
                        .bind("filename", r.filename)
                        .bind("content_type", r.contentType)
                        .bind("message_id", r.messageId)
                        .bind("ordinal", r.ordinal)
                        .bind("created_at", r.createdAt)
                        .bind("expires_at", r.expiresAt)
                        .add();
            }
            return insert.execute();
        });
    }

    /** A reference row waiting for its group commit; the outcome fields are written and read under {@link #referenceCommit}. */
    private static final class Reference {
        final String token;
        final String filename;
        final String contentType;
        final String messageId;
        final int ordinal;
        final Instant createdAt;
        final Instant expiresAt;
        boolean committed;
        RuntimeException failure;

        Reference(
                String token,
                String filename,
                String contentType,
                String messageId,
                int ordinal,
                Instant createdAt,
                Instant expiresAt) {
            this.token = token;
            this.filename = filename;
            this.contentType = contentType;
            this.messageId = messageId;
            this.ordinal = ordinal;
            this.createdAt = createdAt;
            this.expiresAt = expiresAt;
        }
    }

    /** A row of {@code media}: content null for a reference to part {@code ordinal} of {@code messageId}. */
    private record Row(
            String token,
            String filename,
            String contentType,
            byte[] content,
            String messageId,
            int ordinal,
            Instant createdAt,
            Instant expiresAt) {}

    @Override
    public Optional<StoredMedia> get(String token, Instant now) {
        Optional<Row> found = sql.withHandle(
                "read media",
                h -> h.createQuery("SELECT token, filename, content_type, content, message_id, ordinal, "
                                + "created_at, expires_at FROM media WHERE token = :token AND expires_at > :now")
                        .bind("token", token)
                        .bind("now", now)
                        .map((rs, ctx) -> new Row(
                                rs.getString("token"),
                                rs.getString("filename"),
                                rs.getString("content_type"),
                                rs.getBytes("content"),
                                rs.getString("message_id"),
                                rs.getInt("ordinal"),
                                Columns.instant(rs, "created_at"),
                                Columns.instant(rs, "expires_at")))
                        .findOne());
        return found.flatMap(row -> content(row)
                .map(bytes -> new StoredMedia(
                        row.token(),
                        new MediaPart(row.filename(), row.contentType(), bytes),
                        row.createdAt(),
                        row.expiresAt())));
    }

    private Optional<byte[]> content(Row row) {
        if (row.content() != null) {
            return Optional.of(row.content());
        }
        if (row.messageId() == null) {
            return Optional.empty();
        }
        return messages.get()
                .find(row.messageId())
                .filter(m -> row.ordinal() >= 0 && row.ordinal() < m.media().size())
                .map(m -> m.media().get(row.ordinal()).content());
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
