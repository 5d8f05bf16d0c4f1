package io.gomsggw.smpp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.smpp.charset.DataCoding;
import io.gomsggw.smpp.pdu.Address;
import io.gomsggw.smpp.pdu.SmFields;
import io.gomsggw.smpp.text.MessageParts;
import io.gomsggw.smpp.text.Reassembler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliverSmPartsTest {
    private static final Address FROM = SmppAddresses.fromE164("+12505550001");
    private static final Address TO = SmppAddresses.fromE164("+12505550002");

    @Test
    void aShortGsmTextIsOnePartWithoutUdh() {
        List<SmFields> parts = DeliverSmParts.of(FROM, TO, "Hi there", true, 1);

        assertThat(parts).singleElement().satisfies(sm -> {
            assertThat(sm.hasUdh()).isFalse();
            assertThat(sm.dataCoding()).isZero();
            assertThat(sm.source().address()).isEqualTo("12505550001");
            assertThat(sm.source().ton()).isEqualTo(1);
        });
    }

    @Test
    void aLongEmojiTextIsSplitIntoUcs2PartsThatReassemble() throws Exception {
        String text = "Meeting moved \uD83D\uDE00 ".repeat(10);
        List<SmFields> parts = DeliverSmParts.of(FROM, TO, text, true, 42);

        assertThat(parts).hasSize(3).allSatisfy(sm -> {
            assertThat(sm.hasUdh()).isTrue();
            assertThat(sm.dataCoding()).isEqualTo(8);
        });
        Reassembler reassembler = new Reassembler(Clock.systemUTC(), Duration.ofMinutes(1), 10, DataCoding.STANDARD);
        Reassembler.Result result = null;
        for (SmFields sm : parts) {
            var part = MessageParts.STANDARD.of(sm);
            result = reassembler.offer(
                    new Reassembler.Fragment("a", "b", part.concat().orElseThrow(), part.dataCoding(), part.payload()));
        }
        assertThat(result)
                .isInstanceOfSatisfying(
                        Reassembler.Complete.class,
                        complete -> assertThat(complete.text()).contains(text));
    }

    @Test
    void withoutSplittingALongTextTravelsWholeInMessagePayload() {
        String text = "x".repeat(400);
        List<SmFields> parts = DeliverSmParts.of(FROM, TO, text, false, 0);

        assertThat(parts).singleElement().satisfies(sm -> {
            assertThat(sm.shortMessage()).isEmpty();
            assertThat(sm.tlvs().messagePayload())
                    .hasValueSatisfying(p -> assertThat(p).hasSize(400));
        });
    }
}
