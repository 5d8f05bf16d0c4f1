package io.gomsggw.mm4.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Mm4IdsTest {
    private final Mm4Ids ids = new Mm4Ids("gw.example.com");

    @Test
    void aResponseFindsOurMessageByItsMessageIdOrElseItsTransactionId() {
        assertThat(ids.messageIdOf("019c-1")).isEqualTo("<019c-1@gw.example.com>");
        assertThat(ids.ourMessageId("whatever", "019c-1@GW.example.com")).hasValue("019c-1");
        assertThat(ids.ourMessageId("019c-2", "7731@pbx.example.net"))
                .as("another host's message id")
                .hasValue("019c-2");
        assertThat(ids.ourMessageId(" ", "7731@pbx.example.net")).isEmpty();
    }
}
