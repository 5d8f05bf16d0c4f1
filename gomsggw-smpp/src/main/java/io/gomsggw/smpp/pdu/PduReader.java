package io.gomsggw.smpp.pdu;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** Bounds-checked cursor over one PDU body; every failure is a {@link PduDecodeException}. */
final class PduReader {
    private final byte[] buf;
    private int pos;
    private final int end;
    private final int commandId;
    private final int sequenceNumber;

    PduReader(byte[] buf, int from, int end, int commandId, int sequenceNumber) {
        this.buf = buf;
        this.pos = from;
        this.end = end;
        this.commandId = commandId;
        this.sequenceNumber = sequenceNumber;
    }

    PduDecodeException error(CommandStatus status, String message) {
        return new PduDecodeException(
                status,
                OptionalInt.of(commandId),
                OptionalInt.of(sequenceNumber),
                false,
                CommandId.name(commandId) + ": " + message);
    }

    int remaining() {
        return end - pos;
    }

    int u8(String field) throws PduDecodeException {
        if (pos >= end) {
            throw error(CommandStatus.ESME_RINVCMDLEN, field + " missing");
        }
        return buf[pos++] & 0xFF;
    }

    /**
     * A C-octet string of at most {@code max} octets including the NUL. A string that reaches
     * {@code max} octets without a NUL is reported with {@code tooLong}; one cut off by the end of
     * the PDU with {@code ESME_RINVCMDLEN}.
     */
    String cString(String field, int max, CommandStatus tooLong) throws PduDecodeException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; ; i++) {
            if (pos >= end) {
                throw error(CommandStatus.ESME_RINVCMDLEN, field + " has no NUL terminator");
            }
            byte b = buf[pos++];
            if (b == 0) {
                return sb.toString();
            }
            if (i + 1 >= max) {
                throw error(tooLong, field + " longer than " + (max - 1) + " octets");
            }
            sb.append((char) (b & 0xFF));
        }
    }

    Address address(String field, int max, CommandStatus tooLong) throws PduDecodeException {
        int ton = u8(field + "_ton");
        int npi = u8(field + "_npi");
        return new Address(ton, npi, cString(field, max, tooLong));
    }

    byte[] bytes(String field, int n) throws PduDecodeException {
        if (n > remaining()) {
            throw error(CommandStatus.ESME_RINVMSGLEN, field + " longer than the PDU");
        }
        byte[] b = new byte[n];
        System.arraycopy(buf, pos, b, 0, n);
        pos += n;
        return b;
    }

    /** Reads TLVs to the end of the PDU. */
    Tlvs tlvs() throws PduDecodeException {
        if (pos == end) {
            return Tlvs.NONE;
        }
        List<Tlv> list = new ArrayList<>();
        while (pos < end) {
            if (remaining() < 4) {
                throw error(CommandStatus.ESME_RINVOPTPARSTREAM, "truncated TLV header");
            }
            int tag = (buf[pos] & 0xFF) << 8 | buf[pos + 1] & 0xFF;
            int len = (buf[pos + 2] & 0xFF) << 8 | buf[pos + 3] & 0xFF;
            pos += 4;
            if (len > remaining()) {
                throw error(CommandStatus.ESME_RINVOPTPARSTREAM, String.format("TLV 0x%04x longer than the PDU", tag));
            }
            int fixed = TlvTag.fixedLength(tag);
            if (fixed >= 0 && fixed != len) {
                throw error(CommandStatus.ESME_RINVPARLEN, String.format("TLV 0x%04x must have %d octets", tag, fixed));
            }
            byte[] v = new byte[len];
            System.arraycopy(buf, pos, v, 0, len);
            pos += len;
            list.add(new Tlv(tag, v));
        }
        return new Tlvs(list);
    }

    void requireEnd() throws PduDecodeException {
        if (pos != end) {
            throw error(CommandStatus.ESME_RINVCMDLEN, "unexpected octets after the body");
        }
    }
}
