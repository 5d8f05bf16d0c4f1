package io.gomsggw.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceNumbersTest {

    @Test
    void startsAtOneAndCounts() {
        SequenceNumbers seq = new SequenceNumbers();
        assertThat(seq.next()).isEqualTo(1);
        assertThat(seq.next()).isEqualTo(2);
    }

    @Test
    void wrapsFromTheLargestBackToOne() {
        SequenceNumbers seq = new SequenceNumbers(0x7FFFFFFE);
        assertThat(seq.next()).isEqualTo(0x7FFFFFFE);
        assertThat(seq.next()).isEqualTo(0x7FFFFFFF);
        assertThat(seq.next()).isEqualTo(1);
    }
}
