package io.gomsggw.carriers.onevoiceplus;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gomsggw.carriers.http.CarrierHttp;
import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.CarrierAdapterFactory;
import io.gomsggw.core.spi.CarrierContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves carriers of type {@code onevoiceplus} (TELUS OneVoice Plus), as the Go gateway does:
 * {@code password} is the developer key sent as {@code X-TELUS-SDF-Developer-Key}; {@code username}
 * and {@code profile_id} are not used; {@code base_url} overrides {@value #DEFAULT_BASE_URL}.
 * OneVoice Plus does not sign its webhooks, so the carrier's uuid in the webhook URL is their only
 * secret; {@link #create} logs a warning saying so. Thread-safe.
 */
public final class OneVoicePlusCarrierFactory implements CarrierAdapterFactory {
    /** The OneVoice DID Messaging API when the carrier names no {@code base_url} (the Go gateway's {@code ovpBaseURL}). */
    public static final String DEFAULT_BASE_URL = "https://api.telus.com/rest/v0/OneVoiceDIDMessaging_vs0/v1";

    private static final Logger log = LoggerFactory.getLogger(OneVoicePlusCarrierFactory.class);

    @Override
    public String type() {
        return "onevoiceplus";
    }

    @Override
    public void validate(Carrier carrier) {
        if (carrier.password().isEmpty()) {
            throw new IllegalArgumentException("password: the OneVoice Plus developer key is required");
        }
        CarrierHttp.baseUri(carrier.baseUrl(), DEFAULT_BASE_URL);
    }

    @Override
    public CarrierAdapter create(Carrier carrier, CarrierContext context) {
        validate(carrier);
        log.warn(
                "event=carrier_webhooks_unauthenticated carrier={} type=onevoiceplus reason=\"OneVoice Plus does not "
                        + "sign webhooks: the carrier's uuid in /inbound/{uuid} is their only secret\"",
                carrier.name());
        ObjectMapper json = new ObjectMapper();
        return new OneVoicePlusCarrier(
                carrier.name(),
                carrier.password().reveal(),
                CarrierHttp.baseUri(carrier.baseUrl(), DEFAULT_BASE_URL),
                CarrierHttp.REQUEST_TIMEOUT,
                json,
                new OneVoicePlusWebhook(json, context.clock()));
    }
}
