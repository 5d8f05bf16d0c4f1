package io.gomsggw.server.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ListenerStatesTest {
    private final ListenerStates states = new ListenerStates();

    @Test
    void eachListenerReportsItsOwnStateAndOneThatThrowsIsDown() {
        AtomicBoolean mm4 = new AtomicBoolean(true);
        states.register("http", () -> true);
        states.register("mm4", mm4::get);
        states.register("smpp", () -> {
            throw new IllegalStateException("closed");
        });

        assertThat(states.snapshot())
                .containsExactly(
                        java.util.Map.entry("http", true),
                        java.util.Map.entry("mm4", true),
                        java.util.Map.entry("smpp", false));
        mm4.set(false);
        assertThat(states.snapshot()).containsEntry("mm4", false);
    }

    @Test
    void aNameIsRegisteredOnce() {
        states.register("mm4", () -> true);
        assertThatThrownBy(() -> states.register("mm4", () -> true)).isInstanceOf(IllegalStateException.class);
    }
}
