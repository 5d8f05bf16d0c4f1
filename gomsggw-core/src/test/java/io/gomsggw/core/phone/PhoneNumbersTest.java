package io.gomsggw.core.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {
    private final PhoneNumbers us = new PhoneNumbers("US");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "+1 (250) 555-1234",
                "1-250-555-1234",
                "2505551234",
                "12505551234",
                "+12505551234",
                " 250.555.1234 ",
                "(250) 555 1234"
            })
    void commonNotationsBecomeE164(String raw) throws Exception {
        assertThat(us.normalize(raw)).isEqualTo("+12505551234");
    }

    @Test
    void otherCountriesKeepTheirCode() throws Exception {
        assertThat(us.normalize("+44 20 7946 0958")).isEqualTo("+442079460958");
        assertThat(new PhoneNumbers("GB").normalize("020 7946 0958")).isEqualTo("+442079460958");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"12ab", "", "   ", "+", "1-800-FLOWERS", "123", "abc", "++12505551234", "12505551234567890123"})
    void garbageIsRefusedWithAReason(String raw) {
        assertThatThrownBy(() -> us.normalize(raw))
                .isInstanceOf(InvalidPhoneNumberException.class)
                .hasMessageNotContaining("Exception");
        assertThat(us.normalizeOrNull(raw)).isNull();
    }

    @Test
    void unknownRegionIsRefused() {
        assertThatThrownBy(() -> new PhoneNumbers("XX")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void regionIsCaseInsensitive() {
        assertThat(new PhoneNumbers("us").defaultRegion()).isEqualTo("US");
    }

    @Test
    void aNumberReadAgainGivesTheSameAnswerAndARefusalIsNotRemembered() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(us.normalize(" (250) 555-1234 ")).isEqualTo("+12505551234");
            assertThat(us.normalize("250.555.1234")).isEqualTo("+12505551234");
            assertThatThrownBy(() -> us.normalize("250555")).isInstanceOf(InvalidPhoneNumberException.class);
        }
    }

    @Test
    void aNumberWrittenInE164IsKeptAsWrittenSoThatNormalizingIsIdempotent() throws Exception {
        PhoneNumbers numbers = new PhoneNumbers("US");

        String once = numbers.normalize("+4300000");

        assertThat(once).isEqualTo("+4300000");
        assertThat(numbers.normalize(once)).isEqualTo(once);
        assertThat(numbers.normalize("+44 (0)20 7946 0958")).isEqualTo("+442079460958");
        assertThat(numbers.normalize(numbers.normalize("+44 (0)20 7946 0958"))).isEqualTo("+442079460958");
    }
}
