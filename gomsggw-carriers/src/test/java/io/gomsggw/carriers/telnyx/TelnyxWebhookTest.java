package io.gomsggw.carriers.telnyx;

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
import io.gomsggw.core.spi.WebhookResult;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Telnyx webhooks in Telnyx's own payload shapes, signed with a key made for the test. */
class TelnyxWebhookTest {
    private static final String PATH = "/inbound/6d0b1c1e-3f5f-4e39-9d43-8c3a4f1b2a10";

    private final KeyPair keys = generate();
    private final CarrierAdapter adapter = create(rawPublicKey(keys));

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The raw 32-byte key, as Telnyx shows it: the tail of the X.509 SubjectPublicKeyInfo. */
    static String rawPublicKey(KeyPair pair) {
        byte[] spki = pair.getPublic().getEncoded();
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    }

    private static CarrierAdapter create(String publicKey) {
        Carrier carrier = new Carrier(
                7,
                "telnyx-main",
                "telnyx",
                null,
                Secret.of("KEY"),
                "6d0b1c1e-3f5f-4e39-9d43-8c3a4f1b2a10",
                null,
                publicKey,
                null);
        return new TelnyxCarrierFactory().create(carrier, context(CLOCK));
    }

    static String sign(PrivateKey key, String timestamp, byte[] body) throws Exception {
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(key);
        signer.update((timestamp + "|").getBytes(StandardCharsets.UTF_8));
        signer.update(body);
        return Base64.getEncoder().encodeToString(signer.sign());
    }

    private WebhookResult deliver(byte[] body, Instant signedAt) throws Exception {
        String ts = Long.toString(signedAt.getEpochSecond());
        return adapter.handleWebhook(post(
                PATH,
                "",
                Map.of(
                        "Telnyx-Signature-Ed25519",
                        sign(keys.getPrivate(), ts, body),
                        "Telnyx-Timestamp",
                        ts,
                        "Content-Type",
                        "application/json"),
                body));
    }

    private static WebhookResult.Accepted accepted(WebhookResult result) {
        assertThat(result).isInstanceOf(WebhookResult.Accepted.class);
        WebhookResult.Accepted accepted = (WebhookResult.Accepted) result;
        assertThat(accepted.responseType()).isEqualTo("application/json");
        assertThat(accepted.responseBody()).isEqualTo("{}");
        return accepted;
    }

    @Test
    void receivedMmsBecomesAnInboundMessageWithItsMedia() throws Exception {
        WebhookResult.Accepted result = accepted(deliver(resource("telnyx/message-received-mms.json"), NOW));

        assertThat(result.statuses()).isEmpty();
        assertThat(result.inbound())
                .containsExactly(new WebhookResult.InboundMessage(
                        "84cca175-9755-4859-b67f-4730d7f58aa3",
                        "+13125550001",
                        "+17735550002",
                        "Look at this – café ☕",
                        List.of(
                                new WebhookResult.MediaRef(
                                        "https://media.telnyx.com/mms/84cca175-9755-4859-b67f-4730d7f58aa3/photo.jpg",
                                        "image/jpeg",
                                        false),
                                new WebhookResult.MediaRef(
                                        "https://media.telnyx.com/mms/84cca175-9755-4859-b67f-4730d7f58aa3/text_0.txt",
                                        "text/plain",
                                        false)),
                        Instant.parse("2024-03-05T17:22:40.503Z")));
    }

