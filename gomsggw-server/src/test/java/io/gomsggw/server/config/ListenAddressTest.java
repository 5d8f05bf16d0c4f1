package io.gomsggw.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ListenAddressTest {
    @Test
    void readsHostPortForms() {
        assertThat(ListenAddress.parse("0.0.0.0:3000")).isEqualTo(new ListenAddress("0.0.0.0", 3000));
        assertThat(ListenAddress.parse(":9550")).isEqualTo(new ListenAddress("0.0.0.0", 9550));
        assertThat(ListenAddress.parse("localhost:0")).isEqualTo(new ListenAddress("localhost", 0));
        assertThat(ListenAddress.parse("[::]:2566")).isEqualTo(new ListenAddress("::", 2566));
    }

    @Test
    void printsAsWritten() {
        assertThat(ListenAddress.parse("[::1]:25")).hasToString("[::1]:25");
        assertThat(ListenAddress.parse(":25")).hasToString("0.0.0.0:25");
    }

    @Test
    void refusesWhatIsNotHostPort() {
        for (String text : new String[] {"abc", "3000", "host:", "host:-1", "ho st:1", "[zz]:1", "::1:25", "a:b:c"}) {
            assertThatThrownBy(() -> ListenAddress.parse(text))
                    .as(text)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not a host:port: '" + text + "'");
        }
        assertThatThrownBy(() -> ListenAddress.parse("host:65536"))
                .hasMessage("port out of range (0-65535) in 'host:65536'");
    }
}
