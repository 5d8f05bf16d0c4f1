package io.gomsggw.mm4.codec;

/**
 * One MM4 message: what {@link Mm4Parser} reads and {@link Mm4Writer} writes. Immutable.
 *
 * <p>Every type carries the three identifying headers. The message id is kept as the peer wrote it
 * (surrounding quotes removed, angle brackets kept), so a response can echo it exactly;
 * {@link #bareMessageId()} gives it without brackets for matching.
 */
public sealed interface Mm4Message permits ForwardRequest, ForwardResponse, DeliveryReport, DeliveryReportResponse {
    /** The MM4 version this codec writes by default ({@code X-Mms-3GPP-MMS-Version}). */
    String CURRENT_VERSION = "6.10.0";

    /** Which of the four MM4 messages this is ({@code X-Mms-Message-Type}). */
    Mm4MessageType type();

    /** {@code X-Mms-3GPP-MMS-Version}, e.g. {@code 6.10.0}. */
    String version();

    /** {@code X-Mms-Transaction-ID}, unquoted. */
    String transactionId();

    /**
     * {@code X-Mms-Message-ID} as written, without surrounding quotes: for a forward request the id of
     * this message, for the others the id of the message they answer or report on.
     */
    String messageId();

    /** {@link #messageId()} without angle brackets, e.g. {@code 123@mms.example.com}. */
    default String bareMessageId() {
        return HeaderValues.bareId(messageId());
    }
}
