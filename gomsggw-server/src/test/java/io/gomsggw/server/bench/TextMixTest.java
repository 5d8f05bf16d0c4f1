package io.gomsggw.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextMixTest {
    @Test
    void theDefaultIs70PercentShort20PercentUcs2And10PercentLong() {
        TextMix mix = TextMix.DEFAULT;

        assertThat(mix.weight(MessageKind.SHORT_GSM7)).isEqualTo(70);
        assertThat(mix.weight(MessageKind.UCS2_EMOJI)).isEqualTo(20);
        assertThat(mix.weight(MessageKind.LONG_GSM7)).isEqualTo(10);
        assertThat(mix.cycleLength()).isEqualTo(10);
        assertThat(mix.partsPerMessage()).isEqualTo(1.2);
        assertThat(mix.describe()).isEqualTo("70% short GSM-7, 20% UCS-2 with emoji, 10% long GSM-7, 3 parts");
    }

    @Test
    void everyCycleOfMessagesHasExactlyTheMixAndTheKindsAreSpreadOut() {
        TextMix mix = TextMix.DEFAULT;

        for (long start : new long[] {0, 10, 1_000_000}) {
            assertThat(counts(mix, start, 10))
                    .isEqualTo(
                            Map.of(MessageKind.SHORT_GSM7, 7L, MessageKind.UCS2_EMOJI, 2L, MessageKind.LONG_GSM7, 1L));
        }
        assertThat(counts(mix, 0, 1000).get(MessageKind.LONG_GSM7)).isEqualTo(100);
        for (long i = 0; i < 9; i++) {
            assertThat(mix.kindAt(i) == MessageKind.UCS2_EMOJI && mix.kindAt(i + 1) == MessageKind.UCS2_EMOJI)
                    .as("two UCS-2 texts in a row at %d", i)
                    .isFalse();
        }
    }

    @Test
    void aKindLeftOutOrOfWeightZeroIsNeverSent() {
        TextMix mix = TextMix.parse("long=0, short = 3");

        assertThat(mix.cycleLength()).isEqualTo(1);
        assertThat(LongStream.range(0, 50).mapToObj(mix::kindAt)).containsOnly(MessageKind.SHORT_GSM7);
        assertThat(mix.partsPerMessage()).isEqualTo(1.0);
        assertThat(mix.describe()).isEqualTo("100% short GSM-7");
        assertThat(TextMix.parse("short=1,ucs2=1,long=1").describe())
                .isEqualTo("33.3% short GSM-7, 33.3% UCS-2 with emoji, 33.3% long GSM-7, 3 parts");
        assertThat(TextMix.parse("long=5").partsPerMessage()).isEqualTo(3.0);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "short | --mix: expected kind=weight with kinds short, ucs2 and long, got 'short'",
                "emoji=5 | --mix: expected kind=weight with kinds short, ucs2 and long, got 'emoji=5'",
                "short=70,,long=30 | --mix: expected kind=weight with kinds short, ucs2 and long, got ''",
                "short=1,short=2 | --mix: short is given twice",
                "short=-1 | --mix: the weight of short must be a whole number from 0 to 1000, got '-1'",
                "ucs2=lots | --mix: the weight of ucs2 must be a whole number from 0 to 1000, got 'lots'",
                "long=1001 | --mix: the weight of long must be a whole number from 0 to 1000, got '1001'",
                "short=0,long=0 | --mix: at least one weight must be above 0",
            })
    void namesEveryMistake(String text, String message) {
        assertThatThrownBy(() -> TextMix.parse(text))
                .isInstanceOf(BenchUsageException.class)
                .hasMessage(message);
    }

    private static Map<MessageKind, Long> counts(TextMix mix, long start, int length) {
        Map<MessageKind, Long> counts = new EnumMap<>(MessageKind.class);
        for (long i = start; i < start + length; i++) {
            counts.merge(mix.kindAt(i), 1L, Long::sum);
        }
        return counts;
    }
}
