package io.gomsggw.mm4.smtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gomsggw.mm4.codec.ForwardRequest;
import io.gomsggw.mm4.codec.Mm4Address;
import io.gomsggw.mm4.codec.Mm4Parser;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Jakarta Mail (Angus) as the PBX: real-shaped MM4 messages, plain and over STARTTLS. */
@Timeout(120)
class JakartaMailClientTest {
    private static X509Bundle certificate;
    private ServerHarness harness;

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
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aMultipartRelatedMm4MessageArrivesWhole() throws Exception {
        harness = new ServerHarness(s -> s);
        byte[] jpeg = resource("tiny.jpg");
        send(session(new Properties()), forwardRequest(jpeg));

        RecordingReceiver.Received received = harness.receiver.next();
        assertEquals(
                "+12505550100/TYPE=PLMN@pbx.example.com", received.envelope().mailFrom());
        assertEquals(
                List.of("+12505550199/TYPE=PLMN@mms.example.com", "+12505550142/TYPE=PLMN@mms.example.com"),
                received.envelope().recipients());
        assertFalse(received.envelope().tls());
        ForwardRequest request = (ForwardRequest) new Mm4Parser().parse(received.body());
        assertEquals("TX-1001", request.transactionId());
        assertEquals("Café ☕ photo", request.subject().orElseThrow());
        assertEquals("Voilà — the view from the patio, 25°C", request.text());
        assertEquals(
                List.of(
                        Mm4Address.plmn("+12505550199", "mms.example.com"),
                        Mm4Address.plmn("+12505550142", "mms.example.com")),
                request.recipients());
        assertEquals(1, request.media().size());
        assertEquals("image/jpeg", request.media().get(0).contentType());
        assertArrayEquals(jpeg, request.media().get(0).content());
        assertTrue(request.smil().isPresent());
        assertEquals(1, harness.server.stats().messagesAccepted());
    }

    @Test
    void startTlsWithATestCertificate() throws Exception {
        java.nio.file.Path cert = certificate.toTempCertChainPem().toPath();
        java.nio.file.Path key = certificate.toTempPrivateKeyPem().toPath();
        harness = new ServerHarness(s -> s.withTls(cert, key));
        SSLContext trusting = SSLContext.getInstance("TLS");
        trusting.init(null, certificate.toTrustManagerFactory().getTrustManagers(), null);
        Properties tls = new Properties();
        tls.put("mail.smtp.starttls.enable", "true");
        tls.put("mail.smtp.starttls.required", "true");
        tls.put("mail.smtp.ssl.socketFactory", trusting.getSocketFactory());
        tls.put("mail.smtp.ssl.checkserveridentity", "true");
        send(session(tls), forwardRequest(resource("tiny.jpg")));

        RecordingReceiver.Received received = harness.receiver.next();
        assertTrue(received.envelope().tls());
        assertEquals("TX-1001", new Mm4Parser().parse(received.body()).transactionId());
    }

    private Session session(Properties extra) {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(harness.server.address().getPort()));
        props.put("mail.smtp.localhost", "pbx.example.com");
        props.put("mail.smtp.from", "+12505550100/TYPE=PLMN@pbx.example.com");
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "30000");
        props.put("mail.mime.charset", "UTF-8");
        props.putAll(extra);
        return Session.getInstance(props);
    }

    private static void send(Session session, MimeMessage message) throws Exception {
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    /** An MM4_forward.REQ as PBXs send it: text (quoted-printable UTF-8), a JPEG and SMIL, related. */
    private static MimeMessage forwardRequest(byte[] jpeg) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("+12505550100/TYPE=PLMN@pbx.example.com"));
        message.setRecipients(Message.RecipientType.TO, new InternetAddress[] {
            new InternetAddress("+12505550199/TYPE=PLMN@mms.example.com"),
            new InternetAddress("+12505550142/TYPE=PLMN@mms.example.com")
        });
        message.setSubject("Café ☕ photo", "UTF-8");
        message.setHeader("X-Mms-3GPP-MMS-Version", "6.10.0");
        message.setHeader("X-Mms-Message-Type", "MM4_forward.REQ");
        message.setHeader("X-Mms-Transaction-ID", "TX-1001");
        message.setHeader("X-Mms-Message-ID", "<MSG-1001@pbx.example.com>");
        message.setHeader("X-Mms-Ack-Request", "Yes");
        message.setHeader("X-Mms-Originator-System", "system@pbx.example.com");

        MimeBodyPart smil = new MimeBodyPart();
        smil.setDataHandler(new DataHandler(new ByteArrayDataSource(
                "<smil><body><par><img src=\"cid:photo\"/><text src=\"cid:text\"/></par></body></smil>",
                "application/smil")));
        smil.setContentID("<smil>");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Voilà — the view from the patio, 25°C", "UTF-8");
        text.setHeader("Content-Transfer-Encoding", "quoted-printable");
        text.setContentID("<text>");
        MimeBodyPart photo = new MimeBodyPart();
        photo.setDataHandler(new DataHandler(new ByteArrayDataSource(jpeg, "image/jpeg")));
        photo.setFileName("patio.jpg");
        photo.setContentID("<photo>");
        photo.setHeader("Content-Transfer-Encoding", "base64");

        MimeMultipart related = new MimeMultipart("related; type=\"application/smil\"; start=\"<smil>\"");
        related.addBodyPart(smil);
        related.addBodyPart(text);
        related.addBodyPart(photo);
        message.setContent(related);
        message.saveChanges();
        return message;
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = JakartaMailClientTest.class.getResourceAsStream("/mm4/" + name)) {
            return in.readAllBytes();
        }
    }
}
