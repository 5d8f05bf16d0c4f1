package io.gomsggw.smpp.gateway;

import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.smpp.pdu.MessageState;
import io.gomsggw.smpp.receipt.DeliveryReceipt;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The gateway's message statuses in SMPP's terms. */
final class SmppStates {
    /** SMPP absolute time in UTC: {@code YYMMDDhhmmsstnnp} with tenths 0 and offset {@code 00+}. */
    private static final DateTimeFormatter ABSOLUTE_TIME =
            DateTimeFormatter.ofPattern("yyMMddHHmmss'000+'").withZone(ZoneOffset.UTC);

    private SmppStates() {}

    static MessageState messageState(MessageStatus status) {
        return switch (status) {
            case QUEUED, DISPATCHING, SENT -> MessageState.ENROUTE;
            case DELIVERED -> MessageState.DELIVERED;
            case FAILED -> MessageState.UNDELIVERABLE;
            case UNDELIVERED -> MessageState.EXPIRED; // given up when its delivery window ended
        };
    }

    static String stat(MessageStatus status) {
        return switch (status) {
            case DELIVERED -> DeliveryReceipt.DELIVERED;
            case UNDELIVERED -> DeliveryReceipt.EXPIRED;
            default -> DeliveryReceipt.UNDELIVERABLE;
        };
    }

    static String absoluteTime(Instant at) {
        return ABSOLUTE_TIME.format(at);
    }
}
