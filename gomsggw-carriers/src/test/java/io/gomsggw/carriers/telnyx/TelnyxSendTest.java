package io.gomsggw.carriers.telnyx;

import static io.gomsggw.carriers.CarrierFixtures.CLOCK;
import static io.gomsggw.carriers.CarrierFixtures.context;
import static io.gomsggw.carriers.CarrierFixtures.mms;
import static io.gomsggw.carriers.CarrierFixtures.resourceText;
import static io.gomsggw.carriers.CarrierFixtures.sms;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gomsggw.carriers.CarrierFixtures;
import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.Secret;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.SendOutcome;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Telnyx adapter against a MockWebServer standing in for {@code api.telnyx.com}. */
class TelnyxSendTest {
    private final ObjectMapper json = new ObjectMapper();
    private MockWebServer telnyx;
    private CarrierAdapter adapter;

    @BeforeEach
    void start() throws Exception {
        telnyx = new MockWebServer();
        telnyx.start();
        adapter = create(telnyx.url("/").toString(), "740572b6-099c-44a1-89b9-6c92163bc68d");
    }

    @AfterEach
    void stop() {
        adapter.close();
        telnyx.close();
    }

    private static CarrierAdapter create(String baseUrl, String profileId) {
        Carrier carrier = new Carrier(
                7,
                "telnyx-main",
                "telnyx",
                null,
                Secret.of("KEY0123456789abcdef"),
                "6d0b1c1e-3f5f-4e39-9d43-8c3a4f1b2a10",
                profileId,
                null,
                baseUrl);
        return new TelnyxCarrierFactory().create(carrier, context(CLOCK));
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

    private JsonNode body(RecordedRequest request) throws Exception {
        assertThat(request.getBody()).isNotNull();
        return json.readTree(request.getBody().utf8());
    }

    @Test
    void smsIsPostedAsTelnyxExpectsAndTheIdIsKept() throws Exception {
        telnyx.enqueue(json(200, resourceText("telnyx/send-accepted.json")));

        SendOutcome outcome = send(sms("Your code is 1234"), List.of());

        assertThat(outcome).isEqualTo(new SendOutcome.Accepted("40385f64-5717-4562-b3fc-2c963f66afa6"));
        RecordedRequest request = telnyx.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/v2/messages");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer KEY0123456789abcdef");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(body(request)).isEqualTo(json.readTree("""
                {"from":"+17735550002","to":"+13125550001","text":"Your code is 1234",
                 "messaging_profile_id":"740572b6-099c-44a1-89b9-6c92163bc68d","type":"SMS"}"""));
    }

