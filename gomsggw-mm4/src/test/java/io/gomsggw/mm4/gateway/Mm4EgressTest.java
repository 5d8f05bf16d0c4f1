package io.gomsggw.mm4.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientSettings;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.model.Protocol;
import io.gomsggw.core.model.Secret;
import io.gomsggw.core.spi.RetryPolicy;
import io.gomsggw.core.spi.SendOutcome;
import io.gomsggw.mm4.codec.ForwardRequest;
import io.gomsggw.mm4.codec.Mm4Address;
import io.gomsggw.mm4.codec.Mm4Parser;
import io.gomsggw.mm4.codec.Mm4Writer;
import io.gomsggw.mm4.outbound.Mm4Sender;
import io.gomsggw.mm4.outbound.Mm4SenderSettings;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link Mm4Egress} delivering to GreenMail, which plays the PBX's SMTP server. */
class Mm4EgressTest {
    @RegisterExtension
    static final GreenMailExtension PBX =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    /** The first bytes of a JPEG and some more. */
    static final byte[] JPEG = {
        (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 2, 3
    };

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final Mm4GatewaySettings settings = new Mm4GatewaySettings(
            "system@gw.example.com",
            "gw.example.com",
            614_400,
            new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofSeconds(60)));
    private final Mm4Egress egress = new Mm4Egress(
            new Mm4Sender(
                    Mm4SenderSettings.defaults("gw.example.com").withReadTimeout(Duration.ofSeconds(20)), executor),
            new Mm4Writer(Clock.systemUTC()),
            settings);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    static Client pbx(String address) {
        return new Client(
                7,
                "pbx",
                Secret.of("pw"),
                null,
                ClientType.LEGACY,
                address,
                ZoneId.of("UTC"),
                false,
                ClientSettings.DEFAULTS);
    }

    static Message mms(String id) {
        return Message.builder()
                .id(id)
                .type(MessageType.MMS)
                .from("+12505551234")
                .to("+12505550001")
                .text("a photo from the web")
                .media(List.of(new MediaPart("photo.jpg", "image/jpeg", JPEG)))
                .ingress(Protocol.HTTP)
                .targetClientId(7L)
                .createdAt(Instant.parse("2026-12-03T06:00:00Z"))
                .build();
    }

    @Test
    void anMmsArrivesAtThePbxAsAWellFormedForwardRequestWithSmil() throws Exception {
        Client pbx = pbx("127.0.0.1:" + PBX.getSmtp().getPort());
        Message message = mms("019ce000-0000-7000-8000-000000000001");

        SendOutcome outcome = egress.deliver(pbx, message).toCompletableFuture().get(60, TimeUnit.SECONDS);

        assertThat(outcome)
                .as("250 hands it over; the .RES confirms it later")
                .isEqualTo(new SendOutcome.Accepted(null, true));
        MimeMessage[] received = PBX.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getHeader("Return-Path", null)).isEqualTo("<+12505551234/TYPE=PLMN@gw.example.com>");
        assertThat(received[0].getContentType()).startsWith("multipart/related").contains("application/smil");
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        received[0].writeTo(raw);
        ForwardRequest request = (ForwardRequest) new Mm4Parser().parse(raw.toByteArray());
        assertThat(request.transactionId()).isEqualTo(message.id());
        assertThat(request.messageId()).isEqualTo("<" + message.id() + "@gw.example.com>");
        assertThat(request.from()).isEqualTo(Mm4Address.plmn("+12505551234", "gw.example.com"));
        assertThat(request.recipients()).containsExactly(Mm4Address.plmn("+12505550001", "127.0.0.1"));
        assertThat(request.ackRequested()).isTrue();
        assertThat(request.originatorSystem()).hasValue("system@gw.example.com");
        assertThat(request.text()).isEqualTo("a photo from the web");
        assertThat(request.media()).singleElement().satisfies(part -> {
            assertThat(part.contentType()).isEqualTo("image/jpeg");
            assertThat(part.content()).isEqualTo(JPEG);
        });
        String smil = new String(request.smil().orElseThrow().content(), StandardCharsets.UTF_8);
        assertThat(smil).contains("<smil").contains("<img").contains("<text");
    }

    @Test
    void mediaIsFittedToThePbxsOwnSizeElseMmsMaxSize() {
        Client plain = pbx("127.0.0.1:2566");
        ClientSettings d = ClientSettings.DEFAULTS;
        Client small = plain.withSettings(new ClientSettings(
                d.authMethod(),
                d.apiFormat(),
                d.disableMessageSplitting(),
                d.webhookRetries(),
                d.webhookTimeoutSecs(),
                d.includeRawSegments(),
                d.defaultWebhook(),
                d.limits(),
                d.limitBoth(),
                null,
                null,
                null,
                300_000L));

        assertThat(egress.maxMmsBytes(plain)).hasValue(614_400);
        assertThat(egress.maxMmsBytes(small)).hasValue(300_000);
    }

    @Test
    void onlyMmsForLegacyClientsWithASingleAddressGoesByMm4() {
        Message mms = mms("id-1");
        Message sms = mms.toBuilder().type(MessageType.SMS).media(List.of()).build();
        assertThat(egress.accepts(pbx("203.0.113.7"), mms)).isTrue();
        assertThat(egress.accepts(pbx("pbx.example.net:2525"), mms)).isTrue();
        assertThat(egress.accepts(pbx("203.0.113.7"), sms))
                .as("SMS stays on SMPP")
                .isFalse();
        assertThat(egress.accepts(pbx("*"), mms)).as("no address to deliver to").isFalse();
        assertThat(egress.accepts(pbx("203.0.113.0/24"), mms)).isFalse();
        assertThat(egress.accepts(pbx("not an address!"), mms)).isFalse();
        assertThat(egress.accepts(
                        new Client(8, "web", Secret.of("pw"), null, ClientType.WEB, null, null, false, null), mms))
                .isFalse();
        assertThat(Mm4Egress.target(pbx("pbx.example.net")).orElseThrow().port())
                .isEqualTo(25);
        assertThat(egress.maxMmsBytes(pbx("203.0.113.7"))).hasValue(614_400);
    }

    @Test
    void aPbxThatIsDownIsRetriedAndOneThatRefusesRejectsTheMessage() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        assertThat(egress.deliver(pbx("127.0.0.1:" + closedPort), mms("id-2"))
                        .toCompletableFuture()
                        .get(60, TimeUnit.SECONDS))
                .isInstanceOf(SendOutcome.Retryable.class);

        try (ServerSocket refusing = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> {
                try (Socket s = refusing.accept();
                        OutputStream out = s.getOutputStream()) {
                    out.write("554 5.7.1 not accepting MMS from you\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    s.getInputStream().read(new byte[512]);
                } catch (Exception e) {
                    // the test's assertion says what went wrong
                }
            });
            answer.start();
            SendOutcome outcome = egress.deliver(pbx("127.0.0.1:" + refusing.getLocalPort()), mms("id-3"))
                    .toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
            assertThat(outcome)
                    .isInstanceOfSatisfying(
                            SendOutcome.Rejected.class,
                            r -> assertThat(r.reason()).contains("554").contains("not accepting MMS"));
            answer.join(10_000);
        }
    }
}
