package io.gomsggw.mm4.codec;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * {@link Base64Lines} against two independent decoders: the JDK's MIME decoder for what MIME writers
 * produce, and Jakarta Mail's (the decoder it stands in for) for any input it accepts.
 */
class Base64LinesTest {
    @Property(tries = 500)
    void decodesWhatMimeWritersProduce(
            @ForAll @Size(max = 2000) byte[] data, @ForAll @IntRange(min = 1, max = 40) int lineQuads) {
        byte[] encoded = Base64.getMimeEncoder(lineQuads * 4, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encode(data);
        assertThat(decode(encoded)).isEqualTo(data);
        byte[] withFinalLineEnd =
                (new String(encoded, StandardCharsets.US_ASCII) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(decode(withFinalLineEnd)).isEqualTo(data);
    }

    @Property(tries = 1500)
    void whatItAcceptsJakartaMailDecodesAlike(@ForAll("base64ish") String text) throws Exception {
        byte[] in = text.getBytes(StandardCharsets.US_ASCII);
        byte[] ours = decode(in);
        if (ours == null) {
            return;
        }
        byte[] jakarta;
        try (InputStream s = MimeUtility.decode(new ByteArrayInputStream(in), "base64")) {
            jakarta = s.readAllBytes();
        }
        assertThat(ours).isEqualTo(jakarta);
        assertThat(ours).isEqualTo(Base64.getMimeDecoder().decode(in));
    }

    @Test
    void leavesAnythingElseToJakartaMail() {
        assertThat(decode(bytes("AAEC AwQF"))).as("a space").isNull();
        assertThat(decode(bytes("AAEC*AwQF"))).as("outside the alphabet").isNull();
        assertThat(decode(bytes("AA==AwQF"))).as("padding in the middle").isNull();
        assertThat(decode(bytes("AAECA"))).as("one character left").isNull();
        assertThat(decode(bytes("AAECAw"))).as("no padding").isNull();
        assertThat(decode(bytes("AAECAw="))).as("short padding").isNull();
        assertThat(decode(bytes("AAECAw==\r\n"))).containsExactly(0, 1, 2, 3);
        assertThat(decode(bytes("AAECAwQ=\r\n"))).containsExactly(0, 1, 2, 3, 4);
        assertThat(decode(bytes(""))).isEmpty();
    }

    @Property(tries = 500)
    void decodesAWindowAsTheSameBytesAlone(@ForAll("base64ish") String text) {
        byte[] in = text.getBytes(StandardCharsets.US_ASCII);
        // Around the window, bytes that would change the answer if the decoder read past its ends.
        byte[] array = ("AB=*" + text + "*A=").getBytes(StandardCharsets.US_ASCII);
        assertThat(Base64Lines.decode(array, 4, 4 + in.length)).isEqualTo(decode(in));
    }

    @Test
    void allocatesTheOutputAtItsExactLength() {
        byte[] data = new byte[50_000];
        new Random(7).nextBytes(data);
        for (int length : new int[] {50_000, 49_999, 49_998}) {
            byte[] part = Arrays.copyOf(data, length);
            byte[] encoded = Base64.getMimeEncoder().encode(part);
            byte[] decoded = decode(encoded);
            assertThat(decoded).hasSize(length).isEqualTo(part);
        }
    }

    @Provide
    Arbitrary<String> base64ish() {
        return Arbitraries.of(List.of("A", "Q", "/", "+", "z", "9", "AAAA", "=", "==", "\r\n", "\n", "\r", " ", "*"))
                .list()
                .ofMaxSize(40)
                .map(l -> String.join("", l));
    }

    private static byte[] decode(byte[] in) {
        return Base64Lines.decode(in, 0, in.length);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
