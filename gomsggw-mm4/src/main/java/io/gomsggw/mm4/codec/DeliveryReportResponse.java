package io.gomsggw.mm4.codec;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code MM4_delivery_report.RES}: the answer to an {@code MM4_delivery_report.REQ} that asked for one.
 *
 * @param version       {@code X-Mms-3GPP-MMS-Version}
 * @param transactionId {@code X-Mms-Transaction-ID} of the report answered
 * @param messageId     {@code X-Mms-Message-ID} of the report answered, as it wrote it
 * @param status        {@code X-Mms-Request-Status-Code}
 * @param statusText    {@code X-Mms-Status-Text}, if any
 * @param from          the answering relay's system address ({@code From}), if any
 * @param to            the reporting relay's system address ({@code To}), if any
 */
public record DeliveryReportResponse(
        String version,
        String transactionId,
        String messageId,
        RequestStatus status,
        Optional<String> statusText,
        Optional<String> from,
        Optional<String> to)
        implements Mm4Message {

    public DeliveryReportResponse {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statusText, "statusText");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /**
     * The answer to {@code report}: its version, transaction id and message id echoed, sent from
     * {@code systemAddress} to the report's originator system.
     */
    public static DeliveryReportResponse answering(
            DeliveryReport report, RequestStatus status, Optional<String> statusText, String systemAddress) {
        return new DeliveryReportResponse(
                report.version(),
                report.transactionId(),
                report.messageId(),
                status,
                statusText,
                Optional.of(systemAddress),
                report.originatorSystem());
    }

    @Override
    public Mm4MessageType type() {
        return Mm4MessageType.DELIVERY_REPORT_RES;
    }
}
