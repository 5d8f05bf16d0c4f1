package io.gomsggw.core.admin;

/**
 * A carrier to add, as the API caller wrote it; {@link CarrierAdmin#add} checks it.
 *
 * @param name             required, unique
 * @param type             required; must be a type the {@link CarrierValidator} accepts
 * @param username         account id (Twilio Account SID); may be null
 * @param password         API key or auth token; may be null
 * @param uuid             public id for webhook URLs; generated when null
 * @param profileId        carrier-side profile; may be null
 * @param webhookPublicKey key that signs the carrier's webhooks; may be null
 * @param baseUrl          API base URL override (http or https); may be null
 */
public record NewCarrier(
        String name,
        String type,
        String username,
        String password,
        String uuid,
        String profileId,
        String webhookPublicKey,
        String baseUrl) {}
