package io.gomsggw.mm4.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.util.SharedFileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real-shaped MM4 messages, as PBXs and relays write them, read by {@link Mm4Parser}. */
class GoldenParsingTest {
    private final Mm4Parser parser = new Mm4Parser();

    @Test
    void relatedWithSmilTextAndJpegTwoRecipientsAndUtf8Subject() throws Exception {
        ForwardRequest r = (ForwardRequest) parser.parse(Resources.bytes("forward-related.eml"));

        assertThat(r.version()).isEqualTo("6.5.0");
        assertThat(r.transactionId()).isEqualTo("T-1001");
        assertThat(r.messageId()).isEqualTo("<M-1001@mms.example.com>");
        assertThat(r.bareMessageId()).isEqualTo("M-1001@mms.example.com");
        assertThat(r.from()).isEqualTo(Mm4Address.plmn("+12505551234", "mms.example.com"));
        assertThat(r.recipients())
                .containsExactly(
                        Mm4Address.plmn("+12505550001", "gw.example.com"),
                        Mm4Address.plmn("12505550002", "gw.example.com"));
        assertThat(r.subject()).contains("Café ☕ photo");
        assertThat(r.date()).contains(Instant.parse("2025-12-02T18:15:30Z"));
        assertThat(r.ackRequested()).isTrue();
        assertThat(r.deliveryReportRequested()).isTrue();
        assertThat(r.originatorSystem()).contains("system@mms.example.com");
        assertThat(r.text()).isEqualTo("Hello from the PBX, ünïcödé 👋");
        assertThat(r.media())
                .containsExactly(
                        new Mm4Part("image/jpeg", "photo.jpg", Optional.of("img1"), Resources.bytes("tiny.jpg")));
        assertThat(r.smil()).hasValueSatisfying(smil -> {
            assertThat(smil.contentType()).isEqualTo("application/smil");
            assertThat(smil.contentId()).contains("smil");
            assertThat(smil.filename()).isEqualTo("mms.smil");
            assertThat(new String(smil.content(), StandardCharsets.UTF_8)).contains("<img src=\"cid:img1\"");
        });
    }

    @Test
    void mixedWithQuotedPrintableLatin1And8bitUtf8LowerCaseHeadersAndNoDomains() throws Exception {
        ForwardRequest r = (ForwardRequest) parser.parse(Resources.bytes("forward-mixed-qp-8bit.eml"));

        assertThat(r.version()).isEqualTo("6.10.0");
        assertThat(r.transactionId()).isEqualTo("42");
        assertThat(r.messageId()).isEqualTo("42@pbx.example.net");
        assertThat(r.from()).isEqualTo(new Mm4Address("12505551234", Optional.empty(), Optional.of("pbx.example.net")));
        assertThat(r.recipients())
                .containsExactly(
                        Mm4Address.plmn("+12505550001"),
                        new Mm4Address("+12505550003", Optional.of("plmn"), Optional.empty()));
        assertThat(r.recipients()).allMatch(Mm4Address::isPlmn);
        assertThat(r.subject()).contains("plain subject");
        assertThat(r.date()).isEmpty();
        assertThat(r.ackRequested()).isFalse();
        assertThat(r.deliveryReportRequested()).isFalse();
        assertThat(r.originatorSystem()).isEmpty();
        assertThat(r.text()).isEqualTo("Grüße aus München\nnaïve café 8bit");
        assertThat(r.media()).isEmpty();
        assertThat(r.smil()).isEmpty();
    }

    @Test
    void nestedMixedInsideRelatedWithGeneratedNames() throws Exception {
        ForwardRequest r = (ForwardRequest) parser.parse(Resources.bytes("forward-nested.eml"));

        assertThat(r.from()).isEqualTo(Mm4Address.plmn("+12505551234", "mms.example.com"));
        assertThat(r.recipients()).containsExactly(Mm4Address.plmn("+12505550001", "gw.example.com"));
        assertThat(r.text()).isEqualTo("nested text");
        assertThat(r.smil()).hasValueSatisfying(s -> assertThat(s.contentId()).contains("0.smil"));
        assertThat(r.media())
                .containsExactly(
                        new Mm4Part("image/png", "tiny.png", Optional.empty(), Resources.bytes("tiny.png")),
                        new Mm4Part("audio/amr", "part2.amr", Optional.empty(), Resources.bytes("tiny.amr")));
    }

