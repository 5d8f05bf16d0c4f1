package io.gomsggw.core.apikey;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stored tenant API keys. Keys are found by the SHA-256 hex digest of the raw key; the raw key
 * never reaches a store.
 *
 * <p>Threading: thread-safe; every method blocks on I/O and throws
 * {@link io.gomsggw.core.store.StoreException} when the database fails.
 */
public interface ApiKeyStore {
    /**
     * Stores a new active key of {@code clientId} with its digest and prefix, stamped {@code createdAt}.
     *
     * @throws io.gomsggw.core.store.DuplicateKeyException when the digest exists already (field {@code key})
     */
    ApiKey create(long clientId, NewApiKey key, String keyHash, String keyPrefix, Instant createdAt);

    /** The key whose digest is {@code keyHash}, revoked or not. */
    Optional<ApiKey> findByHash(String keyHash);

    /** Every key of a client, revoked ones too, oldest first. */
    List<ApiKey> listByClient(long clientId);

    /** Marks a key of {@code clientId} revoked; false when the client has no such key. */
    boolean revoke(long clientId, long keyId);

    /** Sets {@code last_used_at} of many keys in one transaction; unknown ids are skipped. */
    void touchAll(Map<Long, Instant> lastUsed);
}
