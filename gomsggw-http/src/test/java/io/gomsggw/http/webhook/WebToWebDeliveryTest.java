package io.gomsggw.http.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gomsggw.core.model.ApiFormat;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientSettings;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.testing.Eventually;
import io.gomsggw.http.testing.Json;
import io.gomsggw.http.testing.MessagingFixture;
import io.gomsggw.http.testing.WebhookReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A web client sends an MMS through the REST API to a number of another web client; the message
 * arrives at the recipient's webhook in the recipient's format, with its credentials and a
 * signature, and the sender learns by its status webhook that it was delivered.
 */
class WebToWebDeliveryTest {
    private static final byte[] IMAGE = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    private final MessagingFixture fx = new MessagingFixture();
    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void close() {
        receiver.close();
        fx.close();
    }

    @ParameterizedTest
    @EnumSource(ApiFormat.class)
    void anMmsReachesTheRecipientInItsFormatAndTheSenderGetsDelivered(ApiFormat format) throws Exception {
        Client sender = fx.webClient("alice", MessagingFixture.settings(ApiFormat.GENERIC, receiver.url("/alice")));
        fx.number(sender, "+12505550100", null, null);
        Client recipient = fx.webClient("bob", MessagingFixture.settings(format, receiver.url("/bob-default")));
        fx.number(recipient, "+12505550200", null, receiver.url("/bob"), "support", "front-desk");

        var response = fx.as(sender)
                .post(
                        "/messages/send",
                        Json.write(Map.of(
                                "from",
                                "+1 250 555 0100",
                                "to",
                                "(250) 555-0200",
                                "text",
                                "Hello Bob",
                                "media",
                                List.of(Map.of(
                                        "filename",
                                        "pic.png",
                                        "content_type",
                                        "image/png",
                                        "content",
                                        Base64.getEncoder().encodeToString(IMAGE))))));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode queued = Json.parse(response.body());
        assertThat(queued.get("status").asText()).isEqualTo("queued");
        String id = queued.get("id").asText();

        Eventually.await("the webhook to bob", () -> receiver.receivedAt("/bob").size() == 1);
        WebhookReceiver.Received inbound = receiver.receivedAt("/bob").get(0);
        String expectedScheme = format == ApiFormat.BICOM ? "Bearer " : "Basic ";
        assertThat(inbound.header("Authorization"))
                .isEqualTo(expectedScheme + MessagingFixture.basicToken("bob", MessagingFixture.PASSWORD));
        assertThat(inbound.header("Content-Type")).isEqualTo("application/json");
        assertSigned(inbound);

        JsonNode body = Json.parse(inbound.body());
        switch (format) {
            case GENERIC -> {
                assertThat(body.get("id").asText()).isEqualTo(id);
                assertThat(body.get("from").asText()).isEqualTo("+12505550100");
                assertThat(body.get("to").asText()).isEqualTo("+12505550200");
                assertThat(body.get("text").asText()).isEqualTo("Hello Bob");
                assertThat(body.get("type").asText()).isEqualTo("mms");
                assertThat(body.get("tag").asText()).isEqualTo("support");
                assertThat(body.get("group").asText()).isEqualTo("front-desk");
                assertThat(Instant.parse(body.get("timestamp").asText()))
                        .isBefore(Instant.now().plusSeconds(1));
                JsonNode media = body.get("media").get(0);
                assertThat(media.get("filename").asText()).isEqualTo("pic.png");
                assertThat(media.get("content_type").asText()).isEqualTo("image/png");
                assertThat(Base64.getDecoder().decode(media.get("base64").asText()))
                        .isEqualTo(IMAGE);
                assertThat(body.has("segments")).isFalse();
            }
            case BICOM -> {
                assertThat(fieldNames(body)).containsExactlyInAnyOrder("from", "to", "text", "media_urls");
                assertThat(body.get("from").asText()).isEqualTo("+12505550100");
                assertThat(body.get("to").asText()).isEqualTo("+12505550200");
                assertThat(body.get("text").asText()).isEqualTo("Hello Bob");
                assertHostedImage(body.get("media_urls").get(0).asText());
            }
            case TELNYX -> {
                JsonNode data = body.get("data");
                assertThat(data.get("event_type").asText()).isEqualTo("message.received");
                assertThat(data.get("id").asText()).isNotBlank();
                JsonNode payload = data.get("payload");
                assertThat(payload.get("id").asText()).isEqualTo(id);
                assertThat(payload.get("from").get("phone_number").asText()).isEqualTo("+12505550100");
                assertThat(payload.get("to").get(0).get("phone_number").asText())
                        .isEqualTo("+12505550200");
                assertThat(payload.get("text").asText()).isEqualTo("Hello Bob");
                assertThat(payload.get("type").asText()).isEqualTo("mms");
                assertThat(payload.get("received_at").asText()).isNotBlank();
                assertThat(payload.get("media").get(0).get("content_type").asText())
                        .isEqualTo("image/png");
                assertHostedImage(payload.get("media").get(0).get("url").asText());
            }
        }

        Eventually.await("the delivered status to alice", () -> statuses(id).contains("delivered"));
        WebhookReceiver.Received status = receiver.receivedAt("/alice").stream()
                .filter(r -> Json.parse(r.body()).get("status").asText().equals("delivered"))
                .findFirst()
                .orElseThrow();
        JsonNode statusBody = Json.parse(status.body());
        assertThat(statusBody.get("type").asText()).isEqualTo("status");
        assertThat(statusBody.has("error")).isFalse();
        assertThat(statusBody.get("timestamp").asText()).isNotBlank();
        assertThat(status.header("Authorization"))
                .isEqualTo("Basic " + MessagingFixture.basicToken("alice", MessagingFixture.PASSWORD));
        assertThat(WebhookSignature.verify(
                        MessagingFixture.PASSWORD,
                        status.header(WebhookSignature.HEADER),
                        status.body(),
                        Instant.now(),
                        Duration.ofMinutes(5)))
                .isTrue();
        assertThat(receiver.receivedAt("/bob-default")).isEmpty();
        assertThat(fx.stored(id).status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(fx.stored(id).type()).isEqualTo(MessageType.MMS);
    }

    @Test
    void aGenericWebhookCarriesTheSegmentsWhenAsked() {
        Client sender = fx.webClient("alice", MessagingFixture.settings(ApiFormat.GENERIC, null));
        fx.number(sender, "+12505550100", null, null);
        var settings = MessagingFixture.settings(ApiFormat.GENERIC, receiver.url("/bob"));
        Client recipient = fx.webClient(
                "bob",
                new ClientSettings(
                        settings.authMethod(),
                        settings.apiFormat(),
                        false,
                        3,
                        2,
                        true,
                        settings.defaultWebhook(),
                        settings.limits(),
                        false));
        fx.number(recipient, "+12505550200", null, null);
        String text = "x".repeat(200);

        var response = fx.as(sender)
                .post("/messages", Json.write(Map.of("from", "+12505550100", "to", "+12505550200", "text", text)));

        assertThat(response.statusCode()).isEqualTo(202);
        Eventually.await("the webhook to bob", () -> receiver.receivedAt("/bob").size() == 1);
        JsonNode segments =
                Json.parse(receiver.receivedAt("/bob").get(0).body()).get("segments");
        assertThat(segments).hasSize(2);
        assertThat(segments.get(0).get("index").asInt()).isEqualTo(1);
        assertThat(segments.get(0).get("total").asInt()).isEqualTo(2);
        assertThat(segments.get(0).get("text").asText()
                        + segments.get(1).get("text").asText())
                .isEqualTo(text);
        assertThat(segments.get(0).get("text").asText()).hasSize(153);
    }

    /** Recomputes the signature from its definition, independently of {@link WebhookSignature}. */
    private static void assertSigned(WebhookReceiver.Received request) throws Exception {
        String header = request.header(WebhookSignature.HEADER);
        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        String timestamp = header.substring(2, header.indexOf(','));
        assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)))
                .isLessThan(60);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(MessagingFixture.PASSWORD.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        String expected = HexFormat.of().formatHex(mac.doFinal(request.body()));
        assertThat(header).endsWith(",v1=" + expected);
    }

    private void assertHostedImage(String url) throws Exception {
        assertThat(url).startsWith("http://127.0.0.1:" + fx.address.getPort() + "/media/");
        HttpResponse<byte[]> media = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(media.statusCode()).isEqualTo(200);
        assertThat(media.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(media.body()).isEqualTo(IMAGE);
    }

    private List<String> statuses(String id) {
        return receiver.receivedAt("/alice").stream()
                .map(r -> Json.parse(r.body()))
                .filter(b -> b.get("id").asText().equals(id))
                .map(b -> b.get("status").asText())
                .toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
