package io.gomsggw.smpp.pdu;

import java.util.Arrays;

/** Growable big-endian output buffer. */
final class PduWriter {
    private byte[] buf = new byte[64];
    private int size;

    private void ensure(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }

    PduWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    PduWriter u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    PduWriter u32(int v) {
        return u16(v >>> 16).u16(v);
    }

    PduWriter bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    PduWriter cString(String s) {
        ensure(s.length() + 1);
        for (int i = 0; i < s.length(); i++) {
            buf[size++] = (byte) s.charAt(i);
        }
        buf[size++] = 0;
        return this;
    }

    PduWriter address(Address a) {
        return u8(a.ton()).u8(a.npi()).cString(a.address());
    }

    PduWriter tlvs(Tlvs tlvs) {
        for (Tlv t : tlvs.list()) {
            u16(t.tag()).u16(t.length()).bytes(t.valueUnsafe());
        }
        return this;
    }

    int size() {
        return size;
    }

    void putU32(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
