package io.gomsggw.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusTallyTest {
    @Test
    void countsEachOutcomeAndAddsUp() {
        StatusTally one = new StatusTally();
        one.answer(202);
        one.answer(202);
        one.answer(400);
        one.failure();
        StatusTally two = new StatusTally();
        two.answer(429);
        two.answer(503);
        two.answer(400);
        two.answer(500);

        one.add(two);

        assertThat(one.accepted()).isEqualTo(2);
        assertThat(one.limited()).isEqualTo(1);
        assertThat(one.busy()).isEqualTo(1);
        assertThat(one.other()).isEqualTo(Map.of(400, 2L, 500, 1L));
        assertThat(one.otherTotal()).isEqualTo(3);
        assertThat(one.failed()).isEqualTo(1);
        assertThat(one.total()).isEqualTo(8);
    }
}
