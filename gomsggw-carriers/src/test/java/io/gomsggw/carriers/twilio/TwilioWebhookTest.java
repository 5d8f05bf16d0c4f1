package io.gomsggw.carriers.twilio;

import static io.gomsggw.carriers.CarrierFixtures.CLOCK;
import static io.gomsggw.carriers.CarrierFixtures.NOW;
import static io.gomsggw.carriers.CarrierFixtures.context;
import static io.gomsggw.carriers.CarrierFixtures.post;
import static io.gomsggw.carriers.CarrierFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.Secret;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.CarrierContext;
import io.gomsggw.core.spi.WebhookRequest;
import io.gomsggw.core.spi.WebhookResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Twilio webhooks in Twilio's own form shapes, signed as Twilio signs them. */
class TwilioWebhookTest {
    private static final String SID = "AC00000000000000000000000000000001";
    private static final String TOKEN = "f00dfacef00dfacef00dfacef00dface";
    private static final String PATH = "/inbound/0f3e5a7c-2b1d-4c9e-8f6a-5d4c3b2a1908";
    private static final String FORM = "application/x-www-form-urlencoded";

    private final CarrierAdapter adapter = create(context(CLOCK));

    private static CarrierAdapter create(CarrierContext context) {
        Carrier carrier = new Carrier(
                3,
                "twilio-main",
                "twilio",
                SID,
                Secret.of(TOKEN),
                "0f3e5a7c-2b1d-4c9e-8f6a-5d4c3b2a1908",
                null,
                null,
                null);
        return new TwilioCarrierFactory().create(carrier, context);
    }

    /** Signs as Twilio does: over the public URL Twilio called and the form's parameters. */
    private static String twilioSignature(String url, byte[] body) {
        return new TwilioSignature(TOKEN).compute(url, TwilioWebhook.params(body));
    }

    private WebhookResult deliver(String query, byte[] body) {
        String url = "https://gw.example.com" + PATH + (query.isEmpty() ? "" : "?" + query);
        return adapter.handleWebhook(post(
                PATH, query, Map.of("X-Twilio-Signature", twilioSignature(url, body), "Content-Type", FORM), body));
    }

    private static WebhookResult.Accepted accepted(WebhookResult result) {
        assertThat(result).isInstanceOf(WebhookResult.Accepted.class);
        WebhookResult.Accepted accepted = (WebhookResult.Accepted) result;
        assertThat(accepted.responseType()).isEqualTo("text/xml");
        assertThat(accepted.responseBody()).isEqualTo("<Response></Response>");
        return accepted;
    }

    @Test
    void inboundMmsWithTwoMediaBecomesAnInboundMessage() {
        WebhookResult.Accepted result = accepted(deliver("", resource("twilio/inbound-mms.form")));

        String media = "https://api.twilio.com/2010-04-01/Accounts/" + SID
                + "/Messages/MM4c5a2b9f8e7d6c5b4a39281706f5e4d3/Media/";
        assertThat(result.statuses()).isEmpty();
        assertThat(result.inbound())
                .containsExactly(new WebhookResult.InboundMessage(
                        "MM4c5a2b9f8e7d6c5b4a39281706f5e4d3",
                        "+13125550001",
                        "+14155550100",
                        "Two pictures & a \"quote\" – café",
                        List.of(
                                new WebhookResult.MediaRef(
                                        media + "ME0a1b2c3d4e5f60718293a4b5c6d7e8f9", "image/jpeg", true),
                                new WebhookResult.MediaRef(
                                        media + "ME9f8e7d6c5b4a39281706f5e4d3c2b1a0", "image/png", true)),
                        NOW));
    }

    @Test
    void statusCallbacksBecomeStatusUpdates() {
        assertThat(accepted(deliver("", resource("twilio/status-undelivered.form")))
                        .statuses())
                .containsExactly(new WebhookResult.StatusUpdate(
                        "SM1f0e9d8c7b6a59483726150f4e3d2c1b",
                        MessageStatus.FAILED,
                        "undelivered (twilio error 30003)"));
        assertThat(accepted(deliver("", resource("twilio/status-delivered.form")))
                        .statuses())
                .containsExactly(new WebhookResult.StatusUpdate(
                        "SM1f0e9d8c7b6a59483726150f4e3d2c1b", MessageStatus.DELIVERED, null));
    }

