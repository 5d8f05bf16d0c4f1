package io.gomsggw.server.secrets;

import io.gomsggw.core.model.Secret;
import java.util.Objects;

/**
 * The two secrets every node needs, resolved from the configuration or the data directory.
 *
 * @param apiKey        the admin password ({@code Basic admin:<API_KEY>})
 * @param encryptionKey the key text for secrets at rest, as {@code ENCRYPTION_KEY} is written
 */
public record Secrets(Secret apiKey, Secret encryptionKey) {
    public Secrets {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(encryptionKey, "encryptionKey");
    }
}
