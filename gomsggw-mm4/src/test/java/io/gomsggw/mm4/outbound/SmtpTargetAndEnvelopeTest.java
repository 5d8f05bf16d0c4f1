package io.gomsggw.mm4.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpTargetAndEnvelopeTest {
    @Test
    void takesTheHostAsWrittenFromAnUnresolvedAddress() {
        assertThat(SmtpTarget.of(InetSocketAddress.createUnresolved("pbx.example.net", 2525)))
                .isEqualTo(new SmtpTarget("pbx.example.net", 2525));
        assertThat(SmtpTarget.of(InetSocketAddress.createUnresolved("2001:db8::1", 25)))
                .isEqualTo(new SmtpTarget("2001:db8::1", 25));
    }

    @Test
    void refusesBlankHostsAndPortsOutOfRange() {
        assertThatThrownBy(() -> new SmtpTarget(" ", 25)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SmtpTarget("h", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SmtpTarget("h", 65536)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void envelopeRefusesAddressesThatWouldBreakTheCommand() {
        assertThat(SmtpEnvelope.of("+1/TYPE=PLMN", "+2/TYPE=PLMN@d").recipients())
                .containsExactly("+2/TYPE=PLMN@d");
        for (String bad : List.of("", "a b", "<a>", "a\r\nRCPT TO:<b>")) {
            assertThatThrownBy(() -> SmtpEnvelope.of(bad, "x")).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> SmtpEnvelope.of("x", bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
