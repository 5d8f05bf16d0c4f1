package io.gomsggw.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.gomsggw.core.testing.Eventually;
import io.gomsggw.mm4.codec.ForwardRequest;
import io.gomsggw.mm4.codec.Mm4Parser;
import jakarta.mail.internet.MimeMessage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
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
    private static final byte[] JPEG = jpeg(64, 48);

    @RegisterExtension
    static final GreenMailExtension PBX_SMTP = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

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

        HttpProbe.Reply sent = gw.webApi("app").post("/messages/send", "{\"from\":\"+" + APP + "\",\"to\":\"+" + PBX
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
        assertThat(request.recipients()).singleElement().satisfies(r -> assertThat(r.number()).isEqualTo("+" + PBX));
        assertThat(request.text()).isEqualTo("the floor plan");
        assertThat(request.media()).singleElement().satisfies(p -> {
            assertThat(p.contentType()).isEqualTo("image/jpeg");
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(p.content()));
            assertThat(image.getWidth()).isEqualTo(64);
            assertThat(image.getHeight()).isEqualTo(48);
        });
        assertThat(new String(request.smil().orElseThrow().content(), StandardCharsets.UTF_8)).contains("<img");
        Eventually.await("sent, waiting for the PBX's MM4_forward.RES", () -> "sent".equals(status(id)));
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