    @Test
    void singleNonMultipartImageBody() throws Exception {
        ForwardRequest r = (ForwardRequest) parser.parse(Resources.bytes("forward-single-image.eml"));

        assertThat(r.messageId()).isEqualTo("M-8");
        assertThat(r.text()).isEmpty();
        assertThat(r.smil()).isEmpty();
        assertThat(r.media())
                .containsExactly(
                        new Mm4Part("image/jpeg", "single.jpg", Optional.empty(), Resources.bytes("tiny.jpg")));
    }

    @Test
    void forwardResponse() throws Exception {
        ForwardResponse r = (ForwardResponse) parser.parse(Resources.bytes("forward-res.eml"));

        assertThat(r)
                .isEqualTo(new ForwardResponse(
                        "6.10.0",
                        "T-1001",
                        "<M-1001@mms.example.com>",
                        RequestStatus.ERROR_SERVICE_DENIED,
                        Optional.of("Sender not allowed"),
                        Optional.of("system@gw.example.com"),
                        Optional.of("system@mms.example.com")));
    }

    @Test
    void deliveryReportRequest() throws Exception {
        DeliveryReport r = (DeliveryReport) parser.parse(Resources.bytes("delivery-report-req.eml"));

        assertThat(r)
                .isEqualTo(new DeliveryReport(
                        "6.10.0",
                        "DR-55",
                        "<M-1001@mms.example.com>",
                        Mm4Address.plmn("+12505550001", "gw.example.com"),
                        Mm4Address.plmn("+12505551234", "mms.example.com"),
                        Optional.of(Instant.parse("2025-12-02T18:20:00Z")),
                        MmStatus.RETRIEVED,
                        Optional.of("Reçu"),
                        true,
                        Optional.of("system@gw.example.com")));
    }

    @Test
    void deliveryReportResponse() throws Exception {
        DeliveryReportResponse r = (DeliveryReportResponse) parser.parse(Resources.bytes("delivery-report-res.eml"));

        assertThat(r)
                .isEqualTo(new DeliveryReportResponse(
                        "6.10.0",
                        "DR-55",
                        "<M-1001@mms.example.com>",
                        RequestStatus.OK,
                        Optional.empty(),
                        Optional.of("system@mms.example.com"),
                        Optional.of("system@gw.example.com")));
    }

    @Test
    void plainEmailIsUnsupported() {
        assertThatThrownBy(() -> parser.parse(Resources.bytes("not-mm4.eml")))
                .isInstanceOfSatisfying(
                        Mm4FormatException.class,
                        e -> assertThat(e.status()).isEqualTo(RequestStatus.ERROR_UNSUPPORTED_MESSAGE));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "forward-related.eml",
                "forward-mixed-qp-8bit.eml",
                "forward-nested.eml",
                "forward-single-image.eml",
                "forward-res.eml",
                "delivery-report-req.eml"
            })
    void theParsedMessageSharesNoBytesWithTheArrayItWasParsedFrom(String name) throws Exception {
        byte[] message = Resources.bytes(name);
        Mm4Message parsed = parser.parse(message);

        Arrays.fill(message, (byte) 'x'); // the parts are windows over this array while parsing, copies after

        assertThat(parsed).isEqualTo(parser.parse(Resources.bytes(name)));
    }

    @Test
    void readsASpooledFileInPlace(@TempDir Path dir) throws Exception {
        Path spooled = dir.resolve("body.eml");
        Files.write(spooled, Resources.bytes("forward-related.eml"));

        ForwardRequest r;
        try (SharedFileInputStream in = new SharedFileInputStream(spooled.toFile())) {
            r = (ForwardRequest) parser.parse(in);
        }

        assertThat(r.media())
                .singleElement()
                .satisfies(p -> assertThat(p.content()).isEqualTo(Resources.bytes("tiny.jpg")));
        assertThat(r.text()).isEqualTo("Hello from the PBX, ünïcödé 👋");
    }

    @Test
    void readsAPlainStreamAndLfLineEnds() throws Exception {
        byte[] lf = new String(Resources.bytes("forward-related.eml"), StandardCharsets.UTF_8)
                .replace("\r\n", "\n")
                .getBytes(StandardCharsets.UTF_8);

        ForwardRequest r = (ForwardRequest) parser.parse(new java.io.ByteArrayInputStream(lf));

        assertThat(r.recipients()).hasSize(2);
        assertThat(r.media())
                .singleElement()
                .satisfies(p -> assertThat(p.content()).isEqualTo(Resources.bytes("tiny.jpg")));
    }
}
