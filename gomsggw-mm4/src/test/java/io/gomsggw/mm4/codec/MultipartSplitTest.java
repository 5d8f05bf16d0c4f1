package io.gomsggw.mm4.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * {@link MultipartSplit} against Jakarta Mail's {@code MimeMultipart}, an independent reader of the same bytes:
 * whenever the splitter takes a body, both find the same parts with the same header lines and the same
 * content; and it does take the well-formed bodies a PBX writes.
 */
class MultipartSplitTest {
    private static final String BOUNDARY = "=_b-42";
    private static final List<String> PIECES = List.of(
            "\r\n", "\n", "\r", "--", "-", " ", "\t", "x", "=", "--" + BOUNDARY, "--" + BOUNDARY + "--", "\r\n\r\n");

    @Test
    void splitsWhatAPbxWrites() throws Exception {
        String body = "preamble\r\n--" + BOUNDARY + "\r\nContent-Type: text/plain\r\n\r\nhello\r\n--" + BOUNDARY
                + " \t\r\nContent-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\n\r\nAAEC\r\nAwQF\r\n--"
                + BOUNDARY + "--\r\nepilogue";
        List<MultipartSplit.Part> parts = split(bytes(body), BOUNDARY, 64);
        assertThat(parts).hasSize(2);
        assertThat(content(body, parts.get(0))).isEqualTo("hello");
        assertThat(content(body, parts.get(1))).isEqualTo("AAEC\r\nAwQF");
        assertSameAsJakarta(bytes(body));
    }

    @Test
    void leavesToJakartaWhatItIsNotSureOf() throws Exception {
        String ok = "--b\r\nA: 1\r\n\r\nx\r\n--b--";
        assertThat(split(bytes(ok), "b", 64)).hasSize(1);
        assertThat(split(bytes("--b\r\nA: 1\r\n\r\nx\r\n"), "b", 64))
                .as("no close delimiter")
                .isNull();
        assertThat(split(bytes("--b\r\nA: 1\r\n\r\nx\n--b--"), "b", 64))
                .as("a bare LF before a delimiter")
                .isNull();
        assertThat(split(bytes("--b\r\nA: 1\nB: 2\r\n\r\nx\r\n--b--"), "b", 64))
                .as("a bare LF in the headers")
                .isNull();
        assertThat(split(bytes("--b\r\nA: 1\r\nx\r\n--b--"), "b", 64))
                .as("no empty line")
                .isNull();
        assertThat(split(bytes("--b x\r\nA: 1\r\n\r\nx\r\n--b--"), "b", 64))
                .as("more on the delimiter line")
                .isNull();
        assertThat(split(bytes(ok), null, 64)).isNull();
        assertThatThrownBy(() -> split(bytes("--b\r\n\r\n\r\n--b\r\n\r\n\r\n--b--"), "b", 2))
                .isInstanceOf(MultipartSplit.TooManyParts.class);
    }

    @Property(tries = 1500)
    void agreesWithJakartaOnAnyBody(@ForAll("bodies") byte[] body) throws Exception {
        assertSameAsJakarta(body);
    }

    @Property(tries = 500)
    void takesWellFormedBodies(@ForAll("wellFormed") byte[] body) throws Exception {
        assertThat(split(body, BOUNDARY, 1000)).isNotNull();
        assertSameAsJakarta(body);
    }

    @Property(tries = 300)
    void splitsAWindowAsItSplitsTheSameBytesAlone(@ForAll("bodies") byte[] body) throws Exception {
        // Around the window, bytes that would change the answer if the splitter looked past its ends.
        byte[] before = bytes("--" + BOUNDARY + "\r\nA: 1\r\n\r\nx\r\n");
        byte[] after = bytes("--\r\n--" + BOUNDARY + "--\r\n");
        byte[] array = concat(concat(before, body), after);
        int from = before.length;
        List<MultipartSplit.Part> alone;
        List<MultipartSplit.Part> windowed;
        try {
            alone = split(body, BOUNDARY, 3);
        } catch (MultipartSplit.TooManyParts e) {
            assertThatThrownBy(() -> MultipartSplit.split(array, from, from + body.length, BOUNDARY, 3))
                    .isInstanceOf(MultipartSplit.TooManyParts.class);
            return;
        }
        windowed = MultipartSplit.split(array, from, from + body.length, BOUNDARY, 3);
        if (alone == null) {
            assertThat(windowed).isNull();
            return;
        }
        assertThat(windowed)
                .isEqualTo(alone.stream()
                        .map(p -> new MultipartSplit.Part(
                                p.headerStart() + from,
                                p.headerEnd() + from,
                                p.contentStart() + from,
                                p.contentEnd() + from))
                        .toList());
    }

    @Property(tries = 300)
    void findsAsBruteForceDoes(@ForAll @Size(max = 300) byte[] data, @ForAll @Size(min = 1, max = 12) byte[] marker) {
        byte[] hay = Arrays.copyOf(data, data.length + marker.length * 2);
        System.arraycopy(marker, 0, hay, data.length / 2, Math.min(marker.length, hay.length - data.length / 2));
        for (int from = 0; from <= hay.length; from += 7) {
            for (int to = from; to <= hay.length; to += 5) {
                assertThat(MultipartSplit.indexOf(hay, marker, from, to))
                        .isEqualTo(bruteIndexOf(hay, marker, from, to));
            }
        }
    }

