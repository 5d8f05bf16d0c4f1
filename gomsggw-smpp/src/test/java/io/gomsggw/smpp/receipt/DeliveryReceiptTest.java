package io.gomsggw.smpp.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryReceiptTest {
    private static final Instant SUBMITTED = Instant.parse("2026-11-30T21:05:33Z");
    private static final Instant DONE = Instant.parse("2026-11-30T21:07:02Z");

    @Test
    void writesTheAppendixBFormatInUtc() {
        DeliveryReceipt receipt = new DeliveryReceipt(
                "5f0c6a52-9d1e-4a7e-8f8b-2d9e1c3b4a5f",
                1,
                1,
                SUBMITTED,
                DONE,
                DeliveryReceipt.DELIVERED,
                0,
                "Hello from the PBX, how are you today?");

        assertThat(receipt.format())
                .isEqualTo(
                        "id:5f0c6a52-9d1e-4a7e-8f8b-2d9e1c3b4a5f sub:001 dlvrd:001"
                                + " submit date:2611302105 done date:2611302107 stat:DELIVRD err:000 text:Hello from the PBX, ");
    }

    @Test
    void neverCutsASurrogatePairInTheQuotedText() {
        String text = "x".repeat(19) + "\uD83D\uDE00 and more";
        String formatted =
                new DeliveryReceipt("1", 1, 0, SUBMITTED, DONE, DeliveryReceipt.UNDELIVERABLE, 0, text).format();

        assertThat(formatted).endsWith("text:" + "x".repeat(19));
    }

    @Test
    void readsWhatItWritesAndWhatOtherSmscsWrite() {
        DeliveryReceipt written =
                new DeliveryReceipt("abc-1", 1, 0, SUBMITTED, DONE, DeliveryReceipt.UNDELIVERABLE, 42, "short");
        assertThat(DeliveryReceipt.parse(written.format()))
                .contains(new DeliveryReceipt(
                        "abc-1",
                        1,
                        0,
                        Instant.parse("2026-11-30T21:05:00Z"),
                        Instant.parse("2026-11-30T21:07:00Z"),
                        "UNDELIV",
                        42,
                        "short"));

        // seconds in the dates, no text field, lower case: as some SMSCs send them
        assertThat(DeliveryReceipt.parse("id:7 sub:001 dlvrd:001 submit date:261130210533 done date:261130210702"
                        + " stat:delivrd err:000"))
                .hasValueSatisfying(r -> {
                    assertThat(r.messageId()).isEqualTo("7");
                    assertThat(r.stat()).isEqualTo("DELIVRD");
                    assertThat(r.doneDate()).isEqualTo(Instant.parse("2026-11-30T21:07:00Z"));
                    assertThat(r.text()).isEmpty();
                });
        assertThat(DeliveryReceipt.parse("Hello, this is a normal message")).isEmpty();
    }
}
