package io.gomsggw.smpp.pdu;

/** Values of {@code message_state} (spec 5.2.28), used by query_sm_resp and receipts. */
public enum MessageState {
    ENROUTE(1),
    DELIVERED(2),
    EXPIRED(3),
    DELETED(4),
    UNDELIVERABLE(5),
    ACCEPTED(6),
    UNKNOWN(7),
    REJECTED(8);

    private final int code;

    MessageState(int code) {
        this.code = code;
    }

    /** The wire value. */
    public int code() {
        return code;
    }

    /** Whether the state is final: every state but {@code ENROUTE}. */
    public boolean isFinal() {
        return this != ENROUTE;
    }
}
