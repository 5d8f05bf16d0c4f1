package io.gomsggw.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageTagTest {
    @Test
    void readsBackTheIdAtTheStartOfAText() {
        for (long id : new long[] {0, 7, 1234567, Long.MAX_VALUE}) {
            assertThat(MessageTag.idOf(MessageTag.of(id) + "any text after it")).hasValue(id);
        }
        assertThat(MessageTag.of(Long.MAX_VALUE)).hasSize(MessageTag.MAX_LENGTH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "# 12 text", "#12", "#1x2 text", "12 text", "#99999999999999999999 text"})
    void anyOtherTextHasNoId(String text) {
        assertThat(MessageTag.idOf(text)).isEmpty();
    }
}
