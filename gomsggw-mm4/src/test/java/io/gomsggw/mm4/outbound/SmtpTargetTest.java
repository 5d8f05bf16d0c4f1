package io.gomsggw.mm4.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpTargetTest {
    @Test
    void readsClientAddresses() {
        assertThat(SmtpTarget.parse("pbx.example.net")).isEqualTo(new SmtpTarget("pbx.example.net", 25));
        assertThat(SmtpTarget.parse(" 192.0.2.7:2525 ")).isEqualTo(new SmtpTarget("192.0.2.7", 2525));
        assertThat(SmtpTarget.parse("[2001:db8::1]:587")).isEqualTo(new SmtpTarget("2001:db8::1", 587));
        assertThat(SmtpTarget.parse("[2001:db8::1]")).isEqualTo(new SmtpTarget("2001:db8::1", 25));
        assertThat(SmtpTarget.parse("2001:db8::1")).isEqualTo(new SmtpTarget("2001:db8::1", 25));
    }

    @Test
    void refusesBadAddresses() {
        for (String bad : List.of("", "host:", "host:x", "host:70000", ":25", "[::1", "[::1]x")) {
            assertThatThrownBy(() -> SmtpTarget.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void envelopeRefusesAddressesThatWouldBreakTheCommand() {
        assertThat(SmtpEnvelope.of("+1/TYPE=PLMN", "+2/TYPE=PLMN@d").recipients()).containsExactly("+2/TYPE=PLMN@d");
        for (String bad : List.of("", "a b", "<a>", "a\r\nRCPT TO:<b>")) {
            assertThatThrownBy(() -> SmtpEnvelope.of(bad, "x")).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> SmtpEnvelope.of("x", bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
