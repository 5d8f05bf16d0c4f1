package io.gomsggw.carriers.twilio;

import static io.gomsggw.carriers.CarrierFixtures.CLOCK;
import static io.gomsggw.carriers.CarrierFixtures.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.model.Secret;
import io.gomsggw.core.spi.CarrierAdapter;
import org.junit.jupiter.api.Test;

class TwilioCarrierFactoryTest {
    private final TwilioCarrierFactory factory = new TwilioCarrierFactory();

    private static Carrier carrier(String sid, String token, String baseUrl) {
        return new Carrier(1, "twilio-main", "twilio", sid, Secret.of(token), "uuid-1", null, null, baseUrl);
    }

    @Test
    void badRecordsAreRefusedNamingTheField() {
        assertThat(factory.type()).isEqualTo("twilio");
        assertThatThrownBy(() -> factory.validate(carrier(null, "t", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("username:");
        assertThatThrownBy(() -> factory.validate(carrier("AC1/../x", "t", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("username:");
        assertThatThrownBy(() -> factory.validate(carrier("AC1", "", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("password:");
        assertThatThrownBy(() -> factory.validate(carrier("AC1", "t", "https://api.twilio.com?x=1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("base_url:");
        assertThatThrownBy(() -> factory.create(carrier(" ", "t", null), context(CLOCK)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("username:");
    }

    @Test
    void aCompleteRecordCreatesAnAdapter() {
        factory.validate(carrier("AC00000000000000000000000000000001", "t", "https://api.twilio.com/"));
        try (CarrierAdapter adapter = factory.create(carrier("AC1", "t", null), context(CLOCK))) {
            assertThat(adapter.name()).isEqualTo("twilio-main");
        }
    }
}
