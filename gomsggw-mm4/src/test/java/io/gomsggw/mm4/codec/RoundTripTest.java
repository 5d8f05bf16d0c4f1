package io.gomsggw.mm4.codec;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What {@link Mm4Writer} writes, {@link Mm4Parser} and plain Jakarta Mail read back. */
class RoundTripTest {
    private static final Instant NOW = Instant.parse("2025-12-02T12:00:00Z");

    private final Mm4Writer writer = new Mm4Writer(Clock.fixed(NOW, ZoneOffset.UTC));
    private final Mm4Parser parser = new Mm4Parser();

    private static ForwardRequest request() {
        return ForwardRequest.builder()
                .transactionId("LOG-1")
                .messageId("<LOG-1@gw.example.com>")
                .from(Mm4Address.plmn("+12505551234", "gw.example.com"))
                .recipient(Mm4Address.plmn("+12505550001", "pbx.example.net"))
                .recipient(Mm4Address.plmn("+12505550002"))
                .subject("Café ☕ line\r\nBcc: injected")
                .date(Instant.parse("2025-12-01T08:30:00Z"))
                .ackRequested(true)
                .deliveryReportRequested(true)
                .originatorSystem("system@gw.example.com")
                .text("Hello 👋\nsecond line, ünïcödé")
                .media(new Mm4Part("image/jpeg", "photo.jpg", Resources.bytes("tiny.jpg")))
                .media(new Mm4Part("image/png", "my photo (1).png", Optional.of("png-1"), Resources.bytes("tiny.png")))
                .media(new Mm4Part("audio/amr", "photo.jpg", Resources.bytes("tiny.amr")))
                .build();
    }

