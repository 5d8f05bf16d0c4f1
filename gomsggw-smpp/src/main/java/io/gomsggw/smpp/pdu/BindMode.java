package io.gomsggw.smpp.pdu;

/** The three bind flavours and what each lets the ESME do. */
public enum BindMode {
    TRANSMITTER(CommandId.BIND_TRANSMITTER, true, false),
    RECEIVER(CommandId.BIND_RECEIVER, false, true),
    TRANSCEIVER(CommandId.BIND_TRANSCEIVER, true, true);

    private final int requestId;
    private final boolean canSubmit;
    private final boolean canReceive;

    BindMode(int requestId, boolean canSubmit, boolean canReceive) {
        this.requestId = requestId;
        this.canSubmit = canSubmit;
        this.canReceive = canReceive;
    }

    /** The {@code bind_*} command id. */
    public int requestId() {
        return requestId;
    }

    /** The {@code bind_*_resp} command id. */
    public int responseId() {
        return requestId | CommandId.RESPONSE_MASK;
    }

    /** Whether the ESME may send submit_sm / data_sm / query_sm in this mode. */
    public boolean canSubmit() {
        return canSubmit;
    }

    /** Whether the SMSC may send deliver_sm / data_sm to the ESME in this mode. */
    public boolean canReceive() {
        return canReceive;
    }

    static BindMode ofCommandId(int id) {
        for (BindMode m : values()) {
            if (m.requestId == id || m.responseId() == id) {
                return m;
            }
        }
        throw new IllegalArgumentException("not a bind command id: " + id);
    }
}
