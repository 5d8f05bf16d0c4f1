package io.gomsggw.carriers.twilio;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gomsggw.carriers.http.CarrierHttp;
import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.CarrierAdapterFactory;
import io.gomsggw.core.spi.CarrierContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves carriers of type {@code twilio}: {@code username} is the Account SID, {@code password}
 * the auth token (Basic auth for the API and the key of webhook signatures), {@code base_url}
 * overrides {@value #DEFAULT_BASE_URL}. Status callbacks are requested at
 * {@code {SERVER_ADDRESS}/inbound/{carrier uuid}}. Webhook signatures are checked against
 * {@code SERVER_ADDRESS}, or without it against the URL rebuilt from the request (logged once as a
 * warning when the first Twilio carrier is created). Thread-safe.
 */
public final class TwilioCarrierFactory implements CarrierAdapterFactory {
    /** The Twilio API when the carrier names no {@code base_url}. */
    public static final String DEFAULT_BASE_URL = "https://api.twilio.com";

    private static final Pattern ACCOUNT_SID = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Logger log = LoggerFactory.getLogger(TwilioCarrierFactory.class);

    /** Whether the warning about signatures without {@code SERVER_ADDRESS} was logged (once per factory). */
    private final AtomicBoolean warnedNoServerAddress = new AtomicBoolean();

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
            throw new IllegalArgumentException(
                    "username: an Account SID has only letters and digits, got '" + sid + "'");
        }
        if (carrier.password().isEmpty()) {
            throw new IllegalArgumentException("password: the Twilio auth token is required");
        }
        CarrierHttp.baseUri(carrier.baseUrl(), DEFAULT_BASE_URL);
    }

    @Override
    public CarrierAdapter create(Carrier carrier, CarrierContext context) {
        validate(carrier);
        if (context.publicBaseUrl() == null && warnedNoServerAddress.compareAndSet(false, true)) {
            log.warn(
                    "event=twilio_signatures_without_server_address carrier={} reason=\"SERVER_ADDRESS is not set: "
                            + "Twilio webhook signatures are checked against the URL rebuilt from each request's Host header "
                            + "(X-Forwarded-Host/-Proto only from TRUSTED_PROXIES), so a request Twilio signed for another "
                            + "host of this account with the same path would be accepted, and no StatusCallback is sent with "
                            + "messages. Set SERVER_ADDRESS to the public URL Twilio calls.\"",
                    carrier.name());
        }
        return new TwilioCarrier(
                carrier.name(),
                carrier.username().strip(),
                carrier.password().reveal(),
                carrier.uuid(),
                CarrierHttp.baseUri(carrier.baseUrl(), DEFAULT_BASE_URL),
                context.publicBaseUrl(),
                CarrierHttp.REQUEST_TIMEOUT,
                new TwilioWebhook(context.clock()),
                new ObjectMapper());
    }
}
