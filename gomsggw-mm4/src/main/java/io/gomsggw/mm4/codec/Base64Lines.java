package io.gomsggw.mm4.codec;

import java.util.Arrays;

/**
 * Decodes base64 as MIME writes it (RFC 2045: the base64 alphabet in lines ending in {@code CRLF}, padding at
 * the end) in one pass over a byte array.
 *
 * <p>Why: Jakarta Mail's decoder reads its input one byte at a time through a stream, and the JDK's MIME
 * decoder reads it twice (once to count, once to decode); for the photo of an MMS either cost more than the
 * rest of the parsing. Input that is anything more than that (other whitespace, characters outside the
 * alphabet, padding before the end, a last group of one character, a last group without its padding) gives
 * {@code null}, and the caller decodes it as before, with Jakarta Mail.
 */
final class Base64Lines {
    private static final byte[] VALUES = new byte[256];

    static {
        Arrays.fill(VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = (byte) i;
        }
    }

    private Base64Lines() {}

    /** The decoded bytes, or null when {@code in} is not plain MIME base64 (see the class comment). */
    static byte[] decode(byte[] in) {
        byte[] out = new byte[in.length / 4 * 3 + 3];
        int o = 0;
        int bits = 0;
        int count = 0;
        int i = 0;
        for (; i < in.length; i++) {
            int b = in[i] & 0xff;
            int v = VALUES[b];
            if (v >= 0) {
                bits = bits << 6 | v;
                if (++count == 4) {
                    out[o++] = (byte) (bits >> 16);
                    out[o++] = (byte) (bits >> 8);
                    out[o++] = (byte) bits;
                    count = 0;
                    bits = 0;
                }
            } else if (b == '=') {
                break;
            } else if (b != '\r' && b != '\n') {
                return null;
            }
        }
        if (i < in.length) { // padding: "==" after two characters, "=" after three
            int pads = 0;
            for (; i < in.length; i++) {
                int b = in[i];
                if (b == '=') {
                    pads++;
                } else if (b != '\r' && b != '\n') {
                    return null;
                }
            }
            if (count == 2 && pads == 2) {
                out[o++] = (byte) (bits >> 4);
            } else if (count == 3 && pads == 1) {
                out[o++] = (byte) (bits >> 10);
                out[o++] = (byte) (bits >> 2);
            } else {
                return null;
            }
        } else if (count != 0) {
            return null;
        }
        return o == out.length ? out : Arrays.copyOf(out, o);
    }
}
