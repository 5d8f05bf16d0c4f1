package io.gomsggw.smpp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.testing.MutableClock;
import io.gomsggw.smpp.charset.Gsm7;
import io.gomsggw.smpp.text.ConcatInfo;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LongMessageAssemblyTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final LongMessageAssembly assembly = new LongMessageAssembly("pbx", clock, Duration.ofSeconds(60), 3);

    private LongMessageAssembly.Step part(int reference, int total, int seq, String text, int registeredDelivery) {
        return assembly.offer("12505550001", "12505550002", new ConcatInfo(reference, total, seq), 0,
                Gsm7.encodeUnpacked(text), registeredDelivery);
    }

    @Test
    void everyPartIsAnsweredWithTheIdTheWholeMessageGets() {
        LongMessageAssembly.Step first = part(7, 3, 1, "Hello ", 0);
        LongMessageAssembly.Step third = part(7, 3, 3, "world", 1);
        LongMessageAssembly.Step second = part(7, 3, 2, "big ", 0);

        String id = ((LongMessageAssembly.Waiting) first).id();
        assertThat(third).isEqualTo(new LongMessageAssembly.Waiting(id));
        assertThat(second).isInstanceOfSatisfying(LongMessageAssembly.Whole.class, whole -> {
            assertThat(whole.id()).isEqualTo(id);
            assertThat(whole.text()).contains("Hello big world");
            assertThat(whole.registeredDelivery()).as("asked for by the third part").isEqualTo(1);
        });
        assertThat(assembly.pendingParts()).isZero();
    }

    @Test
    void aDuplicatePartGetsTheSameIdAndIsNotCountedTwice() {
        String id = ((LongMessageAssembly.Waiting) part(9, 2, 1, "a", 0)).id();

        assertThat(part(9, 2, 1, "a", 0)).isEqualTo(new LongMessageAssembly.Waiting(id));
        assertThat(assembly.pendingParts()).isEqualTo(1);
    }

    @Test
    void refusesPartsBeyondTheCapAndDropsIncompleteMessagesAfterTheTimeout() {
        part(1, 2, 1, "a", 0);
        part(2, 2, 1, "b", 0);
        part(3, 2, 1, "c", 0);
        assertThat(part(4, 2, 1, "d", 0)).isInstanceOf(LongMessageAssembly.Full.class);

        clock.advance(Duration.ofSeconds(61));
        assembly.expire();

        assertThat(assembly.pendingParts()).isZero();
        String fresh = ((LongMessageAssembly.Waiting) part(1, 2, 1, "a", 0)).id();
        assertThat(part(1, 2, 2, "b", 0)).isInstanceOfSatisfying(LongMessageAssembly.Whole.class,
                whole -> assertThat(whole.id()).isEqualTo(fresh));
    }
}