    @Test
    void forwardRequestReadsBackTheSameValues() throws Exception {
        ForwardRequest written = request();

        ForwardRequest read = (ForwardRequest) parser.parse(writer.toBytes(written));

        assertThat(read.version()).isEqualTo("6.10.0");
        assertThat(read.transactionId()).isEqualTo(written.transactionId());
        assertThat(read.messageId()).isEqualTo(written.messageId());
        assertThat(read.from()).isEqualTo(written.from());
        assertThat(read.recipients()).isEqualTo(written.recipients());
        assertThat(read.subject()).contains("Café ☕ line  Bcc: injected");
        assertThat(read.date()).isEqualTo(written.date());
        assertThat(read.ackRequested()).isTrue();
        assertThat(read.deliveryReportRequested()).isTrue();
        assertThat(read.originatorSystem()).isEqualTo(written.originatorSystem());
        assertThat(read.text()).isEqualTo(written.text());
        assertThat(read.media())
                .extracting(Mm4Part::contentType, Mm4Part::filename)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("image/jpeg", "photo.jpg"),
                        org.assertj.core.groups.Tuple.tuple("image/png", "my photo (1).png"),
                        org.assertj.core.groups.Tuple.tuple("audio/amr", "photo.jpg"));
        for (int i = 0; i < written.media().size(); i++) {
            assertThat(read.media().get(i).content())
                    .isEqualTo(written.media().get(i).content());
        }
        assertThat(read.media().get(1).contentId()).contains("png-1");
        assertThat(read.smil()).isPresent();
    }

    @Test
    void aParsedRequestWrittenAgainReadsBackEqual() throws Exception {
        ForwardRequest once = (ForwardRequest) parser.parse(writer.toBytes(request()));

        ForwardRequest twice = (ForwardRequest) parser.parse(writer.toBytes(once));

        assertThat(twice).isEqualTo(once);
    }

    @Test
    void missingDateComesFromTheClockAndFlagsDefaultToNo() throws Exception {
        ForwardRequest minimal = ForwardRequest.builder()
                .transactionId("T")
                .messageId("M@h")
                .from(Mm4Address.plmn("+1"))
                .recipient(Mm4Address.plmn("+2"))
                .text("hi")
                .build();

        byte[] bytes = writer.toBytes(minimal);
        ForwardRequest read = (ForwardRequest) parser.parse(bytes);

        assertThat(read.date()).contains(NOW);
        assertThat(read.ackRequested()).isFalse();
        assertThat(read.deliveryReportRequested()).isFalse();
        assertThat(read.subject()).isEmpty();
        assertThat(read.messageId()).isEqualTo("M@h");
        assertThat(new String(bytes, StandardCharsets.US_ASCII)).contains("\r\nMessage-ID: <M@h>\r\n");
    }

    @Test
    void writesTheHeadersAsTheGoGatewayDid() throws Exception {
        String head = headerBlock(writer.toBytes(request()));

        assertThat(head)
                .contains(
                        "\r\nFrom: +12505551234/TYPE=PLMN@gw.example.com\r\n",
                        "\r\nTo: +12505550001/TYPE=PLMN@pbx.example.net, +12505550002/TYPE=PLMN\r\n",
                        "\r\nX-Mms-3GPP-Mms-Version: 6.10.0\r\n",
                        "\r\nX-Mms-message-Type: MM4_forward.REQ\r\n",
                        "\r\nX-Mms-message-Id: <LOG-1@gw.example.com>\r\n",
                        "\r\nX-Mms-Transaction-Id: LOG-1\r\n",
                        "\r\nX-Mms-Ack-Request: Yes\r\n",
                        "\r\nX-Mms-Delivery-Report: Yes\r\n",
                        "\r\nX-Mms-Originator-System: system@gw.example.com\r\n",
                        "\r\nMessage-ID: <LOG-1@gw.example.com>\r\n",
                        "\r\nMIME-Version: 1.0\r\n");
        assertThat(head).doesNotContain("\r\nBcc:");
    }

    @Test
    void anIndependentReaderSeesSmilFirstReferencingEveryPart() throws Exception {
        MimeMessage mime = new MimeMessage(
                Session.getInstance(new Properties()), new SharedByteArrayInputStream(writer.toBytes(request())));

        ContentType type = new ContentType(mime.getContentType());
        assertThat(type.getBaseType()).isEqualTo("multipart/related");
        assertThat(type.getParameter("type")).isEqualTo("application/smil");
        assertThat(type.getParameter("start")).isEqualTo("<0.smil>");

        MimeMultipart related = (MimeMultipart) mime.getContent();
        BodyPart smilPart = related.getBodyPart(0);
        assertThat(new ContentType(smilPart.getContentType()).getBaseType()).isEqualTo("application/smil");
        assertThat(smilPart.getHeader("Content-ID")).containsExactly("<0.smil>");
        String smil = new String(smilPart.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        List<String> references = new ArrayList<>();
        for (int i = 1; i < related.getCount(); i++) {
            BodyPart p = related.getBodyPart(i);
            String location = p.getHeader("Content-Location")[0];
            String cid = p.getHeader("Content-ID")[0];
            assertThat(cid).startsWith("<").endsWith(">");
            assertThat(smil).contains("src=\"" + location + "\"");
            references.add(location);
            if (p.isMimeType("text/plain")) {
                assertThat(p.getContentType()).containsIgnoringCase("charset=utf-8");
                assertThat(smil).contains("<text src=\"" + location + "\" region=\"Text\"/>");
            } else {
                assertThat(p.getHeader("Content-Transfer-Encoding")).containsExactly("base64");
                assertThat(new ContentType(p.getContentType()).getParameter("name"))
                        .isNotBlank();
            }
        }
        assertThat(references).doesNotHaveDuplicates().hasSize(4);
        assertThat(smil)
                .contains(
                        "<img src=\"photo.jpg\" region=\"Image\"/>",
                        "<audio src=\"2_photo.jpg\"/>",
                        "<img src=\"my_photo__1_.png\" region=\"Image\"/>");
    }

    @Test
    void responsesAndReportsReadBackEqual() throws Exception {
        ForwardRequest req = request();
        ForwardResponse res = ForwardResponse.answering(
                req,
                RequestStatus.ERROR_CONTENT_NOT_ACCEPTED,
                Optional.of("trop gros — too big"),
                "system@pbx.example.net");
        DeliveryReport report = new DeliveryReport(
                "6.10.0",
                "DR-1",
                req.messageId(),
                req.recipients().get(0),
                req.from(),
                Optional.of(Instant.parse("2025-12-02T11:00:00Z")),
                MmStatus.RETRIEVED,
                Optional.of("delivered"),
                true,
                Optional.of("system@pbx.example.net"));
        DeliveryReportResponse reportRes =
                DeliveryReportResponse.answering(report, RequestStatus.OK, Optional.empty(), "system@gw.example.com");

        assertThat(parser.parse(writer.toBytes(res))).isEqualTo(res);
        assertThat(parser.parse(writer.toBytes(report))).isEqualTo(report);
        assertThat(parser.parse(writer.toBytes(reportRes))).isEqualTo(reportRes);
        assertThat(res.to()).contains("system@gw.example.com");
        assertThat(headerBlock(writer.toBytes(res)))
                .contains("\r\nX-Mms-Request-Status-Code: Error-content-not-accepted\r\n");
        assertThat(headerBlock(writer.toBytes(report))).contains("\r\nX-Mms-MM-Status-Code: Retrieved\r\n");
    }

    @Test
    void smilGivenWithTheRequestIsKept() throws Exception {
        Mm4Part smil =
                new Mm4Part("application/smil", "custom.smil", "<smil><body/></smil>".getBytes(StandardCharsets.UTF_8));
        ForwardRequest req = request().toBuilder().smil(Optional.of(smil)).build();

        ForwardRequest read = (ForwardRequest) parser.parse(writer.toBytes(req));

        assertThat(read.smil()).hasValueSatisfying(s -> assertThat(s.content()).isEqualTo(smil.content()));
    }

    @Test
    void lineBreaksInValuesCannotInjectHeadersOrParts() throws Exception {
        ForwardRequest req = request().toBuilder()
                .transactionId("T\r\nX-Injected: 1")
                .media(List.of(new Mm4Part("image/jpeg", "a.jpg\r\nX-Injected: 2", new byte[] {1})))
                .build();

        byte[] bytes = writer.toBytes(req);

        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("\r\nX-Injected");
        ForwardRequest read = (ForwardRequest) parser.parse(bytes);
        assertThat(read.transactionId()).isEqualTo("T  X-Injected: 1");
        assertThat(read.media())
                .singleElement()
                .satisfies(p -> assertThat(p.filename()).isEqualTo("a.jpg  X-Injected: 2"));
    }

    @Test
    void partsRefuseMediaTypesThatAreNotTypeSlashSubtype() {
        for (String bad : List.of("image", "image/", "/jpeg", "image/jpeg; name=x", "image /jpeg", "")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Mm4Part(bad, "x", new byte[0]))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static String headerBlock(byte[] message) {
        String s = new String(message, StandardCharsets.US_ASCII);
        return "\r\n" + s.substring(0, s.indexOf("\r\n\r\n") + 2);
    }
}