    @Test
    void everyTwilioStatusMapsAsDocumented() {
        assertThat(statusOf("sent")).containsExactly(new WebhookResult.StatusUpdate("SM1", MessageStatus.SENT, null));
        assertThat(statusOf("failed"))
                .extracting(WebhookResult.StatusUpdate::status)
                .containsExactly(MessageStatus.FAILED);
        assertThat(statusOf("queued")).isEmpty();
        assertThat(statusOf("sending")).isEmpty();
    }

    private List<WebhookResult.StatusUpdate> statusOf(String status) {
        byte[] body =
                ("MessageSid=SM1&MessageStatus=" + status + "&AccountSid=" + SID).getBytes(StandardCharsets.UTF_8);
        return accepted(deliver("", body)).statuses();
    }

    @Test
    void theQueryTwilioCalledIsPartOfTheSignedUrl() {
        assertThat(deliver("source=twilio&x=a%20b", resource("twilio/status-delivered.form")))
                .isInstanceOf(WebhookResult.Accepted.class);
    }

    @Test
    void aTamperedOrUnsignedRequestIsUnauthorized() {
        byte[] body = resource("twilio/inbound-mms.form");
        String signature = twilioSignature("https://gw.example.com" + PATH, body);
        byte[] tampered = new String(body, StandardCharsets.UTF_8)
                .replace("Body=Two", "Body=Ten")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(adapter.handleWebhook(
                        post(PATH, "", Map.of("X-Twilio-Signature", signature, "Content-Type", FORM), tampered)))
                .isInstanceOf(WebhookResult.Unauthorized.class);
        assertThat(adapter.handleWebhook(post(PATH, "", Map.of("Content-Type", FORM), body)))
                .isInstanceOf(WebhookResult.Unauthorized.class);
        assertThat(adapter.handleWebhook(post(
                        "/inbound/twilio-main",
                        "",
                        Map.of("X-Twilio-Signature", signature, "Content-Type", FORM),
                        body)))
                .isInstanceOf(WebhookResult.Unauthorized.class);
    }

    @Test
    void withoutAPublicBaseUrlTheUrlRebuiltFromTheRequestIsChecked() {
        try (CarrierAdapter noBase =
                create(new CarrierContext(CLOCK, null, context(CLOCK).events()))) {
            byte[] body = resource("twilio/status-delivered.form");
            String signature = twilioSignature("https://sms.example.org" + PATH, body);
            List<String> rebuilt = List.of("https://sms.example.org" + PATH, "http://sms.example.org" + PATH);
            assertThat(noBase.handleWebhook(withUrls(
                            post(PATH, "", Map.of("X-Twilio-Signature", signature, "Content-Type", FORM), body),
                            rebuilt)))
                    .isInstanceOf(WebhookResult.Accepted.class);
            assertThat(noBase.handleWebhook(withUrls(
                            post(PATH, "", Map.of("X-Twilio-Signature", signature, "Content-Type", FORM), body),
                            List.of("https://elsewhere.example.org" + PATH))))
                    .isInstanceOf(WebhookResult.Unauthorized.class);
            assertThat(noBase.handleWebhook(
                            post(PATH, "", Map.of("X-Twilio-Signature", signature, "Content-Type", FORM), body)))
                    .as("no URL known")
                    .isInstanceOf(WebhookResult.Unauthorized.class);
        }
    }

    private static WebhookRequest withUrls(WebhookRequest request, List<String> urls) {
        return new WebhookRequest(
                request.method(),
                request.path(),
                request.query(),
                request.headers(),
                request.body(),
                request.remoteAddress(),
                urls);
    }

    @Test
    void aConfiguredPublicBaseUrlWinsOverTheRequestsHost() {
        byte[] body = resource("twilio/status-delivered.form");
        String forgedHost = twilioSignature("https://attacker.example.net" + PATH, body);
        assertThat(adapter.handleWebhook(withUrls(
                        post(PATH, "", Map.of("X-Twilio-Signature", forgedHost, "Content-Type", FORM), body),
                        List.of("https://attacker.example.net" + PATH))))
                .isInstanceOf(WebhookResult.Unauthorized.class);
    }

    @Test
    void signedButUnreadableFormsAreMalformed() {
        assertThat(deliver("", "AccountSid=AC1".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WebhookResult.Malformed.class);
        assertThat(deliver(
                        "", "MessageSid=MM1&From=%2B1&To=%2B2&Body=x&NumMedia=lots".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WebhookResult.Malformed.class);
        assertThat(adapter.handleWebhook(
                        post(PATH, "", Map.of("Content-Type", FORM), "a=%zz".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(WebhookResult.Malformed.class);
        assertThat(adapter.handleWebhook(post(
                        PATH, "", Map.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(WebhookResult.Malformed.class);
    }
}
