package io.gomsggw.core.model;

import java.util.Objects;

/**
 * A carrier account messages leave and arrive by.
 *
 * @param id               database id; 0 for a carrier not stored yet
 * @param name             unique name, used by numbers and in {@code /inbound/{carrier}}
 * @param type             adapter type ({@code telnyx}, {@code twilio}, {@code loopback} or a plug-in's)
 * @param username         account id (Twilio Account SID); may be null
 * @param password         API key or auth token; encrypted at rest, never returned
 * @param uuid             public id used in webhook URLs
 * @param profileId        carrier-side profile (Telnyx messaging profile); may be null
 * @param webhookPublicKey base64 Ed25519 public key that signs the carrier's webhooks (Telnyx); may be null
 * @param baseUrl          API base URL override; null uses the adapter's default
 */
public record Carrier(
        long id,
        String name,
        String type,
        String username,
        Secret password,
        String uuid,
        String profileId,
        String webhookPublicKey,
        String baseUrl) {

    public Carrier {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        password = password == null ? Secret.of("") : password;
        Objects.requireNonNull(uuid, "uuid");
    }

    public Carrier withId(long newId) {
        return new Carrier(newId, name, type, username, password, uuid, profileId, webhookPublicKey, baseUrl);
    }
}
