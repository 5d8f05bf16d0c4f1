package io.gomsggw.carriers.onevoiceplus;

import static io.gomsggw.carriers.CarrierFixtures.CLOCK;
import static io.gomsggw.carriers.CarrierFixtures.NOW;
import static io.gomsggw.carriers.CarrierFixtures.context;
import static io.gomsggw.carriers.CarrierFixtures.mms;
import static io.gomsggw.carriers.CarrierFixtures.post;
import static io.gomsggw.carriers.CarrierFixtures.resource;
import static io.gomsggw.carriers.CarrierFixtures.resourceText;
import static io.gomsggw.carriers.CarrierFixtures.sms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageType;
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

/**
 * The OneVoice Plus adapter against a MockWebServer standing in for TELUS's API, with the request
 * and callback shapes of the Go gateway's carrier_onevoiceplus.go ({@code OVPSMSRequest},
 * {@code OVPMMSRequest}, {@code OVPUploadMediaRequest}, {@code OVPInboundPayload}).
 */
class OneVoicePlusCarrierTest {
    private static final String KEY = "dev-key-0123456789";
    private final ObjectMapper json = new ObjectMapper();
    private MockWebServer telus;
    private CarrierAdapter adapter;

    @BeforeEach
    void start() throws Exception {
        telus = new MockWebServer();
        telus.start();
        // The API's path prefix, as in the Go gateway's ovpBaseURL.
        adapter = create(telus.url("/rest/v0/OneVoiceDIDMessaging_vs0/v1").toString());
    }

    @AfterEach
    void stop() {
        adapter.close();
        telus.close();
    }

    private static CarrierAdapter create(String baseUrl) {
        return new OneVoicePlusCarrierFactory()
                .create(
                        new Carrier(
                                9,
                                "ovp-main",
                                "onevoiceplus",
                                null,
                                Secret.of(KEY),
                                "3b9d2f4e-8a61-4c7d-9e05-1f2a3b4c5d6e",
                                null,
                                null,
                                baseUrl),
                        context(CLOCK));
    }

    private static MockResponse answer(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    private SendOutcome send(Message message) throws Exception {
        return adapter.send(message, List.of("https://gw.example.com/media/never-used"))
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    private RecordedRequest next(String path) throws Exception {
        RecordedRequest request = telus.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/rest/v0/OneVoiceDIDMessaging_vs0/v1" + path);
        assertThat(request.getHeaders().get("X-TELUS-SDF-Developer-Key")).isEqualTo(KEY);
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        return request;
    }

    private JsonNode body(RecordedRequest request) throws Exception {
        return json.readTree(request.getBody().utf8());
    }

    @Test
    void smsIsPostedInGosShape() throws Exception {
        telus.enqueue(answer(200, "{}"));

        assertThat(send(sms("Your code is 1234"))).isEqualTo(new SendOutcome.Accepted(null));

        assertThat(body(next("/sms/outbound"))).isEqualTo(json.readTree("""
                {"source":"17735550002","destination":"13125550001","messageText":"Your code is 1234"}"""));
    }

    @Test
    void mmsUploadsEachMediumThenSendsTheirIds() throws Exception {
        telus.enqueue(answer(201, resourceText("onevoiceplus/upload-accepted.json")));
        telus.enqueue(answer(200, "{\"mediaId\":\"MED-20240305-000002\"}"));
        telus.enqueue(answer(200, "{}"));
        Message withSmil = mms("Two pictures").toBuilder()
                .media(List.of(
                        new MediaPart("a.jpg", "image/jpeg", new byte[] {1, 2, 3}),
                        new MediaPart("layout.smil", "application/smil", "<smil/>".getBytes(StandardCharsets.UTF_8)),
                        new MediaPart("clip.mp4", "video/mp4", new byte[] {4})))
                .build();

        assertThat(send(withSmil)).isInstanceOf(SendOutcome.Accepted.class);

        assertThat(body(next("/media/assets"))).isEqualTo(json.readTree("""
                {"controlPart":{"fileName":"a.jpg","fileType":"image"},
                 "mediaPart":{"contentType":"application/octet-stream","mediaContent":"%s"}}""".formatted(
                        Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}))));
        assertThat(body(next("/media/assets")).at("/controlPart")).isEqualTo(json.readTree("""
                {"fileName":"clip.mp4","fileType":"video"}"""));
        assertThat(body(next("/mms/outbound"))).isEqualTo(json.readTree("""
                {"source":"17735550002","destination":"13125550001","messageText":"Two pictures",
                 "mediaId":["MED-20240305-000001","MED-20240305-000002"]}"""));
        assertThat(telus.getRequestCount()).as("the SMIL part is not uploaded").isEqualTo(3);
    }

