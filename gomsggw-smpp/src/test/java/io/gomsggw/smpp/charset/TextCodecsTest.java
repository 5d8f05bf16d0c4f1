package io.gomsggw.smpp.charset;

import static io.gomsggw.smpp.pdu.Hex.hex;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextCodecsTest {

    @Test
    void ucs2KeepsEmojiAsSurrogatePairs() {
        String text = "hi 😀 👍🏽 ok";
        byte[] b = TextCodecs.UCS2.encode(text);
        assertThat(b).hasSize(text.length() * 2);
        assertThat(hex(TextCodecs.UCS2.encode("😀"))).isEqualTo("d83dde00");
        assertThat(TextCodecs.UCS2.decode(b)).isEqualTo(text);
    }

    @Test
    void latin1AndIa5() {
        assertThat(TextCodecs.LATIN1.decode(TextCodecs.LATIN1.encode("naïve café")))
                .isEqualTo("naïve café");
        assertThat(TextCodecs.LATIN1.encode("€")).containsExactly('?');
        assertThat(TextCodecs.IA5.encode("aé")).containsExactly('a', '?');
        assertThat(TextCodecs.IA5.decode(new byte[] {(byte) 0xC1})).isEqualTo("A");
    }

    @Test
    void dataCodingMapping() {
        DataCoding dc = DataCoding.STANDARD;
        assertThat(dc.codecFor(0)).contains(TextCodecs.GSM7);
        assertThat(dc.codecFor(1)).contains(TextCodecs.IA5);
        assertThat(dc.codecFor(3)).contains(TextCodecs.LATIN1);
        assertThat(dc.codecFor(8)).contains(TextCodecs.UCS2);
        assertThat(dc.codecFor(4)).isEmpty();
        assertThat(dc.codecFor(2)).isEmpty();
        assertThat(dc.codecFor(0xF0)).contains(TextCodecs.GSM7);
        assertThat(dc.codecFor(0xF4)).isEmpty();
        assertThat(dc.codecFor(0x18)).contains(TextCodecs.UCS2);
        assertThat(new DataCoding(true).codecFor(0)).contains(TextCodecs.LATIN1);
        assertThat(DataCoding.kindOf(4)).isEqualTo(DataCoding.Kind.BINARY);
    }

    @Test
    void outgoingChoice() {
        assertThat(DataCoding.STANDARD.codecForText("price 5€")).isEqualTo(TextCodecs.GSM7);
        assertThat(DataCoding.STANDARD.codecForText("😀")).isEqualTo(TextCodecs.UCS2);
    }
}
