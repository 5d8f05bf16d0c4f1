package io.gomsggw.smpp.charset;

import static io.gomsggw.smpp.pdu.Hex.hex;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Gsm7Test {

    @Test
    void classicHellohello() {
        assertThat(hex(Gsm7.encodePacked("hellohello"))).isEqualTo("e8329bfd4697d9ec37");
        assertThat(Gsm7.decodePacked(hex("e8329bfd4697d9ec37"), 0, 10)).isEqualTo("hellohello");
    }

    @Test
    void sevenCharactersFillSevenOctets() {
        assertThat(hex(Gsm7.encodePacked("1234567"))).isEqualTo("31d98c56b3dd00");
        assertThat(Gsm7.decodePacked(hex("31d98c56b3dd00"), 0, 7)).isEqualTo("1234567");
    }

    @Test
    void eightCharactersAlsoFitSevenOctets() {
        assertThat(hex(Gsm7.encodePacked("12345678"))).isEqualTo("31d98c56b3dd70");
        assertThat(Gsm7.decodePacked(hex("31d98c56b3dd70"), 0, 8)).isEqualTo("12345678");
        assertThat(Gsm7.encodePacked("123456789")).hasSize(8);
    }

    @Test
    void packingWithFillBitsAfterSixOctetUdh() {
        byte[] septets = Gsm7.encodeUnpacked("hi");
        byte[] packed = Gsm7.pack(septets, 1);
        assertThat(hex(packed)).isEqualTo("d069"); // 0 fill bit, 'h'=0x68 in bits 1-7, 'i'=0x69 in bits 8-14
        assertThat(Gsm7.unpack(packed, 1, 2)).containsExactly(septets);
        assertThat(io.gomsggw.smpp.text.Udh.fillBits(6)).isEqualTo(1);
        assertThat(io.gomsggw.smpp.text.Udh.fillBits(7)).isZero();
    }

    @Test
    void unpackedIsOneSeptetPerOctet() {
        assertThat(hex(Gsm7.encodeUnpacked("@£$A\n"))).isEqualTo("000102410a");
        assertThat(Gsm7.decodeUnpacked(hex("000102410a"))).isEqualTo("@£$A\n");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "€:1b65", "{:1b28", "}:1b29", "[:1b3c", "]:1b3e", "~:1b3d", "\\:1b2f", "^:1b14", "|:1b40", "\f:1b0a"
            })
    void extensionCharacters(String spec) {
        String ch = spec.substring(0, 1);
        String code = spec.substring(2);
        assertThat(hex(Gsm7.encodeUnpacked(ch))).isEqualTo(code);
        assertThat(Gsm7.decodeUnpacked(hex(code))).isEqualTo(ch);
        assertThat(Gsm7.septetCount("a" + ch)).isEqualTo(3);
        String text = "x" + ch + "y";
        assertThat(Gsm7.decodePacked(Gsm7.encodePacked(text), 0, 4)).isEqualTo(text);
        assertThat(Gsm7.canEncode(text)).isTrue();
    }

    @Test
    void unmappableBecomesQuestionMark() {
        assertThat(Gsm7.canEncode("naïve")).isFalse();
        assertThat(Gsm7.decodeUnpacked(Gsm7.encodeUnpacked("a😀b"))).isEqualTo("a?b");
        assertThat(Gsm7.decodeUnpacked(Gsm7.encodeUnpacked("中"))).isEqualTo("?");
    }

    @Test
    void roundTripWholeAlphabet() {
        String all = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
                + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà€{}[]~\\^|\f";
        assertThat(Gsm7.canEncode(all)).isTrue();
        assertThat(Gsm7.decodeUnpacked(Gsm7.encodeUnpacked(all))).isEqualTo(all);
        byte[] septets = Gsm7.encodeUnpacked(all);
        for (int fill = 0; fill <= 6; fill++) {
            assertThat(Gsm7.unpack(Gsm7.pack(septets, fill), fill, septets.length))
                    .containsExactly(septets);
        }
    }

    @Test
    void hostileInputsDoNotThrow() {
        assertThat(Gsm7.decodeUnpacked(hex("1b"))).isEqualTo(" ");
        assertThat(Gsm7.decodeUnpacked(hex("1b41ff"))).isEqualTo("Aà");
        assertThat(Gsm7.unpack(hex("ff"), 0, 1000)).hasSize(1);
    }
}
