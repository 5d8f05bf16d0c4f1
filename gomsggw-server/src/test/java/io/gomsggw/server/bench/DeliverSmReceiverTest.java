package io.gomsggw.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.smpp.pdu.DeliverSm;
import io.gomsggw.smpp.pdu.DeliverSmResp;
import io.gomsggw.smpp.pdu.ResponsePdu;
import io.gomsggw.smpp.pdu.SmFields;
import io.gomsggw.smpp.text.Segmenter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliverSmReceiverTest {
    @Test
    void answersEveryPartAndCountsWholeMessagesWhateverTheOrderOfTheirParts() {
        DeliveryRecorder deliveries = new DeliveryRecorder();
        DeliverSmReceiver receiver = new DeliverSmReceiver(deliveries);
        MessageSource source = new MessageSource(
                TextMix.parse("short=1,ucs2=1,long=1"),
                List.of("+12505550001"),
                List.of("+12505550002"),
                Segmenter.STANDARD);
        List<SmFields> parts = new ArrayList<>();
        for (int id = 0; id < 6; id++) {
            OutgoingMessage message = source.next();
            deliveries.expect(message.id(), 0);
            parts.addAll(message.parts());
        }
        // the gateway may spread parts over binds: the last long message's first part comes last
        SmFields late = parts.remove(parts.size() - 3);
        parts.add(late);

        int sequence = 1;
        for (SmFields part : parts) {
            ResponsePdu response = receiver.onRequest(null, new DeliverSm(sequence, part))
                    .toCompletableFuture()
                    .join();
            assertThat(response).isEqualTo(DeliverSmResp.ok(sequence));
            sequence++;
            if (part == late) {
                assertThat(deliveries.measured()).isEqualTo(6);
            } else {
                assertThat(deliveries.measured()).isLessThan(6);
            }
        }
        assertThat(deliveries.parts()).isEqualTo(10);
        assertThat(deliveries.messages()).isEqualTo(6);
        assertThat(deliveries.unmatched()).isZero();
    }

    @Test
    void aDeliveryReceiptIsAnsweredButNotAMessage() {
        DeliveryRecorder deliveries = new DeliveryRecorder();
        SmFields receipt = SmFields.builder()
                .esmClass(SmFields.ESM_DELIVERY_RECEIPT)
                .shortMessage(
                        "id:1 sub:001 dlvrd:001 submit date:2401011200 done date:2401011200 stat:DELIVRD err:000 text:"
                                .getBytes(StandardCharsets.US_ASCII))
                .build();

        ResponsePdu response = new DeliverSmReceiver(deliveries)
                .onRequest(null, new DeliverSm(9, receipt))
                .toCompletableFuture()
                .join();

        assertThat(response).isEqualTo(DeliverSmResp.ok(9));
        assertThat(deliveries.parts()).isEqualTo(1);
        assertThat(deliveries.messages()).isZero();
    }
}
