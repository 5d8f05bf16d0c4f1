package io.gomsggw.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.gomsggw.core.testing.Eventually;
import io.gomsggw.mm4.codec.DeliveryReport;
import io.gomsggw.mm4.codec.DeliveryReportResponse;
import io.gomsggw.mm4.codec.ForwardRequest;
import io.gomsggw.mm4.codec.ForwardResponse;
import io.gomsggw.mm4.codec.Mm4Message;
import io.gomsggw.mm4.codec.Mm4Parser;
import io.gomsggw.mm4.codec.MmStatus;
import io.gomsggw.mm4.codec.RequestStatus;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Properties;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled gateway with a PBX that speaks MM4: GreenMail plays the PBX's SMTP server for what the
 * gateway sends it.
 */
class Mm4EndToEndTest {
    private static final String PBX = "12505550001";
    private static final String APP = "12505550002";
    private static final String OTHER = "12505550003";
    private static final byte[] JPEG = jpeg(64, 48);

    @RegisterExtension
    static final GreenMailExtension PBX_SMTP =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @TempDir
    Path workingDirectory;

    private SmppGatewayFixture gw;

    @AfterEach
    void stop() {
        if (gw != null) gw.close();
    }

    @Test
    void anMmsFromAWebAppReachesThePbxAsAForwardRequestWithSmil() throws Exception {
        gw = new SmppGatewayFixture(workingDirectory);
        gw.legacyClient("pbx", PBX, "127.0.0.1:" + PBX_SMTP.getSmtp().getPort());
        gw.webClient("app", APP);

        HttpProbe.Reply sent = gw.webApi("app")
                .post(
                        "/messages/send",
                        "{\"from\":\"+" + APP + "\",\"to\":\"+" + PBX
                                + "\",\"text\":\"the floor plan\",\"media\":[{\"filename\":\"plan.jpg\",\"content_type\":\"image/jpeg\","
                                + "\"content\":\"" + Base64.getEncoder().encodeToString(JPEG) + "\"}]}");
        assertThat(sent.status()).isEqualTo(202);
        String id = sent.body().get("id").asText();

        Eventually.await("the PBX's mail", () -> PBX_SMTP.getReceivedMessages().length == 1);
        MimeMessage received = PBX_SMTP.getReceivedMessages()[0];
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        received.writeTo(raw);
        ForwardRequest request = (ForwardRequest) new Mm4Parser().parse(raw.toByteArray());
        assertThat(request.transactionId()).isEqualTo(id);
        assertThat(request.messageId()).isEqualTo("<" + id + "@smpp-e2e>");
        assertThat(request.from().number()).isEqualTo("+" + APP);
        assertThat(request.recipients())
                .singleElement()
                .satisfies(r -> assertThat(r.number()).isEqualTo("+" + PBX));
        assertThat(request.text()).isEqualTo("the floor plan");
        assertThat(request.media()).singleElement().satisfies(p -> {
            assertThat(p.contentType()).isEqualTo("image/jpeg");
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(p.content()));
            assertThat(image.getWidth()).isEqualTo(64);
            assertThat(image.getHeight()).isEqualTo(48);
        });
        assertThat(new String(request.smil().orElseThrow().content(), StandardCharsets.UTF_8))
                .contains("<img");
        Eventually.await("sent, waiting for the PBX's MM4_forward.RES", () -> "sent".equals(status(id)));
    }

    @Test
    void thePbxsResponseMarksTheMessageDeliveredOrFailed() throws Exception {
        gw = new SmppGatewayFixture(workingDirectory);
        gw.legacyClient("pbx", PBX, "127.0.0.1:" + PBX_SMTP.getSmtp().getPort());
        gw.webClient("app", APP);
        String delivered = sendMms("first");
        String refused = sendMms("second");
        Eventually.await("both sent", () -> "sent".equals(status(delivered)) && "sent".equals(status(refused)));

        sendAsPbx(response(delivered, "Ok", null));
        sendAsPbx(response(refused, "Error-content-not-accepted", "too big for the handset"));

        Eventually.await("delivered", () -> "delivered".equals(status(delivered)));
        Eventually.await("failed", () -> "failed".equals(status(refused)));
        assertThat(gw.webApi("app").get("/messages/" + refused).body().toString())
                .contains("Error-content-not-accepted")
                .contains("too big for the handset");
    }

    @Test
    void aPbxSendsAnMmsToTwoWebAppsAndGetsItsResponse() throws Exception {
        gw = new SmppGatewayFixture(workingDirectory);
        gw.legacyClient("pbx", PBX, "127.0.0.1:" + PBX_SMTP.getSmtp().getPort());
        gw.webClient("app", APP);
        gw.webClient("other", OTHER);

        sendAsPbx(forwardRequest("+" + PBX, "Grüße vom Empfang — the floor plan attached, café at 3 ☕"));

        Eventually.await(
                "both webhooks",
                () -> !gw.receiver.where("to", "+" + APP).isEmpty()
                        && !gw.receiver.where("to", "+" + OTHER).isEmpty());
        for (String to : new String[] {APP, OTHER}) {
            JsonNode webhook = gw.receiver.where("to", "+" + to).get(0);
            assertThat(webhook.get("from").asText()).isEqualTo("+" + PBX);
            assertThat(webhook.get("type").asText()).isEqualTo("mms");
            assertThat(webhook.get("text").asText())
                    .isEqualTo("Grüße vom Empfang — the floor plan attached, café at 3 ☕");
            assertThat(webhook.get("media")).hasSize(1);
            byte[] image = Base64.getDecoder()
                    .decode(webhook.get("media").get(0).get("base64").asText());
            assertThat(ImageIO.read(new ByteArrayInputStream(image)).getWidth()).isEqualTo(64);
        }
        Eventually.await("the MM4_forward.RES", () -> PBX_SMTP.getReceivedMessages().length == 1);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        PBX_SMTP.getReceivedMessages()[0].writeTo(raw);
        ForwardResponse response = (ForwardResponse) new Mm4Parser().parse(raw.toByteArray());
        assertThat(response.status()).isEqualTo(RequestStatus.OK);
        assertThat(response.transactionId()).isEqualTo("PBX-TX-1");
        assertThat(response.messageId()).isEqualTo("<PBX-MSG-1@pbx.example.net>");
        assertThat(PBX_SMTP.getReceivedMessages()[0].getAllRecipients()[0].toString())
                .isEqualTo("mmsc@pbx.example.net");
    }

    @Test
    void deliveryReportsTravelBothWays() throws Exception {
        gw = new SmppGatewayFixture(workingDirectory);
        gw.legacyClient("pbx", PBX, "127.0.0.1:" + PBX_SMTP.getSmtp().getPort());
        gw.webClient("app", APP);
        gw.webClient("other", OTHER);

        // The PBX asks for a delivery report: once the web app took the message, the PBX is told.
        MimeMessage request = forwardRequest("+" + PBX, "report this, please");
        request.setHeader("X-Mms-Delivery-Report", "Yes");
        request.setHeader("X-Mms-Ack-Request", "No");
        request.setHeader("To", "+" + APP + "/TYPE=PLMN@gw.example.com");
        sendAsPbx(request);
        Eventually.await("the MM4_delivery_report.REQ", () -> PBX_SMTP.getReceivedMessages().length == 1);
        DeliveryReport report = (DeliveryReport) parse(PBX_SMTP.getReceivedMessages()[0]);
        assertThat(report.mmStatus()).isEqualTo(MmStatus.RETRIEVED);
        assertThat(report.messageId()).isEqualTo("<PBX-MSG-1@pbx.example.net>");
        assertThat(report.from().number()).isEqualTo("+" + APP);
        assertThat(report.to().number()).isEqualTo("+" + PBX);

        // The PBX reports on an MMS the gateway forwarded to it, and asks for the answer.
        String id = sendMms("for your handset");
        Eventually.await("sent", () -> "sent".equals(status(id)));
        MimeMessage fromPbx = new MimeMessage(Session.getInstance(new Properties()));
        fromPbx.setHeader("X-Mms-3GPP-MMS-Version", "6.10.0");
        fromPbx.setHeader("X-Mms-Message-Type", "MM4_delivery_report.REQ");
        fromPbx.setHeader("X-Mms-Transaction-ID", "PBX-DR-7");
        fromPbx.setHeader("X-Mms-Message-ID", "<" + id + "@smpp-e2e>");
        fromPbx.setHeader("X-Mms-MM-Status-Code", "Retrieved");
        fromPbx.setHeader("X-Mms-Ack-Request", "Yes");
        fromPbx.setHeader("X-Mms-Originator-System", "mmsc@pbx.example.net");
        fromPbx.setHeader("From", "+" + PBX + "/TYPE=PLMN@pbx.example.net");
        fromPbx.setHeader("To", "+" + APP + "/TYPE=PLMN@gw.example.com");
        fromPbx.setText("");
        sendAsPbx(fromPbx);
        Eventually.await("delivered by the report", () -> "delivered".equals(status(id)));
        Eventually.await("the MM4_delivery_report.RES", () -> PBX_SMTP.getReceivedMessages().length == 3);
        boolean answered = false;
        for (MimeMessage received : PBX_SMTP.getReceivedMessages()) {
            Mm4Message message = parse(received);
            if (message instanceof DeliveryReportResponse response) {
                assertThat(response.transactionId()).isEqualTo("PBX-DR-7");
                assertThat(response.status()).isEqualTo(RequestStatus.OK);
                answered = true;
            }
        }
        assertThat(answered)
                .as("a .RES among " + PBX_SMTP.getReceivedMessages().length)
                .isTrue();
    }

    private static Mm4Message parse(MimeMessage received) throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        received.writeTo(raw);
        return new Mm4Parser().parse(raw.toByteArray());
    }

    @Test
    void refusalsStoreNothing() throws Exception {
        gw = new SmppGatewayFixture(workingDirectory);
        gw.legacyClient("pbx", PBX, "127.0.0.1:" + PBX_SMTP.getSmtp().getPort());
        gw.webClient("app", APP);
        int port = gw.gateway.mm4Address().getPort();

        try (RawSmtp stranger = RawSmtp.connect("127.0.0.2", port)) {
            assertThat(stranger.greeting()).as("unknown source").startsWith("554");
        }
        try (RawSmtp pbx = RawSmtp.connect("127.0.0.1", port)) {
            assertThat(pbx.greeting()).startsWith("220");
            assertThat(pbx.command("EHLO pbx.example.net")).startsWith("250");
            assertThat(pbx.command("MAIL FROM:<+12505559999/TYPE=PLMN@pbx.example.net>"))
                    .startsWith("250");
            assertThat(pbx.command("RCPT TO:<+" + APP + "/TYPE=PLMN@gw.example.com>"))
                    .as("a number that is not the PBX's")
                    .startsWith("550");
            assertThat(pbx.command("RSET")).startsWith("250");
            assertThat(pbx.command("MAIL FROM:<+" + PBX + "/TYPE=PLMN@pbx.example.net>"))
                    .startsWith("250");
            assertThat(pbx.command("RCPT TO:<+" + APP + "/TYPE=PLMN@gw.example.com>"))
                    .startsWith("250");
            assertThat(pbx.command("DATA")).startsWith("354");
            String reply = pbx.command("From: someone@example.com\r\nTo: +" + APP + "@gw.example.com\r\n"
                    + "Subject: not MM4\r\n\r\nJust an e-mail.\r\n.");
            assertThat(reply).as("MIME that is not MM4").startsWith("554").contains("X-Mms-Message-Type");
        }
        sendAsPbx(forwardRequest("+12505559999", "spoofed"), false);
        assertThat(gw.webApi("app").get("/messages/history").body().toString())
                .doesNotContain("spoofed")
                .doesNotContain("Just an e-mail");
        assertThat(gw.receiver.where("to", "+" + APP)).isEmpty();
    }

    private String sendMms(String text) throws Exception {
        HttpProbe.Reply sent = gw.webApi("app")
                .post(
                        "/messages/send",
                        "{\"from\":\"+" + APP + "\",\"to\":\"+" + PBX
                                + "\",\"text\":\"" + text
                                + "\",\"media\":[{\"filename\":\"plan.jpg\",\"content_type\":\"image/jpeg\","
                                + "\"content\":\"" + Base64.getEncoder().encodeToString(JPEG) + "\"}]}");
        assertThat(sent.status()).isEqualTo(202);
        return sent.body().get("id").asText();
    }

    /** An MM4_forward.RES for our message {@code id}, as a PBX writes it. */
    private static MimeMessage response(String id, String status, String text) throws Exception {
        MimeMessage res = new MimeMessage(Session.getInstance(new Properties()));
        res.setHeader("X-Mms-3GPP-MMS-Version", "6.10.0");
        res.setHeader("X-Mms-Message-Type", "MM4_forward.RES");
        res.setHeader("X-Mms-Transaction-ID", id);
        res.setHeader("X-Mms-Message-ID", "<" + id + "@smpp-e2e>");
        res.setHeader("X-Mms-Request-Status-Code", status);
        if (text != null) {
            res.setHeader("X-Mms-Status-Text", text);
        }
        res.setHeader("From", "mmsc@pbx.example.net");
        res.setHeader("To", "system@smpp-e2e");
        res.setText("");
        return res;
    }

    /**
     * An MM4_forward.REQ as a PBX sends it: multipart/related with SMIL, quoted-printable UTF-8 text and a
     * JPEG, a UTF-8 subject, two recipients, an acknowledgement asked for.
     */
    private MimeMessage forwardRequest(String from, String text) throws Exception {
        MimeMessage req = new MimeMessage(Session.getInstance(new Properties()));
        req.setHeader("X-Mms-3GPP-MMS-Version", "6.10.0");
        req.setHeader("X-Mms-Message-Type", "MM4_forward.REQ");
        req.setHeader("X-Mms-Transaction-ID", "PBX-TX-1");
        req.setHeader("X-Mms-Message-ID", "<PBX-MSG-1@pbx.example.net>");
        req.setHeader("X-Mms-Ack-Request", "Yes");
        req.setHeader("X-Mms-Originator-System", "mmsc@pbx.example.net");
        req.setHeader("From", from + "/TYPE=PLMN@pbx.example.net");
        req.setHeader("To", "+" + APP + "/TYPE=PLMN@gw.example.com, +" + OTHER + "/TYPE=PLMN@gw.example.com");
        req.setSubject("Plan für heute", "UTF-8");
        MimeMultipart related = new MimeMultipart("related");
        MimeBodyPart smil = new MimeBodyPart();
        smil.setContent(
                "<smil><body><par><img src=\"plan.jpg\"/><text src=\"text.txt\"/></par></body></smil>",
                "application/smil");
        smil.setContentID("<0.smil>");
        related.addBodyPart(smil);
        MimeBodyPart body = new MimeBodyPart();
        body.setText(text, "UTF-8");
        body.setHeader("Content-Transfer-Encoding", "quoted-printable");
        body.setContentID("<text.txt>");
        related.addBodyPart(body);
        MimeBodyPart image = new MimeBodyPart();
        image.setDataHandler(
                new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(JPEG, "image/jpeg")));
        image.setFileName("plan.jpg");
        image.setContentID("<plan.jpg>");
        related.addBodyPart(image);
        req.setContent(related);
        req.saveChanges();
        return req;
    }

    private void sendAsPbx(MimeMessage message) throws Exception {
        sendAsPbx(message, true);
    }

    /** Sends {@code message} with Jakarta Mail's SMTP transport from 127.0.0.1, the PBX's address. */
    private void sendAsPbx(MimeMessage message, boolean mustBeTaken) throws Exception {
        try {
            JakartaMm4Pbx.send(gw.gateway.mm4Address(), "+" + PBX, "+" + APP, message);
        } catch (jakarta.mail.MessagingException e) {
            if (mustBeTaken) {
                throw e;
            }
            assertThat(e.getMessage()).contains("550");
        }
    }

    static byte[] jpeg(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | ((x + y) & 0xFF));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private String status(String id) {
        try {
            JsonNode body = gw.webApi("app").get("/messages/" + id).body();
            return body.path("status").asText();
        } catch (Exception e) {
            throw new AssertionError("GET /messages/" + id, e);
        }
    }
}
