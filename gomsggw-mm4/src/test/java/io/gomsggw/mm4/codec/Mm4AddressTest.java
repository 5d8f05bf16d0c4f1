package io.gomsggw.mm4.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Mm4AddressTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "+12505551234/TYPE=PLMN@mms.example.com        | +12505551234 | PLMN | mms.example.com",
                "12505551234@host                              | 12505551234  |      | host",
                "+12505551234/TYPE=PLMN                        | +12505551234 | PLMN |",
                "12505551234                                   | 12505551234  |      |",
                "<+12505551234/TYPE=PLMN@mms.example.com>      | +12505551234 | PLMN | mms.example.com",
                "'\"Bob <home>\" <12505551234/type=plmn@h.example>' | 12505551234 | plmn | h.example",
                "Alice <+12505551234/TYPE=PLMN>                | +12505551234 | PLMN |",
                "'  +12505551234/TYPE=PLMN@[192.0.2.1]  '      | +12505551234 | PLMN | [192.0.2.1]",
                "system@mms.example.com                        | system       |      | mms.example.com",
            })
    void parsesEveryForm(String text, String number, String type, String domain) throws Exception {
        Mm4Address a = Mm4Address.parse(text);

        assertThat(a.number()).isEqualTo(number);
        assertThat(a.type()).isEqualTo(Optional.ofNullable(type));
        assertThat(a.domain()).isEqualTo(Optional.ofNullable(domain));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "<>",
                "@host",
                "+1250 555 1234@host",
                "a@b@c",
                "12505551234@",
                "<12505551234@host",
                "12505551234@host>",
                "12505551234/TYPE=@host",
                "12505551234/TYPE=PL MN@host",
                "++12505551234",
                "1250\r\n5551234@host",
                "12505551234@ho st",
                "12505551234@host\u0000"
            })
    void refusesGarbage(String text) {
        assertThatThrownBy(() -> Mm4Address.parse(text))
                .isInstanceOfSatisfying(
                        Mm4FormatException.class,
                        e -> assertThat(e.status()).isEqualTo(RequestStatus.ERROR_MESSAGE_FORMAT_CORRUPT));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "+12505551234/TYPE=PLMN@mms.example.com",
                "12505551234@host",
                "+12505551234/TYPE=PLMN",
                "12505551234"
            })
    void writesWhatItReads(String text) throws Exception {
        assertThat(Mm4Address.parse(text).toHeaderValue()).isEqualTo(text);
    }

    @org.junit.jupiter.api.Test
    void plmnFactories() {
        assertThat(Mm4Address.plmn("+12505551234", "gw.example.com").toHeaderValue())
                .isEqualTo("+12505551234/TYPE=PLMN@gw.example.com");
        assertThat(Mm4Address.plmn("+12505551234").withDomain("d.example").toHeaderValue())
                .isEqualTo("+12505551234/TYPE=PLMN@d.example");
        assertThat(Mm4Address.plmn("+1").isPlmn()).isTrue();
        assertThatThrownBy(() -> Mm4Address.plmn("+1 2", "d")).isInstanceOf(IllegalArgumentException.class);
    }
}