    @Test
    void mmsCarriesTheMediaLinksInOrder() throws Exception {
        telnyx.enqueue(json(200, resourceText("telnyx/send-accepted.json")));
        List<String> links = List.of("https://gw.example.com/media/tok1", "https://gw.example.com/media/tok2");

        assertThat(send(mms("two pictures"), links)).isInstanceOf(SendOutcome.Accepted.class);

        RecordedRequest request = telnyx.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getTarget()).isEqualTo("/v2/messages");
        assertThat(body(request)).isEqualTo(json.readTree("""
                {"from":"+17735550002","to":"+13125550001","text":"two pictures",
                 "messaging_profile_id":"740572b6-099c-44a1-89b9-6c92163bc68d",
                 "media_urls":["https://gw.example.com/media/tok1","https://gw.example.com/media/tok2"],
                 "type":"MMS"}"""));
    }

    @Test
    void withoutProfileAndTextTheFieldsAreLeftOut() throws Exception {
        adapter.close();
        adapter = create(telnyx.url("/").toString(), null);
        telnyx.enqueue(json(200, resourceText("telnyx/send-accepted.json")));

        send(mms(""), List.of("https://gw.example.com/media/tok1"));

        assertThat(body(telnyx.takeRequest(5, TimeUnit.SECONDS))).isEqualTo(json.readTree("""
                {"from":"+17735550002","to":"+13125550001","media_urls":["https://gw.example.com/media/tok1"],
                 "type":"MMS"}"""));
    }

    @Test
    void serviceUnavailableAndTooManyRequestsAreRetryable() throws Exception {
        telnyx.enqueue(json(503, "{\"errors\":[{\"code\":\"10011\",\"title\":\"Service unavailable\"}]}"));
        telnyx.enqueue(new MockResponse.Builder()
                .code(429)
                .addHeader("Retry-After", "1")
                .build());

        SendOutcome first = send(sms("hi"), List.of());
        SendOutcome second = send(sms("hi"), List.of());

        assertThat(first).isInstanceOf(SendOutcome.Retryable.class);
        assertThat(((SendOutcome.Retryable) first).reason())
                .contains("Service unavailable")
                .contains("503");
        assertThat(second).isInstanceOf(SendOutcome.Retryable.class);
        assertThat(((SendOutcome.Retryable) second).reason()).contains("429");
    }

    @Test
    void badRequestIsRejectedWithTelnyxsOwnText() throws Exception {
        telnyx.enqueue(json(400, resourceText("telnyx/error-invalid-to.json")));

        SendOutcome outcome = send(sms("hi"), List.of());

        assertThat(outcome).isInstanceOf(SendOutcome.Rejected.class);
        assertThat(((SendOutcome.Rejected) outcome).reason())
                .contains("The 'to' address should be in +E.164 format.")
                .contains("40310")
                .contains("400");
    }

    @Test
    void aStopBlockIsAnOptOut() throws Exception {
        telnyx.enqueue(json(400, resourceText("telnyx/error-stop.json")));

        SendOutcome outcome = send(sms("hi"), List.of());

        assertThat(outcome).isInstanceOf(SendOutcome.OptedOut.class);
        assertThat(((SendOutcome.OptedOut) outcome).reason()).contains("existing block rule");
    }

    @Test
    void aNonJsonRefusalKeepsTheBodyText() throws Exception {
        telnyx.enqueue(new MockResponse.Builder().code(401).body("Unauthorized").build());

        SendOutcome outcome = send(sms("hi"), List.of());

        assertThat(outcome).isEqualTo(new SendOutcome.Rejected("telnyx: Unauthorized [HTTP 401]"));
    }

    @Test
    void aRefusedConnectionIsRetryable() throws Exception {
        adapter.close();
        adapter = create("http://127.0.0.1:" + CarrierFixtures.closedPort(), null);

        SendOutcome outcome = send(sms("hi"), List.of());

        assertThat(outcome).isInstanceOf(SendOutcome.Retryable.class);
        assertThat(((SendOutcome.Retryable) outcome).reason()).startsWith("telnyx: connection failed");
    }

    @Test
    void twoOutagesThenSuccessIsThreeAttemptsAndOneAcceptance() throws Exception {
        telnyx.enqueue(json(503, "{}"));
        telnyx.enqueue(json(503, "{}"));
        telnyx.enqueue(json(200, resourceText("telnyx/send-accepted.json")));

        assertThat(send(sms("hi"), List.of())).isInstanceOf(SendOutcome.Retryable.class);
        assertThat(send(sms("hi"), List.of())).isInstanceOf(SendOutcome.Retryable.class);
        assertThat(send(sms("hi"), List.of())).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(telnyx.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aCarrierThatDoesNotAnswerInTimeIsRetryable() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        try (CarrierAdapter impatient = new TelnyxCarrier(
                "telnyx-main",
                "KEY",
                null,
                java.net.URI.create(telnyx.url("/").toString()),
                java.time.Duration.ofMillis(200),
                null,
                mapper,
                new TelnyxWebhook(mapper, CLOCK))) {
            telnyx.enqueue(new MockResponse.Builder()
                    .code(200)
                    .headersDelay(3, TimeUnit.SECONDS)
                    .body(resourceText("telnyx/send-accepted.json"))
                    .build());

            SendOutcome outcome =
                    impatient.send(sms("hi"), List.of()).toCompletableFuture().get(30, TimeUnit.SECONDS);

            assertThat(outcome).isInstanceOf(SendOutcome.Retryable.class);
            assertThat(((SendOutcome.Retryable) outcome).reason()).startsWith("telnyx: timed out");
        }
    }

    @Test
    void aClosedAdapterSendsNothing() throws Exception {
        adapter.close();

        assertThat(send(sms("hi"), List.of())).isInstanceOf(SendOutcome.Retryable.class);
        assertThat(telnyx.getRequestCount()).isZero();
    }

    @Test
    void mmsLimitIsAboutOneMegabyte() {
        assertThat(adapter.maxMmsBytes()).isEqualTo(1_000_000);
    }
}
