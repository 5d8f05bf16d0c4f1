package io.gomsggw.smpp.pdu;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One optional parameter: a 16-bit tag and its value octets, kept as received. Immutable: the
 * value is copied in and out.
 */
public final class Tlv {
    private final int tag;
    private final byte[] value;

    /**
     * @param tag   0..0xFFFF
     * @param value at most 0xFFFF octets; for a tag with a fixed length
     *              ({@link TlvTag#fixedLength(int)}) exactly that many
     */
    public Tlv(int tag, byte[] value) {
        if (tag < 0 || tag > 0xFFFF) {
            throw new IllegalArgumentException("tag out of range: " + tag);
        }
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("TLV value longer than 65535 octets");
        }
        int fixed = TlvTag.fixedLength(tag);
        if (fixed >= 0 && value.length != fixed) {
            throw new IllegalArgumentException(
                    String.format("TLV 0x%04x must have %d octets, not %d", tag, fixed, value.length));
        }
        this.tag = tag;
        this.value = value.clone();
    }

    /** A TLV holding one octet. */
    public static Tlv ofByte(int tag, int value) {
        return new Tlv(tag, new byte[] {(byte) value});
    }

    /** A TLV holding a big-endian 16-bit integer. */
    public static Tlv ofShort(int tag, int value) {
        return new Tlv(tag, new byte[] {(byte) (value >>> 8), (byte) value});
    }

    /** A TLV holding a C-octet string (Latin-1 text followed by NUL). */
    public static Tlv ofCString(int tag, String value) {
        Fields.cString("TLV value", value, 0x10000);
        byte[] b = new byte[value.length() + 1];
        for (int i = 0; i < value.length(); i++) {
            b[i] = (byte) value.charAt(i);
        }
        return new Tlv(tag, b);
    }

    /** The tag. */
    public int tag() {
        return tag;
    }

    /** A copy of the value octets. */
    public byte[] value() {
        return value.clone();
    }

    /** The value length in octets. */
    public int length() {
        return value.length;
    }

    int unsignedByteAt(int index) {
        return value[index] & 0xFF;
    }

    byte[] valueUnsafe() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tlv t && t.tag == tag && Arrays.equals(t.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * tag + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return String.format("Tlv[0x%04x=%s]", tag, HexFormat.of().formatHex(value));
    }
}
