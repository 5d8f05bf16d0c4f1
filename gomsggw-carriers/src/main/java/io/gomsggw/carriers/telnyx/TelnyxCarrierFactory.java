package io.gomsggw.carriers.telnyx;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gomsggw.carriers.http.CarrierHttp;
import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.CarrierAdapterFactory;
import io.gomsggw.core.spi.CarrierContext;
import java.net.URI;
import java.security.PublicKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves carriers of type {@code telnyx}. Uses the carrier's {@code password} as the API key
 * ({@code Authorization: Bearer}), {@code profile_id} as {@code messaging_profile_id},
 * {@code webhook_public_key} (base64 of the raw 32-byte Ed25519 key) to verify webhooks and
 * {@code base_url} to override {@value #DEFAULT_BASE_URL}. A carrier without a public key is
 * accepted, but its webhooks are unauthenticated and {@link #create} logs a warning saying so.
 */
public final class TelnyxCarrierFactory implements CarrierAdapterFactory {
    /** The Telnyx API when the carrier names no {@code base_url}. */
    public static final String DEFAULT_BASE_URL = "https://api.telnyx.com";

    private static final Logger log = LoggerFactory.getLogger(TelnyxCarrierFactory.class);

    @Override
    public String type() {
        return "telnyx";
    }

    @Override
    public void validate(Carrier carrier) {
        if (carrier.password().isEmpty()) {
            throw new IllegalArgumentException("password: the Telnyx API key is required");
        }
        CarrierHttp.baseUri(carrier.baseUrl(), DEFAULT_BASE_URL);
        if (hasKey(carrier)) TelnyxSignature.parsePublicKey(carrier.webhookPublicKey());
    }

    @Override
    public CarrierAdapter create(Carrier carrier, CarrierContext context) {
        validate(carrier);
        URI base = CarrierHttp.baseUri(carrier.baseUrl(), DEFAULT_BASE_URL);
        TelnyxSignature signature = null;
        if (hasKey(carrier)) {
            PublicKey key = TelnyxSignature.parsePublicKey(carrier.webhookPublicKey());
            signature = new TelnyxSignature(key, context.clock());
        } else {
            log.warn(
                    "event=carrier_webhooks_unauthenticated carrier={} type=telnyx reason=\"no webhook_public_key: "
                            + "webhooks for this carrier are accepted without a signature check\"",
                    carrier.name());
        }
        ObjectMapper json = new ObjectMapper();
        return new TelnyxCarrier(
                carrier.name(),
                carrier.password().reveal(),
                carrier.profileId(),
                base,
                CarrierHttp.REQUEST_TIMEOUT,
                signature,
                json,
                new TelnyxWebhook(json, context.clock()));
    }

    private static boolean hasKey(Carrier carrier) {
        return carrier.webhookPublicKey() != null && !carrier.webhookPublicKey().isBlank();
    }
}
