package io.gomsggw.mm4.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.gomsggw.mm4.codec.ForwardRequest;
import io.gomsggw.mm4.codec.Mm4Address;
import io.gomsggw.mm4.codec.Mm4Parser;
import io.gomsggw.mm4.codec.Mm4Part;
import io.gomsggw.mm4.codec.Mm4Writer;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link Mm4Sender} against GreenMail (standing in for a PBX) and a scripted SMTP server. */
class Mm4SenderTest {
    @RegisterExtension
    static final GreenMailExtension PBX =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    private static X509Bundle certificate;

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final Mm4Writer writer = new Mm4Writer(Clock.fixed(Instant.parse("2025-12-02T12:00:00Z"), ZoneOffset.UTC));
    private final Mm4SenderSettings settings =
            Mm4SenderSettings.defaults("gw.example.com").withReadTimeout(Duration.ofSeconds(20));

    @BeforeAll
    static void generateCertificate() throws Exception {
        certificate = new CertificateBuilder()
                .subject("CN=localhost")
                .addSanDnsName("localhost")
                .addSanIpAddress("127.0.0.1")
                .notBefore(Instant.now().minus(1, ChronoUnit.DAYS))
                .notAfter(Instant.now().plus(1, ChronoUnit.DAYS))
                .ecp256()
                .setIsCertificateAuthority(true)
                .buildSelfSigned();
    }

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    private ForwardRequest request() {
        return ForwardRequest.builder()
                .transactionId("LOG-9")
                .messageId("<LOG-9@gw.example.com>")
                .from(Mm4Address.plmn("+12505551234", "gw.example.com"))
                .recipient(Mm4Address.plmn("+12505550001", "pbx.example.net"))
                .ackRequested(true)
                .originatorSystem("system@gw.example.com")
                .text("hello PBX")
                .media(new Mm4Part("image/jpeg", "photo.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3}))
                .build();
    }

    private static SendResult await(CompletionStage<SendResult> stage) throws Exception {
        return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Test
    void greenMailReceivesTheMessageWithEnvelopeAndHeadersIntact() throws Exception {
        Mm4Sender sender = new Mm4Sender(settings, executor);
        SmtpEnvelope envelope =
                SmtpEnvelope.of("+12505551234/TYPE=PLMN@gw.example.com", "+12505550001/TYPE=PLMN@pbx.example.net");

        SendResult result = await(sender.send(
                new SmtpTarget("127.0.0.1", PBX.getSmtp().getPort()), envelope, writer.toMimeMessage(request())));

        assertThat(result)
                .isInstanceOfSatisfying(
                        SendResult.Accepted.class, a -> assertThat(a.reply()).startsWith("250"));
        MimeMessage[] received = PBX.getReceivedMessagesForDomain("pbx.example.net");
        assertThat(received).hasSize(1);
        MimeMessage got = received[0];
        assertThat(got.getHeader("Return-Path", null)).isEqualTo("<+12505551234/TYPE=PLMN@gw.example.com>");
        assertThat(got.getHeader("X-Mms-message-Type", null)).isEqualTo("MM4_forward.REQ");
        assertThat(got.getHeader("From", null)).isEqualTo("+12505551234/TYPE=PLMN@gw.example.com");
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        got.writeTo(raw);
        ForwardRequest parsed = (ForwardRequest) new Mm4Parser().parse(raw.toByteArray());
        assertThat(parsed.transactionId()).isEqualTo("LOG-9");
        assertThat(parsed.messageId()).isEqualTo("<LOG-9@gw.example.com>");
        assertThat(parsed.recipients()).isEqualTo(request().recipients());
        assertThat(parsed.text()).isEqualTo("hello PBX");
        assertThat(parsed.media())
                .isEqualTo(request().media().stream()
                        .map(p -> new Mm4Part(p.contentType(), p.filename(), Optional.of("photo.jpg"), p.content()))
                        .toList());
    }

    @Test
    void envelopeAddressesWithoutDomainAndTheEhloNameGoOutAsWritten() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()) {
            Mm4Sender sender = new Mm4Sender(settings, executor);

            SendResult result = await(sender.send(
                    new SmtpTarget("127.0.0.1", server.port()),
                    new SmtpEnvelope(
                            "+12505551234/TYPE=PLMN", List.of("+12505550001/TYPE=PLMN", "+12505550002/TYPE=PLMN")),
                    writer.toMimeMessage(request())));

            assertThat(result).isEqualTo(new SendResult.Accepted("250 queued as 7"));
            assertThat(server.commands())
                    .containsSubsequence(
                            "EHLO gw.example.com",
                            "MAIL FROM:<+12505551234/TYPE=PLMN>",
                            "RCPT TO:<+12505550001/TYPE=PLMN>",
                            "RCPT TO:<+12505550002/TYPE=PLMN>",
                            "DATA",
                            "QUIT");
        }
    }

    @Test
    void a451AtTheEndOfDataIsTransient() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().reply("END", "451 4.3.0 try again later")) {
            SendResult result = send(server);

            assertThat(result).isInstanceOfSatisfying(SendResult.TransientFailure.class, f -> {
                assertThat(f.code()).isEqualTo(451);
                assertThat(f.reply()).contains("try again later");
            });
        }
    }

    @Test
    void a550ToTheRecipientIsPermanent() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().reply("RCPT", "550 5.1.1 no such number")) {
            SendResult result = send(server);

            assertThat(result).isInstanceOfSatisfying(SendResult.PermanentFailure.class, f -> {
                assertThat(f.code()).isEqualTo(550);
                assertThat(f.reply()).contains("no such number");
            });
            assertThat(server.commands()).doesNotContain("DATA");
        }
    }

    @Test
    void a452ToTheRecipientIsTransient() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().reply("RCPT", "452 4.2.2 mailbox full")) {
            assertThat(send(server))
                    .isInstanceOfSatisfying(
                            SendResult.TransientFailure.class,
                            f -> assertThat(f.code()).isEqualTo(452));
        }
    }

    @Test
    void refusedSenderAndRefusedDataAreClassifiedByCode() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().reply("MAIL", "553 5.1.8 bad sender")) {
            assertThat(send(server))
                    .isInstanceOfSatisfying(
                            SendResult.PermanentFailure.class,
                            f -> assertThat(f.code()).isEqualTo(553));
        }
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().reply("DATA", "421 4.7.0 closing")) {
            assertThat(send(server))
                    .isInstanceOfSatisfying(
                            SendResult.TransientFailure.class,
                            f -> assertThat(f.code()).isEqualTo(421));
        }
    }

    @Test
    void greetingRefusalsAreClassifiedByCode() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().reply("GREETING", "554 5.7.1 go away")) {
            assertThat(send(server))
                    .isInstanceOfSatisfying(
                            SendResult.PermanentFailure.class,
                            f -> assertThat(f.code()).isEqualTo(554));
        }
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().reply("GREETING", "421 4.3.2 busy")) {
            assertThat(send(server))
                    .isInstanceOfSatisfying(
                            SendResult.TransientFailure.class,
                            f -> assertThat(f.code()).isEqualTo(421));
        }
    }

    @Test
    void connectionRefusedIsTransientWithoutReply() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Mm4Sender sender = new Mm4Sender(settings, executor);

        SendResult result = await(sender.send(
                new SmtpTarget("127.0.0.1", closedPort),
                SmtpEnvelope.of("+1/TYPE=PLMN", "+2/TYPE=PLMN"),
                writer.toMimeMessage(request())));

        assertThat(result).isInstanceOfSatisfying(SendResult.TransientFailure.class, f -> {
            assertThat(f.code()).isEqualTo(SendResult.NO_REPLY);
            assertThat(f.reply()).isNotBlank();
        });
    }

    @Test
    void aSilentServerTimesOutAsTransient() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().silent()) {
            Mm4Sender sender = new Mm4Sender(settings.withReadTimeout(Duration.ofMillis(300)), executor);

            SendResult result = await(sender.send(
                    new SmtpTarget("127.0.0.1", server.port()),
                    SmtpEnvelope.of("+1/TYPE=PLMN", "+2/TYPE=PLMN"),
                    writer.toMimeMessage(request())));

            assertThat(result)
                    .isInstanceOfSatisfying(
                            SendResult.TransientFailure.class,
                            f -> assertThat(f.code()).isEqualTo(SendResult.NO_REPLY));
        }
    }

    @Test
    void sendReturnsBeforeTheConversationAndRunsOnTheExecutor() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().holdGreeting()) {
            Mm4Sender sender = new Mm4Sender(settings, executor);

            CompletionStage<SendResult> stage = sender.send(
                    new SmtpTarget("127.0.0.1", server.port()),
                    SmtpEnvelope.of("+1/TYPE=PLMN", "+2/TYPE=PLMN"),
                    writer.toMimeMessage(request()));

            assertThat(stage.toCompletableFuture()).isNotDone();
            server.releaseGreeting();
            assertThat(await(stage)).isInstanceOf(SendResult.Accepted.class);
        }
    }

    @Test
    void aFullExecutorIsTransient() throws Exception {
        Mm4Sender sender = new Mm4Sender(settings, task -> {
            throw new java.util.concurrent.RejectedExecutionException("full");
        });

        SendResult result = await(sender.send(
                new SmtpTarget("127.0.0.1", 25),
                SmtpEnvelope.of("+1/TYPE=PLMN", "+2/TYPE=PLMN"),
                writer.toMimeMessage(request())));

        assertThat(result)
                .isInstanceOfSatisfying(
                        SendResult.TransientFailure.class,
                        f -> assertThat(f.code()).isEqualTo(SendResult.NO_REPLY));
    }

    @Test
    void startTlsWithATrustedTestCertificate() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(serverTls())) {
            Mm4Sender sender = new Mm4Sender(
                    settings.withStartTls(
                            Mm4SenderSettings.StartTls.REQUIRED,
                            Optional.of(clientTls().getSocketFactory()),
                            true),
                    executor);

            SendResult result = send(sender, server);

            assertThat(result).isInstanceOf(SendResult.Accepted.class);
            assertThat(server.commands()).contains("STARTTLS");
            assertThat(server.tlsCommands())
                    .containsSubsequence(
                            "EHLO gw.example.com", "MAIL FROM:<+12505551234/TYPE=PLMN@gw.example.com>", "DATA");
        }
    }

    @Test
    void startTlsRequiredButNotOfferedIsTransient() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()) {
            Mm4Sender sender = new Mm4Sender(
                    settings.withStartTls(
                            Mm4SenderSettings.StartTls.REQUIRED,
                            Optional.of(clientTls().getSocketFactory()),
                            true),
                    executor);

            assertThat(send(sender, server)).isInstanceOfSatisfying(SendResult.TransientFailure.class, f -> {
                assertThat(f.code()).isEqualTo(SendResult.NO_REPLY);
                assertThat(f.reply()).containsIgnoringCase("STARTTLS");
            });
            assertThat(server.commands()).doesNotContain("DATA");
        }
    }

    @Test
    void startTlsWithAnUntrustedCertificateFailsAndSendsNothingInClear() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(serverTls())) {
            Mm4Sender sender = new Mm4Sender(
                    settings.withStartTls(Mm4SenderSettings.StartTls.IF_OFFERED, Optional.empty(), true), executor);

            assertThat(send(sender, server))
                    .isInstanceOfSatisfying(
                            SendResult.TransientFailure.class,
                            f -> assertThat(f.code()).isEqualTo(SendResult.NO_REPLY));
            assertThat(server.commands()).doesNotContain("DATA");
        }
    }

    private SendResult send(ScriptedSmtpServer server) throws Exception {
        return send(new Mm4Sender(settings, executor), server);
    }

    private SendResult send(Mm4Sender sender, ScriptedSmtpServer server) throws Exception {
        return await(sender.send(
                new SmtpTarget("127.0.0.1", server.port()),
                SmtpEnvelope.of("+12505551234/TYPE=PLMN@gw.example.com", "+12505550001/TYPE=PLMN@pbx.example.net"),
                writer.toMimeMessage(request())));
    }

    private static SSLContext serverTls() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(certificate.toKeyManagerFactory().getKeyManagers(), null, null);
        return context;
    }

    private static SSLContext clientTls() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, certificate.toTrustManagerFactory().getTrustManagers(), null);
        return context;
    }
}
