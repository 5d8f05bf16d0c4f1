package io.gomsggw.smpp.pdu;

/** {@code submit_sm} or {@code deliver_sm}: a request carrying {@link SmFields}. */
public sealed interface ShortMessagePdu extends RequestPdu permits SubmitSm, DeliverSm {
    /** The message body. */
    SmFields sm();
}
