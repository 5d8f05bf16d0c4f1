package io.gomsggw.core.admin;

/**
 * A partial update of a carrier; null fields stay as they are, an empty string clears an optional
 * text field ({@code username}, {@code password}, {@code profile_id}, {@code webhook_public_key},
 * {@code base_url}).
 *
 * @param name             a new unique name; refused while numbers use the carrier
 * @param type             a type the {@link CarrierValidator} accepts
 * @param username         account id
 * @param password         API key or auth token
 * @param profileId        carrier-side profile
 * @param webhookPublicKey key that signs the carrier's webhooks
 * @param baseUrl          API base URL override
 */
public record CarrierPatch(
        String name,
        String type,
        String username,
        String password,
        String profileId,
        String webhookPublicKey,
        String baseUrl) {}
