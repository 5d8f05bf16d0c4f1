package io.gomsggw.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.smpp.charset.Gsm7;
import io.gomsggw.smpp.pdu.Address;
import io.gomsggw.smpp.pdu.SmFields;
import io.gomsggw.smpp.text.ConcatInfo;
import io.gomsggw.smpp.text.MessagePart;
import io.gomsggw.smpp.text.MessageParts;
import io.gomsggw.smpp.text.Segmenter;
import io.gomsggw.smpp.text.UdhException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MessageSourceTest {
    @ParameterizedTest
    @EnumSource(MessageKind.class)
    void eachKindKeepsItsPartCountWithTheShortestAndTheLongestTag(MessageKind kind) {
        for (long id : new long[] {0, Long.MAX_VALUE}) {
            assertThat(Segmenter.STANDARD.countParts(kind.text(id))).isEqualTo(kind.parts());
            assertThat(new Segmenter(true, false).countParts(kind.text(id))).isEqualTo(kind.parts());
        }
    }

    @Test
    void theTextsAreWhatTheirNamesSay() {
        assertThat(Gsm7.canEncode(MessageKind.SHORT_GSM7.text(1))).isTrue();
        assertThat(Gsm7.canEncode(MessageKind.UCS2_EMOJI.text(1))).isFalse();
        assertThat(MessageKind.UCS2_EMOJI.text(1)).contains("\uD83D\uDE00");
        assertThat(Gsm7.canEncode(MessageKind.LONG_GSM7.text(1))).isTrue();
        assertThat(MessageKind.LONG_GSM7.text(1)).contains("\u20AC");
    }

    @Test
    void numbersTheMessagesAndSplitsEachIntoSubmitSmBodies() throws UdhException {
        MessageSource source = new MessageSource(
                TextMix.parse("short=1,ucs2=1,long=1"),
                List.of("+12505550001"),
                List.of("12505550002"),
                Segmenter.STANDARD);
        List<OutgoingMessage> messages = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            messages.add(source.next());
        }

        assertThat(messages).extracting(OutgoingMessage::id).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        for (OutgoingMessage message : messages) {
            assertThat(message.parts()).hasSize(message.kind().parts());
            for (SmFields part : message.parts()) {
                assertThat(part.source()).isEqualTo(Address.international("12505550001"));
                assertThat(part.destination()).isEqualTo(Address.international("12505550002"));
                assertThat(part.registeredDelivery()).isZero();
                assertThat(part.dataCoding()).isEqualTo(message.kind() == MessageKind.UCS2_EMOJI ? 8 : 0);
                assertThat(part.hasUdh()).isEqualTo(message.kind() == MessageKind.LONG_GSM7);
            }
        }
        List<OutgoingMessage> longOnes =
                messages.stream().filter(m -> m.kind() == MessageKind.LONG_GSM7).toList();
        assertThat(longOnes).hasSize(2);
        assertThat(concat(longOnes.get(0), 1)).isEqualTo(new ConcatInfo(0, 3, 1));
        assertThat(concat(longOnes.get(0), 3)).isEqualTo(new ConcatInfo(0, 3, 3));
        assertThat(concat(longOnes.get(1), 2)).isEqualTo(new ConcatInfo(1, 3, 2));
    }

    @Test
    void messagesTakeTheConversationsInTurnAndAllPartsOfOneMessageShareIt() {
        MessageSource source = new MessageSource(
                TextMix.parse("long=1"), List.of("+1001", "+1002"), List.of("+2001", "+2002"), Segmenter.STANDARD);

        for (int n = 0; n < 4; n++) {
            OutgoingMessage message = source.next();
            String expectedFrom = n % 2 == 0 ? "1001" : "1002";
            String expectedTo = n % 2 == 0 ? "2001" : "2002";
            assertThat(message.parts()).hasSize(3).allSatisfy(part -> {
                assertThat(part.source().address()).isEqualTo(expectedFrom);
                assertThat(part.destination().address()).isEqualTo(expectedTo);
            });
        }
    }

    @Test
    void eightBitReferencesWrapAndSixteenBitOnesAreUsedWhenManyMessagesAreInFlight() throws UdhException {
        assertThat(MessageSource.segmenterFor(255)).isEqualTo(Segmenter.STANDARD);
        assertThat(MessageSource.segmenterFor(256).sixteenBitReference()).isTrue();

        MessageSource eightBit =
                new MessageSource(TextMix.parse("long=1"), List.of("1"), List.of("2"), Segmenter.STANDARD);
        MessageSource sixteenBit =
                new MessageSource(TextMix.parse("long=1"), List.of("1"), List.of("2"), new Segmenter(true, false));
        for (int i = 0; i < 256; i++) {
            eightBit.next();
            sixteenBit.next();
        }
        assertThat(concat(eightBit.next(), 1).reference()).isZero();
        assertThat(concat(sixteenBit.next(), 1).reference()).isEqualTo(256);
    }

    private static ConcatInfo concat(OutgoingMessage message, int seqnum) throws UdhException {
        MessagePart part = MessageParts.STANDARD.of(message.parts().get(seqnum - 1));
        return part.concat().orElseThrow();
    }
}