    @Test
    void anMmsWithoutTextHasNoMessageTextAsInGo() throws Exception {
        telus.enqueue(answer(200, "{\"mediaId\":\"M1\"}"));
        telus.enqueue(answer(200, "{}"));
        Message picture = Message.builder()
                .id("m-3")
                .type(MessageType.MMS)
                .from("+17735550002")
                .to("+13125550001")
                .media(List.of(new MediaPart("a.gif", "image/gif", new byte[] {7})))
                .createdAt(NOW)
                .build();

        assertThat(send(picture)).isInstanceOf(SendOutcome.Accepted.class);

        next("/media/assets");
        assertThat(body(next("/mms/outbound"))).isEqualTo(json.readTree("""
                {"source":"17735550002","destination":"13125550001","mediaId":["M1"]}"""));
    }

    @Test
    void refusalsAreFinalAndServerErrorsRetried() throws Exception {
        telus.enqueue(answer(400, "{\"error\":\"invalid destination\"}"));
        assertThat(send(sms("x")))
                .isInstanceOfSatisfying(
                        SendOutcome.Rejected.class,
                        r -> assertThat(r.reason()).contains("HTTP 400").contains("invalid destination"));
        telus.enqueue(answer(503, ""));
        assertThat(send(sms("x"))).isInstanceOf(SendOutcome.Retryable.class);
    }

    @Test
    void aFailedUploadStopsTheMms() throws Exception {
        telus.enqueue(answer(413, "{\"error\":\"too large\"}"));
        assertThat(send(mms("big")))
                .isInstanceOfSatisfying(
                        SendOutcome.Rejected.class,
                        r -> assertThat(r.reason()).contains("media upload failed (HTTP 413)"));
        telus.enqueue(answer(200, "{}"));
        assertThat(send(mms("no id")))
                .isInstanceOfSatisfying(
                        SendOutcome.Retryable.class, r -> assertThat(r.reason()).contains("no mediaId"));
        assertThat(telus.getRequestCount()).as("no MMS after a failed upload").isEqualTo(2);
    }

    @Test
    void anMmsOfOnlySmilIsRefusedAsInGo() throws Exception {
        Message smilOnly = mms("x").toBuilder()
                .media(List.of(new MediaPart("layout.smil", "application/smil", new byte[] {1})))
                .build();
        assertThat(send(smilOnly))
                .isInstanceOfSatisfying(
                        SendOutcome.Rejected.class, r -> assertThat(r.reason()).contains("no media files"));
        assertThat(telus.getRequestCount()).isZero();
    }

    @Test
    void inboundCallbackBecomesAnInboundSms() {
        WebhookResult result = adapter.handleWebhook(post(
                "/inbound/3b9d2f4e-8a61-4c7d-9e05-1f2a3b4c5d6e",
                "",
                Map.of("Content-Type", "application/json"),
                resource("onevoiceplus/inbound-sms.json")));

        assertThat(result)
                .isEqualTo(new WebhookResult.Accepted(
                        List.of(new WebhookResult.InboundMessage(
                                "f1e2d3c4-b5a6-4798-8a7b-6c5d4e3f2a10",
                                "13125550001",
                                "17735550002",
                                "Is the store open today?",
                                List.of(),
                                NOW)),
                        List.of(),
                        "text/plain",
                        ""));
    }

    @Test
    void inboundWithoutFromOrToIsMalformedAndABlankMessageIsDropped() {
        assertThat(inbound("{\"from\":\"13125550001\",\"message\":\"hi\"}"))
                .isInstanceOf(WebhookResult.Malformed.class);
        assertThat(inbound("{\"to\":\"17735550002\",\"message\":\"hi\"}")).isInstanceOf(WebhookResult.Malformed.class);
        assertThat(inbound("not json")).isInstanceOf(WebhookResult.Malformed.class);
        assertThat(inbound("[1]")).isInstanceOf(WebhookResult.Malformed.class);
        assertThat(inbound("{\"from\":\"13125550001\",\"to\":\"17735550002\",\"message\":\"  \"}"))
                .isEqualTo(new WebhookResult.Accepted(List.of(), List.of(), "text/plain", ""));
    }

    private WebhookResult inbound(String body) {
        return adapter.handleWebhook(post(
                "/inbound/x", "", Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theDeveloperKeyIsRequired() {
        assertThatThrownBy(() -> new OneVoicePlusCarrierFactory()
                        .validate(new Carrier(9, "ovp", "onevoiceplus", null, Secret.of(""), "u", null, null, null)))
                .hasMessageContaining("developer key");
        assertThat(new OneVoicePlusCarrierFactory().type()).isEqualTo("onevoiceplus");
    }

    @Test
    void fileTypesAreGosCategories() {
        assertThat(OneVoicePlusCarrier.fileType("IMAGE/PNG")).isEqualTo("image");
        assertThat(OneVoicePlusCarrier.fileType("audio/amr")).isEqualTo("audio");
        assertThat(OneVoicePlusCarrier.fileType("video/3gpp")).isEqualTo("video");
        assertThat(OneVoicePlusCarrier.fileType("text/vcard")).isEqualTo("file");
    }
}
