package io.gomsggw.mm4.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Input the parser refuses, and the status it answers with. */
class RefusalTest {
    private static final String HEADERS = """
            From: +12505551234/TYPE=PLMN@mms.example.com
            To: +12505550001/TYPE=PLMN@gw.example.com
            X-Mms-3GPP-MMS-Version: 6.10.0
            X-Mms-Message-Type: MM4_forward.REQ
            X-Mms-Transaction-ID: T-1
            X-Mms-Message-ID: M-1
            """;

    private final Mm4Parser parser = new Mm4Parser();

    @Test
    void noMessageTypeIsUnsupported() {
        assertRefused(
                HEADERS.replace("X-Mms-Message-Type: MM4_forward.REQ\n", "") + "\nhello\n",
                RequestStatus.ERROR_UNSUPPORTED_MESSAGE);
    }

    @Test
    void anMm4TypeThisCodecDoesNotHandleIsUnsupported() {
        assertRefused(
                HEADERS.replace("MM4_forward.REQ", "MM4_read_reply_report.REQ") + "\n",
                RequestStatus.ERROR_UNSUPPORTED_MESSAGE);
    }

    @Test
    void emptyInputIsUnsupported() {
        assertRefused("", RequestStatus.ERROR_UNSUPPORTED_MESSAGE);
    }

    @Test
    void missingRequiredHeadersAreCorrupt() {
        for (String header : new String[] {"X-Mms-3GPP-MMS-Version", "X-Mms-Transaction-ID", "X-Mms-Message-ID"}) {
            String without = HEADERS.lines().filter(l -> !l.startsWith(header)).reduce("", (a, b) -> a + b + "\n");
            assertRefused(without + "\nhi\n", RequestStatus.ERROR_MESSAGE_FORMAT_CORRUPT);
        }
        assertRefused(
                HEADERS.replace("To: +12505550001/TYPE=PLMN@gw.example.com\n", "") + "\nhi\n",
                RequestStatus.ERROR_MESSAGE_FORMAT_CORRUPT);
        assertRefused(
                HEADERS.replace("X-Mms-Transaction-ID: T-1", "X-Mms-Transaction-ID: \"\"") + "\nhi\n",
                RequestStatus.ERROR_MESSAGE_FORMAT_CORRUPT);
    }

    @Test
    void unreadableSenderIsUnresolved() {
        assertRefused(
                HEADERS.replace("From: +12505551234/TYPE=PLMN@mms.example.com", "From: <not a number>") + "\nhi\n",
                RequestStatus.ERROR_SENDING_ADDRESS_UNRESOLVED);
        assertRefused(
                HEADERS.replace("From: +12505551234/TYPE=PLMN@mms.example.com\n", "") + "\nhi\n",
                RequestStatus.ERROR_SENDING_ADDRESS_UNRESOLVED);
    }

    @Test
    void unreadableRecipientIsCorrupt() {
        assertRefused(
                HEADERS.replace("To: +12505550001/TYPE=PLMN@gw.example.com", "To: +1250, <broken") + "\nhi\n",
                RequestStatus.ERROR_MESSAGE_FORMAT_CORRUPT);
    }

    @Test
    void deliveryReportWithoutStatusIsCorrupt() {
        String report = HEADERS.replace("MM4_forward.REQ", "MM4_delivery_report.REQ") + "\n";
        assertRefused(report, RequestStatus.ERROR_MESSAGE_FORMAT_CORRUPT);
        assertThat(parse(report.replace("\n\n", "\nX-Mms-MM-Status-Code: Vaporised\n\n")))
                .isInstanceOfSatisfying(
                        DeliveryReport.class, r -> assertThat(r.mmStatus()).isEqualTo(MmStatus.INDETERMINATE));
    }

    @Test
    void responseWithUnknownStatusReadsAsUnspecifiedAndWithoutStatusIsCorrupt() {
        String res = HEADERS.replace("MM4_forward.REQ", "MM4_forward.RES") + "\n";
        assertRefused(res, RequestStatus.ERROR_MESSAGE_FORMAT_CORRUPT);
        assertThat(parse(res.replace("\n\n", "\nX-Mms-Request-Status-Code: Error-new-kind\n\n")))
                .isInstanceOfSatisfying(
                        ForwardResponse.class, r -> assertThat(r.status()).isEqualTo(RequestStatus.ERROR_UNSPECIFIED));
    }

    @Test
    void boundaryNotFoundIsCorrupt() {
        assertRefused(
                HEADERS
                        + "Content-Type: multipart/related; boundary=abc\n\n--xyz\nContent-Type: text/plain\n\nhi\n--xyz--\n",
                RequestStatus.ERROR_MESSAGE_FORMAT_CORRUPT);
    }

    @Test
    void badContentTypeIsCorrupt() {
        assertRefused(HEADERS + "Content-Type: ;;;\n\nhi\n", RequestStatus.ERROR_MESSAGE_FORMAT_CORRUPT);
    }

    @Test
    void truncatedBase64IsCorrupt() {
        assertRefused(
                HEADERS + "Content-Type: image/jpeg\nContent-Transfer-Encoding: base64\n\n/9j/4AAQSkZJRg\n",
                RequestStatus.ERROR_MESSAGE_FORMAT_CORRUPT);
    }

