package io.gomsggw.mm4.codec;

/**
 * The MM4 header names. Readers match them in any case; the writer spells the four identifying headers
 * exactly as the Go gateway wrote them ({@code X-Mms-3GPP-Mms-Version}, {@code X-Mms-message-Type},
 * {@code X-Mms-message-Id}, {@code X-Mms-Transaction-Id}), so PBXs set up against it see the same bytes;
 * the others as TS 23.140 spells them.
 */
final class Mm4Headers {
    static final String VERSION = "X-Mms-3GPP-Mms-Version";
    static final String MESSAGE_TYPE = "X-Mms-message-Type";
    static final String MESSAGE_ID = "X-Mms-message-Id";
    static final String TRANSACTION_ID = "X-Mms-Transaction-Id";
    static final String ACK_REQUEST = "X-Mms-Ack-Request";
    static final String DELIVERY_REPORT = "X-Mms-Delivery-Report";
    static final String ORIGINATOR_SYSTEM = "X-Mms-Originator-System";
    static final String REQUEST_STATUS = "X-Mms-Request-Status-Code";
    static final String STATUS_TEXT = "X-Mms-Status-Text";
    static final String MM_STATUS = "X-Mms-MM-Status-Code";

    static final String YES = "Yes";
    static final String NO = "No";

    private Mm4Headers() {}
}
