package io.gomsggw.smpp.pdu;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The optional parameters of a PDU in wire order, with typed accessors for the ones the gateway
 * uses. Unknown tags are kept so that a PDU re-encodes to the same bytes.
 *
 * @param list the TLVs in order (copied, unmodifiable)
 */
public record Tlvs(List<Tlv> list) {

    /** No optional parameters. */
    public static final Tlvs NONE = new Tlvs(List.of());

    /** Copies the list. */
    public Tlvs {
        list = List.copyOf(list);
    }

    /** TLVs from varargs. */
    public static Tlvs of(Tlv... tlvs) {
        return new Tlvs(List.of(tlvs));
    }

    /** The first TLV with {@code tag}. */
    public Optional<Tlv> find(int tag) {
        for (Tlv t : list) {
            if (t.tag() == tag) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** A copy with {@code tlv} appended. */
    public Tlvs with(Tlv tlv) {
        List<Tlv> l = new ArrayList<>(list);
        l.add(tlv);
        return new Tlvs(l);
    }

    /** Whether there are none. */
    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** {@code message_payload} (0x0424): the whole user data, used instead of short_message. */
    public Optional<byte[]> messagePayload() {
        return find(TlvTag.MESSAGE_PAYLOAD).map(Tlv::value);
    }

    /** {@code sar_msg_ref_num} (0x020C), 16 bits. */
    public OptionalInt sarMsgRefNum() {
        return u16(TlvTag.SAR_MSG_REF_NUM);
    }

    /** {@code sar_total_segments} (0x020E). */
    public OptionalInt sarTotalSegments() {
        return u8(TlvTag.SAR_TOTAL_SEGMENTS);
    }

    /** {@code sar_segment_seqnum} (0x020F). */
    public OptionalInt sarSegmentSeqnum() {
        return u8(TlvTag.SAR_SEGMENT_SEQNUM);
    }

    /** {@code receipted_message_id} (0x001E), a C-octet string (a missing NUL is tolerated). */
    public Optional<String> receiptedMessageId() {
        return find(TlvTag.RECEIPTED_MESSAGE_ID).map(t -> {
            byte[] v = t.valueUnsafe();
            int end = 0;
            while (end < v.length && v[end] != 0) {
                end++;
            }
            StringBuilder sb = new StringBuilder(end);
            for (int i = 0; i < end; i++) {
                sb.append((char) (v[i] & 0xFF));
            }
            return sb.toString();
        });
    }

    /** {@code message_state} (0x0427), see {@link MessageState}. */
    public OptionalInt messageState() {
        return u8(TlvTag.MESSAGE_STATE);
    }

    /** {@code user_message_reference} (0x0204), 16 bits. */
    public OptionalInt userMessageReference() {
        return u16(TlvTag.USER_MESSAGE_REFERENCE);
    }

    /** {@code sc_interface_version} (0x0210). */
    public OptionalInt scInterfaceVersion() {
        return u8(TlvTag.SC_INTERFACE_VERSION);
    }

    private OptionalInt u8(int tag) {
        return find(tag).map(t -> OptionalInt.of(t.unsignedByteAt(0))).orElse(OptionalInt.empty());
    }

    private OptionalInt u16(int tag) {
        return find(tag)
                .map(t -> OptionalInt.of(t.unsignedByteAt(0) << 8 | t.unsignedByteAt(1)))
                .orElse(OptionalInt.empty());
    }
}
