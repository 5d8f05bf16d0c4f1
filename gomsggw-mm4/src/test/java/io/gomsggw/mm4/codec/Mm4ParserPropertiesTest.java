package io.gomsggw.mm4.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Hostile input only ever produces {@link Mm4FormatException}; whatever the parser accepts, the writer
 * writes and the parser reads again. Inputs are bounded (a few KiB) so each try is quick.
 */
class Mm4ParserPropertiesTest {
    private static final List<String> GOLDEN = List.of(
            "forward-related.eml",
            "forward-mixed-qp-8bit.eml",
            "forward-nested.eml",
            "forward-single-image.eml",
            "forward-res.eml",
            "delivery-report-req.eml",
            "delivery-report-res.eml");
    private static final List<String> TOKENS = List.of(
            "\r\n",
            "\n",
            "\r\n\r\n",
            "--",
            "--b\r\n",
            "=",
            "==",
            "\"",
            "<",
            ">",
            ",",
            "@",
            "/TYPE=",
            "=?UTF-8?B?",
            "=?utf-8?q?=FF?=",
            "\u0000",
            "\t",
            " ",
            "Content-Type: multipart/mixed; boundary=b\r\n",
            "Content-Type: text/plain; charset=x-bogus\r\n",
            "Content-Transfer-Encoding: base64\r\n",
            "Content-Transfer-Encoding: quoted-printable\r\n",
            "Content-Transfer-Encoding: uuencode\r\n",
            "Content-Disposition: attachment; filename*=utf-8''%FF\r\n",
            "X-Mms-Message-Type: MM4_forward.RES\r\n",
            "To: \r\n",
            "From: ,,,\r\n");

    private final Mm4Parser parser = new Mm4Parser(new Mm4Limits(16, 4, 4096, 256 * 1024, 256 * 1024));
    private final Mm4Writer writer = new Mm4Writer(Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));

    @Property(tries = 1000)
    void randomBytesNeverEscape(@ForAll @Size(max = 4096) byte[] bytes) {
        parseOnlyFailsTyped(bytes);
    }

    @Property(tries = 500)
    void randomBodiesBehindMm4HeadersNeverEscape(
            @ForAll("contentTypes") String contentType, @ForAll @Size(max = 2048) byte[] body) {
        byte[] head = ("From: +1/TYPE=PLMN@a\r\nTo: +2/TYPE=PLMN\r\nX-Mms-3GPP-MMS-Version: 6.10.0\r\n"
                        + "X-Mms-Message-Type: MM4_forward.REQ\r\nX-Mms-Transaction-ID: 1\r\nX-Mms-Message-ID: 1\r\n"
                        + "Content-Type: " + contentType + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head);
        out.writeBytes(body);
        parseOnlyFailsTyped(out.toByteArray());
    }

    @Property(tries = 1500)
    void mutatedRealMessagesNeverEscape(
            @ForAll("golden") byte[] message, @ForAll("mutations") @Size(min = 1, max = 6) List<Mutation> mutations) {
        byte[] b = message;
        for (Mutation m : mutations) {
            b = m.apply(b);
        }
        parseOnlyFailsTyped(b);
    }

    private void parseOnlyFailsTyped(byte[] bytes) {
        Mm4Message message;
        try {
            message = parser.parse(bytes);
        } catch (Mm4FormatException expected) {
            assertThat(expected.status()).isNotEqualTo(RequestStatus.OK);
            assertThat(expected.getMessage()).isNotBlank();
            return;
        }
        try {
            Mm4Message again = parser.parse(writer.toBytes(message));
            assertThat(again.type()).isEqualTo(message.type());
            // The writer puts values on one line: control characters become spaces.
            assertThat(again.transactionId()).isEqualTo(oneLine(message.transactionId()));
        } catch (Mm4FormatException e) {
            throw new AssertionError("accepted " + message + " but not its rewrite: " + e.getMessage(), e);
        }
    }

    private static String oneLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.chars().forEach(c -> b.append(Character.isISOControl(c) ? ' ' : (char) c));
        return b.toString().strip();
    }

    @Provide
    Arbitrary<byte[]> golden() {
        return Arbitraries.of(GOLDEN).map(Resources::bytes);
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of(
                "text/plain",
                "text/plain; charset=iso-8859-1",
                "image/jpeg",
                "multipart/mixed; boundary=b",
                "multipart/related; boundary=\"=_x\"",
                "multipart/alternative",
                "application/smil",
                "message/rfc822",
                "multipart/mixed; boundary=",
                "bogus");
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> flip = Combinators.combine(
                        Arbitraries.integers().greaterOrEqual(0),
                        Arbitraries.integers().between(0, 7))
                .as((pos, bit) -> b -> {
                    if (b.length == 0) {
                        return b;
                    }
                    byte[] c = b.clone();
                    c[pos % c.length] ^= (byte) (1 << bit);
                    return c;
                });
        Arbitrary<Mutation> truncate = Arbitraries.integers()
                .greaterOrEqual(0)
                .map(pos -> b -> java.util.Arrays.copyOf(b, b.length == 0 ? 0 : pos % b.length));
        Arbitrary<Mutation> insertBytes = Combinators.combine(
                        Arbitraries.integers().greaterOrEqual(0),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(64))
                .as(Mm4ParserPropertiesTest::insert);
        Arbitrary<Mutation> insertToken = Combinators.combine(
                        Arbitraries.integers().greaterOrEqual(0), Arbitraries.of(TOKENS))
                .as((pos, token) -> insert(pos, token.getBytes(StandardCharsets.UTF_8)));
        Arbitrary<Mutation> delete = Combinators.combine(
                        Arbitraries.integers().greaterOrEqual(0),
                        Arbitraries.integers().between(1, 200))
                .as((pos, len) -> b -> {
                    if (b.length == 0) {
                        return b;
                    }
                    int from = pos % b.length;
                    int to = Math.min(b.length, from + len);
                    byte[] c = new byte[b.length - (to - from)];
                    System.arraycopy(b, 0, c, 0, from);
                    System.arraycopy(b, to, c, from, b.length - to);
                    return c;
                });
        return Arbitraries.oneOf(flip, truncate, insertBytes, insertToken, delete)
                .list();
    }

    private static Mutation insert(int pos, byte[] what) {
        return b -> {
            int at = b.length == 0 ? 0 : pos % (b.length + 1);
            byte[] c = new byte[b.length + what.length];
            System.arraycopy(b, 0, c, 0, at);
            System.arraycopy(what, 0, c, at, what.length);
            System.arraycopy(b, at, c, at + what.length, b.length - at);
            return c;
        };
    }

    /** One change to a message's bytes. */
    @FunctionalInterface
    interface Mutation {
        byte[] apply(byte[] message);
    }
}
