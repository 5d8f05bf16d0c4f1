package io.gomsggw.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryRecorderTest {
    @Test
    void measuresTheDelayOfEachExpectedMessageOnce() {
        DeliveryRecorder deliveries = new DeliveryRecorder();
        deliveries.expect(1, 1_000_000);
        deliveries.expect(2, 2_000_000);
        deliveries.expect(3, 3_000_000);
        deliveries.forget(3);

        deliveries.delivered(MessageKind.SHORT_GSM7.text(1), 5_000_000);
        deliveries.delivered(MessageKind.LONG_GSM7.text(2), 12_000_000);
        deliveries.delivered(MessageKind.SHORT_GSM7.text(1), 13_000_000); // a second copy
        deliveries.delivered(MessageKind.SHORT_GSM7.text(3), 14_000_000); // refused, so forgotten
        deliveries.delivered("someone else's text", 15_000_000);

        assertThat(deliveries.measured()).isEqualTo(2);
        assertThat(deliveries.messages()).isEqualTo(5);
        assertThat(deliveries.unmatched()).isEqualTo(3);
        assertThat(deliveries.lastDeliveryNanos()).isEqualTo(12_000_000);
        assertThat(deliveries.delay().getTotalCount()).isEqualTo(2);
        assertThat(deliveries.delay().getMinValue()).isBetween(3_990_000L, 4_010_000L);
        assertThat(deliveries.delay().getMaxValue()).isBetween(9_990_000L, 10_010_000L);
    }
}