    @Test
    void unknownTransferEncodingIsCorrupt() {
        assertRefused(
                HEADERS + "Content-Type: image/jpeg\nContent-Transfer-Encoding: x-rot13\n\nabc\n",
                RequestStatus.ERROR_MESSAGE_FORMAT_CORRUPT);
    }

    @Test
    void tooManyPartsAreCorruptBeforeThePartsAreBuilt() {
        StringBuilder b = new StringBuilder(HEADERS).append("Content-Type: multipart/mixed; boundary=b\n\n");
        for (int i = 0; i < 200_000; i++) {
            b.append("--b\n\nx\n");
        }
        b.append("--b--\n");
        assertRefused(b.toString(), RequestStatus.ERROR_MESSAGE_FORMAT_CORRUPT);

        StringBuilder justOver = new StringBuilder(HEADERS).append("Content-Type: multipart/mixed; boundary=b\n\n");
        for (int i = 0; i < 65; i++) {
            justOver.append("--b\nContent-Type: application/octet-stream\n\nx\n");
        }
        justOver.append("--b--\n");
        assertRefused(justOver.toString(), RequestStatus.ERROR_MESSAGE_FORMAT_CORRUPT);
        assertThat(parse(justOver.toString().replaceFirst("--b\nContent-Type: application/octet-stream\n\nx\n", "")))
                .isInstanceOfSatisfying(
                        ForwardRequest.class, r -> assertThat(r.media()).hasSize(64));
    }

    @Test
    void tooDeepIsCorrupt() {
        assertRefused(HEADERS + nested(9), RequestStatus.ERROR_MESSAGE_FORMAT_CORRUPT);
        assertRefused(HEADERS + nested(5_000), RequestStatus.ERROR_MESSAGE_FORMAT_CORRUPT);
        assertThat(parse(HEADERS + nested(8)))
                .isInstanceOfSatisfying(
                        ForwardRequest.class, r -> assertThat(r.text()).isEqualTo("deep"));
    }

    @Test
    void headerBlockTooLargeIsCorrupt() {
        String big = HEADERS + "X-Filler: " + "a".repeat(70_000) + "\n\nhi\n";
        assertRefused(big, RequestStatus.ERROR_MESSAGE_FORMAT_CORRUPT);
        assertRefused(
                HEADERS + "X-Filler: no end of headers" + "b".repeat(70_000),
                RequestStatus.ERROR_MESSAGE_FORMAT_CORRUPT);
    }

    @Test
    void contentDecodingToMoreThanTheLimitIsNotAccepted() {
        Mm4Parser small = new Mm4Parser(new Mm4Limits(64, 8, 4096, 1000, 1_000_000));
        String message = HEADERS + "Content-Type: application/octet-stream\n\n" + "z".repeat(1001) + "\n";
        assertThatThrownBy(() -> small.parse(message.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOfSatisfying(
                        Mm4FormatException.class,
                        e -> assertThat(e.status()).isEqualTo(RequestStatus.ERROR_CONTENT_NOT_ACCEPTED));
    }

    @Test
    void plainStreamLargerThanTheLimitIsNotAccepted() {
        Mm4Parser small = new Mm4Parser(new Mm4Limits(64, 8, 4096, 1_000_000, 2000));
        byte[] message = (HEADERS + "\n" + "z".repeat(5000)).getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> small.parse(new ByteArrayInputStream(message)))
                .isInstanceOfSatisfying(
                        Mm4FormatException.class,
                        e -> assertThat(e.status()).isEqualTo(RequestStatus.ERROR_CONTENT_NOT_ACCEPTED));
    }

    @Test
    void unreadableDateOrSubjectIsNoReasonToRefuse() {
        assertThat(parse(HEADERS + "Date: the day after tomorrow\nSubject: =?x-unknown?Q?abc?=\n\nhi\n"))
                .isInstanceOfSatisfying(ForwardRequest.class, r -> {
                    assertThat(r.date()).isEmpty();
                    assertThat(r.subject()).contains("=?x-unknown?Q?abc?=");
                    assertThat(r.text()).isEqualTo("hi\n");
                });
    }

    private static String nested(int depth) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            String boundary = "level" + i + "x";
            open.append(i == 0 ? "" : "--level" + (i - 1) + "x\n")
                    .append("Content-Type: multipart/mixed; boundary=")
                    .append(boundary)
                    .append("\n\n");
            close.insert(0, "--" + boundary + "--\n");
        }
        return open + "--level" + (depth - 1) + "x\nContent-Type: text/plain\n\ndeep\n" + close;
    }

    private Mm4Message parse(String message) {
        try {
            return parser.parse(message.getBytes(StandardCharsets.UTF_8));
        } catch (Mm4FormatException e) {
            throw new AssertionError("refused: " + e.getMessage() + " " + e.status(), e);
        }
    }

    private void assertRefused(String message, RequestStatus status) {
        assertThatThrownBy(() -> parser.parse(message.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        Mm4FormatException.class, e -> assertThat(e.status()).isEqualTo(status));
    }
}
