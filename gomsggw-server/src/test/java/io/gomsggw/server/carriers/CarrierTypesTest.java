package io.gomsggw.server.carriers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.model.Secret;
import java.util.List;
import org.junit.jupiter.api.Test;

class CarrierTypesTest {
    @Test
    void theGoGatewaysThreeTypesAreAlwaysKnown() {
        CarrierTypes types = new CarrierTypes(List.of());

        assertThat(types.known()).containsExactly("onevoiceplus", "telnyx", "twilio");
        assertThatCode(() -> types.validate(carrier("telnyx", null))).doesNotThrowAnyException();
        assertThatCode(() -> types.validate(carrier("Twilio", null))).doesNotThrowAnyException();
    }

    @Test
    void anUnknownTypeIsRefusedNamingTheKnownOnes() {
        CarrierTypes types = new CarrierTypes(List.of(new PigeonCarrierFactory()));

        assertThatThrownBy(() -> types.validate(carrier("sinch", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("type: unknown carrier type 'sinch' (known: onevoiceplus, pigeon, telnyx, twilio)");
    }

    @Test
    void aFactoryChecksItsOwnCarriers() {
        CarrierTypes types = new CarrierTypes(List.of(new PigeonCarrierFactory()));

        assertThat(types.factory("pigeon")).containsInstanceOf(PigeonCarrierFactory.class);
        assertThatCode(() -> types.validate(carrier("pigeon", "loft-1"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> types.validate(carrier("pigeon", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("profile_id is required for pigeon carriers");
    }

    static Carrier carrier(String type, String profileId) {
        return new Carrier(0, "c1", type, null, Secret.of("key"), "uuid-1", profileId, null, null);
    }
}