    private static List<MultipartSplit.Part> split(byte[] body, String boundary, int maxDelimiters)
            throws MultipartSplit.TooManyParts {
        return MultipartSplit.split(body, 0, body.length, boundary, maxDelimiters);
    }

    private static int bruteIndexOf(byte[] data, byte[] marker, int from, int to) {
        for (int i = from; i + marker.length <= to; i++) {
            if (Arrays.equals(data, i, i + marker.length, marker, 0, marker.length)) {
                return i;
            }
        }
        return -1;
    }

    private static void assertSameAsJakarta(byte[] body) throws Exception {
        List<MultipartSplit.Part> parts;
        try {
            parts = split(body, BOUNDARY, 1000);
        } catch (MultipartSplit.TooManyParts e) {
            throw new AssertionError(e);
        }
        if (parts == null) {
            return;
        }
        byte[] message = concat(
                bytes("Content-Type: multipart/mixed; boundary=\"" + BOUNDARY + "\"\r\nMIME-Version: 1.0\r\n\r\n"),
                body);
        MimeMessage mime =
                new MimeMessage(Session.getInstance(new Properties()), new SharedByteArrayInputStream(message));
        MimeMultipart jakarta = new MimeMultipart(new MimePartDataSource(mime));
        assertThat(parts).as("parts").hasSize(jakarta.getCount());
        for (int i = 0; i < parts.size(); i++) {
            MultipartSplit.Part p = parts.get(i);
            BodyPart expected = jakarta.getBodyPart(i);
            // As BodyReader builds the part: a window from its header block to the end of its content.
            MimeBodyPart ours = new MimeBodyPart(new ByteWindow(body).window(p.headerStart(), p.contentEnd()));
            assertThat(Collections.list(ours.getAllHeaderLines()))
                    .as("headers of part %d", i)
                    .isEqualTo(Collections.list(((MimeBodyPart) expected).getAllHeaderLines()));
            byte[] raw;
            try (InputStream in = ((MimeBodyPart) expected).getRawInputStream()) {
                raw = in.readAllBytes();
            }
            assertThat(Arrays.copyOfRange(body, p.contentStart(), p.contentEnd()))
                    .as("content of part %d", i)
                    .isEqualTo(raw);
            try (InputStream in = ours.getRawInputStream()) {
                ByteWindow window = ByteWindow.of(in);
                assertThat(window.array())
                        .as("part %d is a window, not a copy", i)
                        .isSameAs(body);
                assertThat(window.from()).isEqualTo(p.contentStart());
                assertThat(window.to()).isEqualTo(p.contentEnd());
            }
        }
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<String> noise = Arbitraries.of(PIECES).list().ofMaxSize(12).map(l -> String.join("", l));
        Arbitrary<String> header = Arbitraries.of("A: 1\r\n", "Content-Type: text/plain\r\n", " folded\r\n", "B:\r\n");
        Arbitrary<String> part = Combinators.combine(
                        header.list().ofMaxSize(3).map(l -> String.join("", l)),
                        Arbitraries.of("\r\n", "\n", "", "\r\n\r\n"),
                        noise)
                .as((h, blank, content) -> h + blank + content);
        Arbitrary<String> delimiter = Arbitraries.of(
                "\r\n--" + BOUNDARY + "\r\n",
                "\r\n--" + BOUNDARY + " \r\n",
                "\n--" + BOUNDARY + "\r\n",
                "\r\n--" + BOUNDARY + "x\r\n",
                "\r\n--" + BOUNDARY);
        Arbitrary<String> close = Arbitraries.of(
                "\r\n--" + BOUNDARY + "--", "\r\n--" + BOUNDARY + "--\r\n", "\r\n--" + BOUNDARY + "-- \r\n", "");
        return Combinators.combine(
                        noise,
                        Combinators.combine(delimiter, part)
                                .as((d, p) -> d + p)
                                .list()
                                .ofMinSize(1)
                                .ofMaxSize(4),
                        close,
                        noise)
                .as((preamble, ps, end, epilogue) -> bytes(preamble + String.join("", ps) + end + epilogue));
    }

    @Provide
    Arbitrary<byte[]> wellFormed() {
        Arbitrary<String> content = Arbitraries.of("x", "-", "\r\n", " ", "=", "x-" + BOUNDARY, "x--" + BOUNDARY)
                .list()
                .ofMaxSize(20)
                .map(l -> String.join("", l));
        Arbitrary<String> part = Combinators.combine(
                        Arbitraries.of("", "A: 1\r\n", "Content-Type: image/jpeg\r\nContent-ID: <a>\r\n"), content)
                .as((h, c) -> "--" + BOUNDARY + "\r\n" + h + "\r\n" + c + "\r\n");
        return Combinators.combine(
                        Arbitraries.of("", "preamble\r\n"),
                        part.list().ofMinSize(1).ofMaxSize(5),
                        Arbitraries.of("", "\r\n", "\r\nepilogue\r\n"))
                .as((pre, ps, epi) -> bytes(pre + String.join("", ps) + "--" + BOUNDARY + "--" + epi));
    }

    private static String content(String body, MultipartSplit.Part part) {
        return new String(
                bytes(body), part.contentStart(), part.contentEnd() - part.contentStart(), StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
