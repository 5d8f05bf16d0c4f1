package io.gomsggw.core.apikey;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What an admin asks for when making a key.
 *
 * @param name               a label; blank becomes {@code API Key}, as in the Go gateway
 * @param scopes             what the key may do; must not be empty
 * @param rateLimitPerMinute requests per minute; 0 for no limit of its own
 * @param expiresAt          when it stops working; null for never
 * @param allowedNumberIds   ids of the client's numbers it may send from; empty for all
 */
public record NewApiKey(
        String name, Set<ApiKeyScope> scopes, int rateLimitPerMinute, Instant expiresAt, Set<Long> allowedNumberIds) {
    public NewApiKey {
        name = name == null || name.isBlank() ? "API Key" : name.strip();
        scopes = Set.copyOf(Objects.requireNonNull(scopes, "scopes"));
        allowedNumberIds = allowedNumberIds == null ? Set.of() : Set.copyOf(allowedNumberIds);
    }
}
