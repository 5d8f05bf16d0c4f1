package io.gomsggw.mm4.codec;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code MM4_delivery_report.REQ}: the recipient's relay reports what became of a forwarded message.
 *
 * @param version          {@code X-Mms-3GPP-MMS-Version}
 * @param transactionId    {@code X-Mms-Transaction-ID} of this report
 * @param messageId        {@code X-Mms-Message-ID} of the original message, as written
 * @param from             the original message's recipient, who reports ({@code From})
 * @param to               the original message's sender, to whom it is reported ({@code To})
 * @param date             {@code Date}, if present and readable
 * @param mmStatus         {@code X-Mms-MM-Status-Code}
 * @param statusText       {@code X-Mms-Status-Text}, if any
 * @param ackRequested     {@code X-Mms-Ack-Request: Yes}: the reporter wants an {@code MM4_delivery_report.RES}
 * @param originatorSystem {@code X-Mms-Originator-System}: where the response goes, if given
 */
public record DeliveryReport(
        String version,
        String transactionId,
        String messageId,
        Mm4Address from,
        Mm4Address to,
        Optional<Instant> date,
        MmStatus mmStatus,
        Optional<String> statusText,
        boolean ackRequested,
        Optional<String> originatorSystem)
        implements Mm4Message {

    public DeliveryReport {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(mmStatus, "mmStatus");
        Objects.requireNonNull(statusText, "statusText");
        Objects.requireNonNull(originatorSystem, "originatorSystem");
    }

    @Override
    public Mm4MessageType type() {
        return Mm4MessageType.DELIVERY_REPORT_REQ;
    }
}
