package io.gomsggw.smpp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.model.MessageStatus;
import org.junit.jupiter.api.Test;

class ReceiptRequestTest {
    @Test
    void theLowTwoBitsOfRegisteredDeliveryDecide() {
        assertThat(ReceiptRequest.of(0x00)).isEqualTo(ReceiptRequest.NONE);
        assertThat(ReceiptRequest.of(0x01).wants(MessageStatus.DELIVERED)).isTrue();
        assertThat(ReceiptRequest.of(0x01).wants(MessageStatus.FAILED)).isTrue();
        assertThat(ReceiptRequest.of(0x01).wants(MessageStatus.SENT))
                .as("not final")
                .isFalse();
        assertThat(ReceiptRequest.of(0x02).wants(MessageStatus.DELIVERED)).isFalse();
        assertThat(ReceiptRequest.of(0x02).wants(MessageStatus.FAILED)).isTrue();
        assertThat(ReceiptRequest.of(0x11).wants(MessageStatus.DELIVERED))
                .as("SME ack bits ignored")
                .isTrue();
    }

    @Test
    void survivesTheTripThroughTheMessageRecord() {
        for (ReceiptRequest request : ReceiptRequest.values()) {
            assertThat(ReceiptRequest.fromReference(request.reference())).isEqualTo(request);
        }
        assertThat(ReceiptRequest.fromReference("MM4-transaction-17")).isEqualTo(ReceiptRequest.NONE);
        assertThat(ReceiptRequest.fromReference(null)).isEqualTo(ReceiptRequest.NONE);
    }
}
