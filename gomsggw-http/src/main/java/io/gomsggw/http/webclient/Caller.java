package io.gomsggw.http.webclient;

import io.gomsggw.core.apikey.ApiKey;
import io.gomsggw.core.model.Client;
import java.util.Objects;
import java.util.Optional;

/**
 * Who made a web client request: the client, and the API key it used, if any (none with client
 * credentials, which may do everything the client may).
 */
public record Caller(Client client, Optional<ApiKey> apiKey) {
    public Caller {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(apiKey, "apiKey");
    }

    /** A caller with the client's own credentials. */
    public static Caller of(Client client) {
        return new Caller(client, Optional.empty());
    }

    /** The API key's id, or null with client credentials (as stored on batch jobs). */
    public Long apiKeyId() {
        return apiKey.map(ApiKey::id).orElse(null);
    }
}
