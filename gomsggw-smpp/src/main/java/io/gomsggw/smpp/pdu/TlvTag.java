package io.gomsggw.smpp.pdu;

/** Tags of the optional parameters (TLVs) that have typed accessors in {@link Tlvs}. */
public final class TlvTag {
    public static final int RECEIPTED_MESSAGE_ID = 0x001E;
    public static final int USER_MESSAGE_REFERENCE = 0x0204;
    public static final int SAR_MSG_REF_NUM = 0x020C;
    public static final int SAR_TOTAL_SEGMENTS = 0x020E;
    public static final int SAR_SEGMENT_SEQNUM = 0x020F;
    public static final int SC_INTERFACE_VERSION = 0x0210;
    public static final int MESSAGE_PAYLOAD = 0x0424;
    public static final int MESSAGE_STATE = 0x0427;

    private TlvTag() {}

    /**
     * The fixed value length the spec prescribes for a tag, or -1 if the length is variable or
     * the tag is not one of the typed ones.
     */
    public static int fixedLength(int tag) {
        return switch (tag) {
            case SAR_MSG_REF_NUM, USER_MESSAGE_REFERENCE -> 2;
            case SAR_TOTAL_SEGMENTS, SAR_SEGMENT_SEQNUM, SC_INTERFACE_VERSION, MESSAGE_STATE -> 1;
            default -> -1;
        };
    }
}
