package io.gomsggw.carriers.twilio;

import static io.gomsggw.carriers.CarrierFixtures.CLOCK;
import static io.gomsggw.carriers.CarrierFixtures.context;
import static io.gomsggw.carriers.CarrierFixtures.mms;
import static io.gomsggw.carriers.CarrierFixtures.resourceText;
import static io.gomsggw.carriers.CarrierFixtures.sms;
import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.carriers.CarrierFixtures;
import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.Secret;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.SendOutcome;
import io.gomsggw.core.spi.WebhookResult;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Twilio adapter against a MockWebServer standing in for {@code api.twilio.com}. */
class TwilioSendTest {
    private static final String SID = "AC00000000000000000000000000000001";
    private static final String TOKEN = "f00dfacef00dfacef00dfacef00dface";
    private static final String UUID = "0f3e5a7c-2b1d-4c9e-8f6a-5d4c3b2a1908";

    private MockWebServer twilio;
    private CarrierAdapter adapter;

    @BeforeEach
    void start() throws Exception {
        twilio = new MockWebServer();
        twilio.start();
        adapter = create(twilio.url("/").toString());
    }

    @AfterEach
    void stop() {
        adapter.close();
        twilio.close();
    }

    private static CarrierAdapter create(String baseUrl) {
        Carrier carrier = new Carrier(3, "twilio-main", "twilio", SID, Secret.of(TOKEN), UUID, null, null, baseUrl);
        return new TwilioCarrierFactory().create(carrier, context(CLOCK));
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    private SendOutcome send(Message message, List<String> media) throws Exception {
        return adapter.send(message, media).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static String callback() {
        return "StatusCallback=https%3A%2F%2Fgw.example.com%2Finbound%2F" + UUID;
    }

    @Test
    void smsIsPostedAsTwilioExpectsAndTheSidIsKept() throws Exception {
        twilio.enqueue(json(201, resourceText("twilio/send-accepted.json")));

        SendOutcome outcome = send(sms("Your code is 1234 & more"), List.of());

        assertThat(outcome).isEqualTo(new SendOutcome.Accepted("SM1f0e9d8c7b6a59483726150f4e3d2c1b"));
        RecordedRequest request = twilio.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/2010-04-01/Accounts/" + SID + "/Messages.json");
        assertThat(request.getHeaders().get("Authorization"))
                .isEqualTo("Basic "
                        + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(request.getBody().utf8())
                .isEqualTo("To=%2B13125550001&From=%2B17735550002&Body=Your+code+is+1234+%26+more&" + callback());
    }

    @Test
    void mmsRepeatsMediaUrlPerMedium() throws Exception {
        twilio.enqueue(json(201, resourceText("twilio/send-accepted.json")));

        send(mms("two pictures"), List.of("https://gw.example.com/media/tok1", "https://gw.example.com/media/tok2"));

        assertThat(twilio.takeRequest(5, TimeUnit.SECONDS).getBody().utf8())
                .isEqualTo("To=%2B13125550001&From=%2B17735550002&Body=two+pictures"
                        + "&MediaUrl=https%3A%2F%2Fgw.example.com%2Fmedia%2Ftok1"
                        + "&MediaUrl=https%3A%2F%2Fgw.example.com%2Fmedia%2Ftok2&" + callback());
    }

    @Test
    void mmsWithoutTextLeavesBodyOut() throws Exception {
        twilio.enqueue(json(201, resourceText("twilio/send-accepted.json")));

        send(mms(""), List.of("https://gw.example.com/media/tok1"));

        assertThat(twilio.takeRequest(5, TimeUnit.SECONDS).getBody().utf8())
                .isEqualTo("To=%2B13125550001&From=%2B17735550002&MediaUrl=https%3A%2F%2Fgw.example.com%2Fmedia%2Ftok1&"
                        + callback());
    }

    @Test
    void serviceUnavailableAndTooManyRequestsAreRetryable() throws Exception {
        twilio.enqueue(json(503, "{\"code\": 20503, \"message\": \"Service unavailable\", \"status\": 503}"));
        twilio.enqueue(json(429, "{\"code\": 20429, \"message\": \"Too Many Requests\", \"status\": 429}"));

        SendOutcome first = send(sms("hi"), List.of());
        SendOutcome second = send(sms("hi"), List.of());

        assertThat(first).isInstanceOf(SendOutcome.Retryable.class);
        assertThat(((SendOutcome.Retryable) first).reason())
                .contains("Service unavailable")
                .contains("503");
        assertThat(second).isInstanceOf(SendOutcome.Retryable.class);
        assertThat(((SendOutcome.Retryable) second).reason()).contains("Too Many Requests");
    }

    @Test
    void badRequestIsRejectedWithTwiliosOwnText() throws Exception {
        twilio.enqueue(json(400, resourceText("twilio/error-invalid-to.json")));

        SendOutcome outcome = send(sms("hi"), List.of());

        assertThat(outcome)
                .isEqualTo(
                        new SendOutcome.Rejected(
                                "twilio: The 'To' number +1312555 is not a valid phone number. (twilio error 21211) [HTTP 400]"));
    }

    @Test
    void anUnsubscribedRecipientIsAnOptOut() throws Exception {
        twilio.enqueue(json(400, resourceText("twilio/error-unsubscribed.json")));

        SendOutcome outcome = send(sms("hi"), List.of());

        assertThat(outcome).isInstanceOf(SendOutcome.OptedOut.class);
        assertThat(((SendOutcome.OptedOut) outcome).reason())
                .contains("unsubscribed recipient")
                .contains("21610");
    }

    @Test
    void aRefusedConnectionIsRetryable() throws Exception {
        adapter.close();
        adapter = create("http://127.0.0.1:" + CarrierFixtures.closedPort());

        SendOutcome outcome = send(sms("hi"), List.of());

        assertThat(outcome).isInstanceOf(SendOutcome.Retryable.class);
        assertThat(((SendOutcome.Retryable) outcome).reason()).startsWith("twilio: connection failed");
    }

    @Test
    void mediaCredentialsGoOnlyToTheApiOrigin() {
        TwilioCarrier carrier = (TwilioCarrier) adapter;
        String api = twilio.url("/2010-04-01/Accounts/" + SID + "/Messages/MM1/Media/ME1")
                .toString();
        assertThat(carrier.mediaFetchHeaders(new WebhookResult.MediaRef(api, "image/jpeg", true)))
                .containsOnlyKeys("Authorization");
        assertThat(carrier.mediaFetchHeaders(new WebhookResult.MediaRef(api, "image/jpeg", false)))
                .isEmpty();
        assertThat(carrier.mediaFetchHeaders(
                        new WebhookResult.MediaRef("https://s3.example.com/x.jpg", "image/jpeg", true)))
                .isEqualTo(Map.of());
    }

    @Test
    void mmsLimitIsFiveMegabytes() {
        assertThat(adapter.maxMmsBytes()).isEqualTo(5_242_880);
    }
}
