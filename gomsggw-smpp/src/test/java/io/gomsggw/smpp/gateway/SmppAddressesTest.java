package io.gomsggw.smpp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.smpp.pdu.Address;
import org.junit.jupiter.api.Test;

class SmppAddressesTest {
    @Test
    void anInternationalAddressWithoutPlusIsReadAsInternational() {
        assertThat(SmppAddresses.toNumber(new Address(1, 1, "447911123456"))).isEqualTo("+447911123456");
        assertThat(SmppAddresses.toNumber(new Address(1, 1, "+447911123456"))).isEqualTo("+447911123456");
        assertThat(SmppAddresses.toNumber(new Address(0, 0, "2505551234")))
                .as("left to DEFAULT_REGION")
                .isEqualTo("2505551234");
    }

    @Test
    void e164GoesOutAsAnInternationalAddress() {
        assertThat(SmppAddresses.fromE164("+12505551234")).isEqualTo(new Address(1, 1, "12505551234"));
    }
}
