package io.gomsggw.smpp.charset;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The GSM 03.38 (3GPP TS 23.038) default alphabet with its extension table. Text encodes to
 * septets, one per octet ("unpacked", what most SMSCs carry in SMPP with data_coding 0), and
 * septets can be packed to 7-bit octets (with leading fill bits after a UDH) and back.
 * Characters outside both tables encode as {@code ?}. The tables are constants; the class holds
 * no state.
 */
public final class Gsm7 {
    /** The escape septet that introduces an extension character. */
    public static final int ESC = 0x1B;

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** Extension table: septet after ESC → character. */
    private static final char[] EXT_CHARS = {'\f', '^', '{', '}', '\\', '[', '~', ']', '|', '€'};

    private static final int[] EXT_CODES = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};
    private static final int QUESTION = 0x3F;
    /**
     * Septet by character for both tables, looked up on every character of every message: the
     * basic-table septet, the extension septet + {@value #EXTENDED}, or -1. 64 KiB, built once.
     */
    private static final short[] CODES = codes();

    private static final int EXTENDED = 0x100;

    private Gsm7() {}

    private static short[] codes() {
        short[] codes = new short[Character.MAX_VALUE + 1];
        Arrays.fill(codes, (short) -1);
        for (int i = 0; i < EXT_CHARS.length; i++) {
            codes[EXT_CHARS[i]] = (short) (EXTENDED + EXT_CODES[i]);
        }
        for (int i = 0; i < BASIC.length(); i++) {
            if (i != ESC) {
                codes[BASIC.charAt(i)] = (short) i;
            }
        }
        return codes;
    }

    /** The basic-table septet of {@code c}, or -1. ESC itself is not encodable. */
    static int basicCode(char c) {
        int code = CODES[c];
        return code >= EXTENDED ? -1 : code;
    }

    /** The extension-table septet of {@code c} (to follow ESC), or -1. */
    static int extensionCode(char c) {
        int code = CODES[c];
        return code >= EXTENDED ? code - EXTENDED : -1;
    }

    /** Septets {@code c} takes: 1 (basic table or unmappable, as {@code ?}) or 2 (extension). */
    public static int septets(char c) {
        return basicCode(c) < 0 && extensionCode(c) >= 0 ? 2 : 1;
    }

    /** Whether every character of {@code text} is in the basic or extension table. */
    public static boolean canEncode(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (basicCode(c) < 0 && extensionCode(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Septets {@code text} takes, extension characters counting two. */
    public static int septetCount(CharSequence text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            n += septets(text.charAt(i));
        }
        return n;
    }

    /**
     * Encodes to unpacked septets, one per octet. A surrogate pair (one unmappable code point)
     * becomes a single {@code ?}.
     */
    public static byte[] encodeUnpacked(CharSequence text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int b = basicCode(c);
            if (b >= 0) {
                out.write(b);
                continue;
            }
            int e = extensionCode(c);
            if (e >= 0) {
                out.write(ESC);
                out.write(e);
            } else {
                out.write(QUESTION);
                if (Character.isHighSurrogate(c)
                        && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                }
            }
        }
        return out.toByteArray();
    }

    /**
     * Decodes unpacked septets. The high bit of each octet is ignored; an ESC followed by a septet
     * without extension meaning yields the basic character (TS 23.038 6.2.1.1); a trailing ESC
     * yields a space.
     */
    public static String decodeUnpacked(byte[] septets) {
        StringBuilder sb = new StringBuilder(septets.length);
        for (int i = 0; i < septets.length; i++) {
            int s = septets[i] & 0x7F;
            if (s != ESC) {
                sb.append(BASIC.charAt(s));
                continue;
            }
            if (i + 1 >= septets.length) {
                sb.append(' ');
                break;
            }
            int next = septets[++i] & 0x7F;
            char ext = extensionChar(next);
            sb.append(ext != 0 ? ext : next == ESC ? ' ' : BASIC.charAt(next));
        }
        return sb.toString();
    }

    private static char extensionChar(int code) {
        for (int i = 0; i < EXT_CODES.length; i++) {
            if (EXT_CODES[i] == code) {
                return EXT_CHARS[i];
            }
        }
        return 0;
    }

    /** Encodes {@code text} to packed 7-bit octets without fill bits. */
    public static byte[] encodePacked(CharSequence text) {
        return pack(encodeUnpacked(text), 0);
    }

    /** Decodes packed octets holding {@code septetCount} septets after {@code fillBits}. */
    public static String decodePacked(byte[] packed, int fillBits, int septetCount) {
        return decodeUnpacked(unpack(packed, fillBits, septetCount));
    }

    /**
     * Packs septets (low 7 bits of each octet) into octets, least significant bit first, after
     * {@code fillBits} zero bits (0..6, as needed to align with a UDH).
     */
    public static byte[] pack(byte[] septets, int fillBits) {
        if (fillBits < 0 || fillBits > 6) {
            throw new IllegalArgumentException("fillBits must be 0..6");
        }
        int bits = fillBits + septets.length * 7;
        byte[] out = new byte[(bits + 7) / 8];
        int bit = fillBits;
        for (byte septet : septets) {
            int v = septet & 0x7F;
            int idx = bit >> 3;
            int shift = bit & 7;
            out[idx] |= (byte) (v << shift);
            if (shift > 1) {
                out[idx + 1] |= (byte) (v >> (8 - shift));
            }
            bit += 7;
        }
        return out;
    }

    /**
     * Unpacks {@code septetCount} septets after {@code fillBits} bits; stops early (fewer septets)
     * if the octets run out, so hostile lengths cannot overrun.
     */
    public static byte[] unpack(byte[] packed, int fillBits, int septetCount) {
        if (fillBits < 0 || fillBits > 6) {
            throw new IllegalArgumentException("fillBits must be 0..6");
        }
        int available = (packed.length * 8 - fillBits) / 7;
        int n = Math.max(0, Math.min(septetCount, available));
        byte[] out = new byte[n];
        int bit = fillBits;
        for (int i = 0; i < n; i++) {
            int idx = bit >> 3;
            int shift = bit & 7;
            int v = (packed[idx] & 0xFF) >> shift;
            if (shift > 1) {
                v |= (packed[idx + 1] & 0xFF) << (8 - shift);
            }
            out[i] = (byte) (v & 0x7F);
            bit += 7;
        }
        return out;
    }
}
