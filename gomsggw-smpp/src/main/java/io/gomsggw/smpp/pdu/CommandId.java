package io.gomsggw.smpp.pdu;

/** SMPP 3.4 {@code command_id} values (section 5.1.2.1) for the PDUs this codec supports. */
public final class CommandId {
    /** Bit set in the id of every response PDU. */
    public static final int RESPONSE_MASK = 0x80000000;

    public static final int GENERIC_NACK = 0x80000000;
    public static final int BIND_RECEIVER = 0x00000001;
    public static final int BIND_RECEIVER_RESP = 0x80000001;
    public static final int BIND_TRANSMITTER = 0x00000002;
    public static final int BIND_TRANSMITTER_RESP = 0x80000002;
    public static final int QUERY_SM = 0x00000003;
    public static final int QUERY_SM_RESP = 0x80000003;
    public static final int SUBMIT_SM = 0x00000004;
    public static final int SUBMIT_SM_RESP = 0x80000004;
    public static final int DELIVER_SM = 0x00000005;
    public static final int DELIVER_SM_RESP = 0x80000005;
    public static final int UNBIND = 0x00000006;
    public static final int UNBIND_RESP = 0x80000006;
    public static final int BIND_TRANSCEIVER = 0x00000009;
    public static final int BIND_TRANSCEIVER_RESP = 0x80000009;
    public static final int ENQUIRE_LINK = 0x00000015;
    public static final int ENQUIRE_LINK_RESP = 0x80000015;
    public static final int DATA_SM = 0x00000103;
    public static final int DATA_SM_RESP = 0x80000103;

    private CommandId() {}

    /** Whether {@code commandId} denotes a response PDU (including {@code generic_nack}). */
    public static boolean isResponse(int commandId) {
        return (commandId & RESPONSE_MASK) != 0;
    }

    /** The spec name of a command id, or {@code 0x…} for one this codec does not know. */
    public static String name(int commandId) {
        return switch (commandId) {
            case GENERIC_NACK -> "generic_nack";
            case BIND_RECEIVER -> "bind_receiver";
            case BIND_RECEIVER_RESP -> "bind_receiver_resp";
            case BIND_TRANSMITTER -> "bind_transmitter";
            case BIND_TRANSMITTER_RESP -> "bind_transmitter_resp";
            case QUERY_SM -> "query_sm";
            case QUERY_SM_RESP -> "query_sm_resp";
            case SUBMIT_SM -> "submit_sm";
            case SUBMIT_SM_RESP -> "submit_sm_resp";
            case DELIVER_SM -> "deliver_sm";
            case DELIVER_SM_RESP -> "deliver_sm_resp";
            case UNBIND -> "unbind";
            case UNBIND_RESP -> "unbind_resp";
            case BIND_TRANSCEIVER -> "bind_transceiver";
            case BIND_TRANSCEIVER_RESP -> "bind_transceiver_resp";
            case ENQUIRE_LINK -> "enquire_link";
            case ENQUIRE_LINK_RESP -> "enquire_link_resp";
            case DATA_SM -> "data_sm";
            case DATA_SM_RESP -> "data_sm_resp";
            default -> String.format("0x%08x", commandId);
        };
    }
}
