package io.gomsggw.smpp.text;

import static io.gomsggw.smpp.pdu.Hex.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.smpp.charset.Gsm7;
import io.gomsggw.smpp.charset.TextCodecs;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SegmenterTest {
    private final Segmenter seg = Segmenter.STANDARD;

    static String ucs2WithEmoji(int length) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (sb.length() < length) {
            sb.append(i % 5 == 4 ? "😀" : "жи".substring(i % 2, i % 2 + 1));
            i++;
        }
        return sb.toString();
    }

    @Test
    void singleParts() {
        assertThat(seg.segment("x".repeat(160), 1).count()).isEqualTo(1);
        assertThat(seg.segment("x".repeat(160), 1).udhi()).isFalse();
        assertThat(seg.segment("x".repeat(161), 1).count()).isEqualTo(2);
        assertThat(seg.segment("€".repeat(80), 1).count()).isEqualTo(1);
        assertThat(seg.segment("€".repeat(81), 1).count()).isEqualTo(2);
        assertThat(seg.segment("ж".repeat(70), 1).dataCoding()).isEqualTo(8);
        assertThat(seg.segment("ж".repeat(70), 1).count()).isEqualTo(1);
        assertThat(seg.segment("ж".repeat(71), 1).count()).isEqualTo(2);
    }

    @Test
    void udhBytes() {
        Segments s = seg.segment("a".repeat(200), 0x42);
        assertThat(hex(Arrays.copyOf(s.parts().get(0), 6))).isEqualTo("050003420201");
        assertThat(hex(Arrays.copyOf(s.parts().get(1), 6))).isEqualTo("050003420202");
        assertThat(s.parts().get(0)).hasSize(6 + 153);
        Segments s16 = new Segmenter(true, false).segment("a".repeat(200), 0x1234);
        assertThat(hex(Arrays.copyOf(s16.parts().get(0), 7))).isEqualTo("06080412340201");
        assertThat(s16.parts().get(0)).hasSize(7 + 152);
    }

    @Test
    void gsm400WithEuroNeverSplitsEscape() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 400; i++) {
            sb.append(i % 7 == 6 ? '€' : (char) ('a' + i % 26));
        }
        String text = sb.toString();
        Segments s = seg.segment(text, 7);
        assertThat(s.dataCoding()).isZero();
        assertThat(Gsm7.septetCount(text)).isGreaterThan(2 * 153);
        assertThat(s.count()).isEqualTo(3);
        StringBuilder back = new StringBuilder();
        for (byte[] part : s.parts()) {
            byte[] septets = Arrays.copyOfRange(part, 6, part.length);
            assertThat(septets.length).isLessThanOrEqualTo(153);
            assertThat(septets[septets.length - 1]).isNotEqualTo((byte) Gsm7.ESC);
            back.append(Gsm7.decodeUnpacked(septets));
        }
        assertThat(back.toString()).isEqualTo(text);
    }

    @Test
    void escapeAtPartBoundaryMovesToNextPart() {
        String text = "a".repeat(152) + "€" + "b".repeat(10);
        Segments s = seg.segment(text, 1);
        assertThat(s.parts().get(0)).hasSize(6 + 152);
        assertThat(Gsm7.decodeUnpacked(
                        Arrays.copyOfRange(s.parts().get(1), 6, s.parts().get(1).length)))
                .startsWith("€");
    }

    @Test
    void ucs2300WithEmojiNeverSplitsPair() {
        String text = ucs2WithEmoji(300);
        Segments s = seg.segment(text, 9);
        assertThat(s.dataCoding()).isEqualTo(8);
        assertThat(s.count()).isEqualTo(5);
        StringBuilder back = new StringBuilder();
        for (byte[] part : s.parts()) {
            String chunk = TextCodecs.UCS2.decode(Arrays.copyOfRange(part, 6, part.length));
            assertThat(chunk.length()).isLessThanOrEqualTo(67);
            assertThat(Character.isHighSurrogate(chunk.charAt(chunk.length() - 1)))
                    .isFalse();
            assertThat(Character.isLowSurrogate(chunk.charAt(0))).isFalse();
            back.append(chunk);
        }
        assertThat(back.toString()).isEqualTo(text);
    }

    @Test
    void packedModeUsesFillBits() {
        Segments s = new Segmenter(false, true).segment("a".repeat(200), 3);
        byte[] p0 = s.parts().get(0);
        assertThat(p0).hasSize(140);
        assertThat(Gsm7.decodePacked(Arrays.copyOfRange(p0, 6, p0.length), 1, 153))
                .isEqualTo("a".repeat(153));
    }
}
