package io.gomsggw.mm4.codec;

import java.util.Arrays;

/**
 * Decodes base64 as MIME writes it (RFC 2045: the base64 alphabet in lines ending in {@code CRLF}, padding at
 * the end) straight from a window of the message's array: one pass counts the characters of the alphabet, so
 * the output is allocated at its exact length (it is the media part that is kept), a second decodes.
 *
 * <p>Why: Jakarta Mail's decoder reads its input one byte at a time through a stream, and the JDK's MIME
 * decoder needs the input as an array of its own; for the photo of an MMS either cost more than the rest of
 * the parsing. Input that is anything more than that (other whitespace, characters outside the alphabet,
 * padding before the end, a last group of one character, a last group without its padding) gives {@code
 * null}, and the caller decodes it as before, with Jakarta Mail.
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

    /**
     * The bytes {@code in[from, to)} decode to, in an array of exactly their length, or null when they are
     * not plain MIME base64 (see the class comment).
     */
    static byte[] decode(byte[] in, int from, int to) {
        int characters = 0; // of the alphabet, before any padding: they give the decoded length
        for (int i = from; i < to && in[i] != '='; i++) {
            if (VALUES[in[i] & 0xff] >= 0) {
                characters++;
            }
        }
        if (characters % 4 == 1) {
            return null;
        }
        byte[] out = new byte[characters / 4 * 3 + Math.max(0, characters % 4 - 1)];
        int o = 0;
        int bits = 0;
        int count = 0;
        int i = from;
        for (; i < to; i++) {
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
        if (i < to) { // padding: "==" after two characters, "=" after three
            int pads = 0;
            for (; i < to; i++) {
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
        return out;
    }
}
