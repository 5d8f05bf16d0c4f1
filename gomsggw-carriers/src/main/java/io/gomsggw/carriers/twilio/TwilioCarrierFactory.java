package io.gomsggw.carriers.twilio;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gomsggw.carriers.http.CarrierHttp;
import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.CarrierAdapterFactory;
import io.gomsggw.core.spi.CarrierContext;
import java.util.regex.Pattern;

/**
 * Serves carriers of type {@code twilio}: {@code username} is the Account SID, {@code password}
 * the auth token (Basic auth for the API and the key of webhook signatures), {@code base_url}
 * overrides {@value #DEFAULT_BASE_URL}. Status callbacks are requested at
 * {@code {SERVER_ADDRESS}/inbound/{carrier uuid}}.
 */
public final class TwilioCarrierFactory implements CarrierAdapterFactory {
    /** The Twilio API when the carrier names no {@code base_url}. */
    public static final String DEFAULT_BASE_URL = "https://api.twilio.com";

    private static final Pattern ACCOUNT_SID = Pattern.compile("[A-Za-z0-9_-]+");

    @Override
    public String type() {
        return "twilio";
    }

    @Override
    public void validate(Carrier carrier) {
        String sid = carrier.username();
        if (sid == null || sid.isBlank()) {
            throw new IllegalArgumentException("username: the Twilio Account SID (AC…) is required");
        }
        if (!ACCOUNT_SID.matcher(sid.strip()).matches()) {
            throw new IllegalArgumentException("username: an Account SID has only letters and digits, got '" + sid + "'");
        }
        if (carrier.password().isEmpty()) {
            throw new IllegalArgumentException("password: the Twilio auth token is required");
        }
        CarrierHttp.baseUri(carrier.baseUrl(), DEFAULT_BASE_URL);
    }

    @Override
    public CarrierAdapter create(Carrier carrier, CarrierContext context) {
        validate(carrier);
        return new TwilioCarrier(carrier.name(), carrier.username().strip(), carrier.password().reveal(), carrier.uuid(),
                CarrierHttp.baseUri(carrier.baseUrl(), DEFAULT_BASE_URL), context.publicBaseUrl(),
                CarrierHttp.REQUEST_TIMEOUT, new TwilioWebhook(context.clock()), new ObjectMapper());
    }
}
