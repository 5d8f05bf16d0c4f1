package io.gomsggw.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageIdsTest {
    @Test
    void idsAreVersion7UuidsCarryingTheirMillisecond() {
        long millis = 1_780_000_000_123L;
        UUID id = UUID.fromString(MessageIds.next(millis));

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
        assertThat(MessageIds.next(java.time.Clock.systemUTC())).hasSize(36);
    }

    @Test
    void laterIdsSortAfterEarlierOnesAndNoneRepeats() {
        assertThat(MessageIds.next(1_000L)).isLessThan(MessageIds.next(1_001L));
        assertThat(MessageIds.next(0xFFFL)).isLessThan(MessageIds.next(0x1000L));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add(MessageIds.next(42L))).isTrue();
        }
    }
}