    @Test
    void sentAndFinalizedBecomeStatusUpdates() throws Exception {
        assertThat(accepted(deliver(resource("telnyx/message-sent.json"), NOW)).statuses())
                .containsExactly(new WebhookResult.StatusUpdate(
                        "40385f64-5717-4562-b3fc-2c963f66afa6", MessageStatus.SENT, null));
        assertThat(accepted(deliver(resource("telnyx/message-finalized-delivered.json"), NOW))
                        .statuses())
                .containsExactly(new WebhookResult.StatusUpdate(
                        "40385f64-5717-4562-b3fc-2c963f66afa6", MessageStatus.DELIVERED, null));

        List<WebhookResult.StatusUpdate> failed = accepted(
                        deliver(resource("telnyx/message-finalized-delivery-failed.json"), NOW))
                .statuses();
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).carrierMessageId()).isEqualTo("40385f64-5717-4562-b3fc-2c963f66afa6");
        assertThat(failed.get(0).status()).isEqualTo(MessageStatus.FAILED);
        assertThat(failed.get(0).reason())
                .startsWith("The message could not be delivered to the handset")
                .contains("40008");
    }

    @Test
    void finalStatusesMapAsDocumented() throws Exception {
        assertThat(finalizedAs("sending_failed").status()).isEqualTo(MessageStatus.FAILED);
        assertThat(finalizedAs("expired").status()).isEqualTo(MessageStatus.FAILED);
        WebhookResult.StatusUpdate unconfirmed = finalizedAs("delivery_unconfirmed");
        assertThat(unconfirmed.status()).isEqualTo(MessageStatus.SENT);
        assertThat(unconfirmed.reason()).contains("delivery_unconfirmed");
    }

    private WebhookResult.StatusUpdate finalizedAs(String status) throws Exception {
        String body = new String(resource("telnyx/message-finalized-delivered.json"), StandardCharsets.UTF_8)
                .replace("\"status\": \"delivered\"", "\"status\": \"" + status + "\"");
        return accepted(deliver(body.getBytes(StandardCharsets.UTF_8), NOW))
                .statuses()
                .get(0);
    }

    @Test
    void otherEventTypesAreAcknowledgedAndIgnored() throws Exception {
        byte[] body =
                "{\"data\":{\"event_type\":\"number_order.complete\",\"payload\":{}}}".getBytes(StandardCharsets.UTF_8);
        WebhookResult.Accepted result = accepted(deliver(body, NOW));
        assertThat(result.inbound()).isEmpty();
        assertThat(result.statuses()).isEmpty();
    }

    @Test
    void aSignedTimestampWithinFiveMinutesVerifies() throws Exception {
        byte[] body = resource("telnyx/message-sent.json");
        assertThat(deliver(body, NOW.minusSeconds(300))).isInstanceOf(WebhookResult.Accepted.class);
        assertThat(deliver(body, NOW.plusSeconds(299))).isInstanceOf(WebhookResult.Accepted.class);
    }

    @Test
    void aChangedByteIsUnauthorized() throws Exception {
        byte[] body = resource("telnyx/message-received-mms.json");
        String ts = Long.toString(NOW.getEpochSecond());
        String signature = sign(keys.getPrivate(), ts, body);
        byte[] changed = body.clone();
        changed[changed.length / 2] ^= 0x01;

        WebhookResult result = adapter.handleWebhook(
                post(PATH, "", Map.of("telnyx-signature-ed25519", signature, "telnyx-timestamp", ts), changed));

        assertThat(result).isInstanceOf(WebhookResult.Unauthorized.class);
    }

    @Test
    void aChangedTimestampIsUnauthorized() throws Exception {
        byte[] body = resource("telnyx/message-sent.json");
        String signature = sign(keys.getPrivate(), Long.toString(NOW.getEpochSecond()), body);

        WebhookResult result = adapter.handleWebhook(post(
                PATH,
                "",
                Map.of(
                        "telnyx-signature-ed25519",
                        signature,
                        "telnyx-timestamp",
                        Long.toString(NOW.getEpochSecond() - 1)),
                body));

        assertThat(result).isInstanceOf(WebhookResult.Unauthorized.class);
    }

    @Test
    void aStaleTimestampIsUnauthorized() throws Exception {
        WebhookResult result = deliver(resource("telnyx/message-sent.json"), NOW.minusSeconds(301));

        assertThat(result).isInstanceOf(WebhookResult.Unauthorized.class);
        assertThat(((WebhookResult.Unauthorized) result).reason()).contains("301 s");
    }

    @Test
    void anotherKeysSignatureIsUnauthorized() throws Exception {
        byte[] body = resource("telnyx/message-sent.json");
        String ts = Long.toString(NOW.getEpochSecond());

        WebhookResult result = adapter.handleWebhook(post(
                PATH,
                "",
                Map.of("telnyx-signature-ed25519", sign(generate().getPrivate(), ts, body), "telnyx-timestamp", ts),
                body));

        assertThat(result).isInstanceOf(WebhookResult.Unauthorized.class);
    }

    @Test
    void missingOrGarbledHeadersAreUnauthorized() {
        byte[] body = resource("telnyx/message-sent.json");
        String ts = Long.toString(NOW.getEpochSecond());
        assertThat(adapter.handleWebhook(post(PATH, "", Map.of(), body)))
                .isInstanceOf(WebhookResult.Unauthorized.class);
        assertThat(adapter.handleWebhook(post(PATH, "", Map.of("telnyx-timestamp", ts), body)))
                .isInstanceOf(WebhookResult.Unauthorized.class);
        assertThat(adapter.handleWebhook(post(
                        PATH, "", Map.of("telnyx-signature-ed25519", "!!not base64!!", "telnyx-timestamp", ts), body)))
                .isInstanceOf(WebhookResult.Unauthorized.class);
        assertThat(adapter.handleWebhook(post(
                        PATH, "", Map.of("telnyx-signature-ed25519", "AAAA", "telnyx-timestamp", "yesterday"), body)))
                .isInstanceOf(WebhookResult.Unauthorized.class);
    }

    @Test
    void withoutAPublicKeyWebhooksAreReadUnchecked() {
        try (CarrierAdapter open = create(null)) {
            WebhookResult result = open.handleWebhook(post(PATH, "", Map.of(), resource("telnyx/message-sent.json")));
            assertThat(result).isInstanceOf(WebhookResult.Accepted.class);
        }
    }

    @Test
    void verifiedButUnreadableBodiesAreMalformed() throws Exception {
        assertThat(deliver("not json".getBytes(StandardCharsets.UTF_8), NOW))
                .isInstanceOf(WebhookResult.Malformed.class);
        assertThat(deliver(
                        "{\"data\":{\"event_type\":\"message.received\",\"payload\":{\"id\":\"x\"}}}"
                                .getBytes(StandardCharsets.UTF_8),
                        NOW))
                .isInstanceOf(WebhookResult.Malformed.class);
        assertThat(deliver("[]".getBytes(StandardCharsets.UTF_8), NOW)).isInstanceOf(WebhookResult.Malformed.class);
    }
}
