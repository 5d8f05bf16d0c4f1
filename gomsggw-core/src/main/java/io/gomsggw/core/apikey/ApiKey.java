package io.gomsggw.core.apikey;

import io.gomsggw.core.model.ClientNumber;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A tenant API key as stored: everything but the key itself, which is never kept (only its
 * SHA-256 digest, which this record does not carry either).
 *
 * @param id                 database id
 * @param clientId           the client the key acts for
 * @param name               a label, e.g. {@code CSV Import App}
 * @param keyPrefix          the key's first 16 characters ({@code gw_live_} and 8 hex digits), to tell keys apart
 * @param scopes             what the key may do
 * @param rateLimitPerMinute requests per minute the key may make; 0 for no limit of its own
 * @param active             false once revoked
 * @param expiresAt          when the key stops working; null when it never expires
 * @param lastUsedAt         when it last authenticated a request (written at most every few seconds); null if never
 * @param createdAt          when it was made
 * @param allowedNumberIds   the ids of the client's numbers it may send from; empty for all of them
 */
public record ApiKey(
        long id,
        long clientId,
        String name,
        String keyPrefix,
        Set<ApiKeyScope> scopes,
        int rateLimitPerMinute,
        boolean active,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant createdAt,
        Set<Long> allowedNumberIds) {

    public ApiKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(createdAt, "createdAt");
        scopes = Set.copyOf(scopes);
        allowedNumberIds = Set.copyOf(allowedNumberIds);
    }

    public boolean hasScope(ApiKeyScope scope) {
        return scopes.contains(scope);
    }

    /** Whether the key has expired at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** Whether the key may send from {@code number} (one of its client's numbers). */
    public boolean mayUse(ClientNumber number) {
        return number.clientId() == clientId && (allowedNumberIds.isEmpty() || allowedNumberIds.contains(number.id()));
    }

    public ApiKey withLastUsedAt(Instant instant) {
        return new ApiKey(
                id,
                clientId,
                name,
                keyPrefix,
                scopes,
                rateLimitPerMinute,
                active,
                expiresAt,
                instant,
                createdAt,
                allowedNumberIds);
    }
}
