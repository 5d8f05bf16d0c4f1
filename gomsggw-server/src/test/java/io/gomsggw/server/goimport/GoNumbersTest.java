package io.gomsggw.server.goimport;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.phone.PhoneNumbers;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class GoNumbersTest {
    private final GoNumbers us = new GoNumbers(new PhoneNumbers("US"));

    private static GoNumbers.Reading number(String e164) {
        return new GoNumbers.Reading.Number(e164, Optional.empty());
    }

    @Test
    void theGoFormDigitsWithTheCountryCodeReadAsThatInternationalNumber() {
        assertThat(us.read("12505551234")).isEqualTo(number("+12505551234"));
        assertThat(us.read("447911123456")).isEqualTo(number("+447911123456"));
        assertThat(us.read("33612345678")).isEqualTo(number("+33612345678"));
        assertThat(new GoNumbers(new PhoneNumbers("GB")).read("12505551234")).isEqualTo(number("+12505551234"));
    }

    @Test
    void aNumberWrittenWithItsPlusOrPunctuationReadsAsWritten() {
        assertThat(us.read("+12505551234")).isEqualTo(number("+12505551234"));
        assertThat(us.read(" +1 (250) 555-1234 ")).isEqualTo(number("+12505551234"));
        assertThat(us.read("+44 7911 123456")).isEqualTo(number("+447911123456"));
    }

    @Test
    void digitsWithoutTheCountryCodeReadInTheDefaultRegionWithANote() {
        assertThat(us.read("2505551234")).isInstanceOfSatisfying(GoNumbers.Reading.Number.class, read -> {
            assertThat(read.e164()).isEqualTo("+12505551234");
            assertThat(read.note())
                    .hasValue("read as +12505551234, a number of DEFAULT_REGION US "
                            + "(stored without its country code)");
        });
        assertThat(new GoNumbers(new PhoneNumbers("GB")).read("07911123456"))
                .isInstanceOfSatisfying(
                        GoNumbers.Reading.Number.class,
                        read -> assertThat(read.e164()).isEqualTo("+447911123456"));
    }

    @Test
    void whatIsNoPhoneNumberIsRefusedWithTheReason() {
        assertThat(us.read("")).isEqualTo(new GoNumbers.Reading.Refused("the number is empty"));
        assertThat(us.read(null)).isEqualTo(new GoNumbers.Reading.Refused("the number is empty"));
        assertThat(us.read("555")).isInstanceOf(GoNumbers.Reading.Refused.class);
        assertThat(us.read("1-800-FLOWERS"))
                .isInstanceOfSatisfying(
                        GoNumbers.Reading.Refused.class,
                        refused -> assertThat(refused.reason()).contains("invalid character 'F'"));
        assertThat(us.e164("555")).isEmpty();
        assertThat(us.e164("12505551234")).hasValue("+12505551234");
    }

    @Property
    void anyDigitsReadAsAPossibleE164NumberOrAreRefused(
            @ForAll @NumericChars @StringLength(min = 1, max = 20) String digits) {
        GoNumbers.Reading reading = us.read(digits);
        if (reading instanceof GoNumbers.Reading.Number read) {
            assertThat(read.e164()).matches("\\+[1-9][0-9]+");
            assertThat(us.read(read.e164())).isEqualTo(number(read.e164()));
        } else {
            assertThat(((GoNumbers.Reading.Refused) reading).reason()).isNotBlank();
        }
    }

    @Property
    void anyTextIsReadOrRefusedNeverThrown(
            @ForAll @StringLength(max = 40) @CharRange(from = ' ', to = '~') String text) {
        assertThat(us.read(text)).isNotNull();
    }
}
