package io.gomsggw.smpp.text;

import io.gomsggw.smpp.charset.Gsm7;
import io.gomsggw.smpp.charset.TextCodecs;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into SMS parts. GSM 7-bit whenever every character fits, else UCS-2. One part
 * holds up to 160 septets / 70 UCS-2 code units; longer texts go in parts of 153 septets / 67
 * code units after a 6-octet UDH (152 / 66 with 16-bit references). An extension character
 * (two septets) and a surrogate pair always stay within one part. Immutable.
 *
 * @param sixteenBitReference whether to write IEI 0x08 (16-bit reference) instead of 0x00
 * @param gsmPacked           whether GSM septets are packed 7-bit (with fill bits after the UDH)
 *                            instead of one septet per octet (the usual SMPP data_coding 0)
 */
public record Segmenter(boolean sixteenBitReference, boolean gsmPacked) {

    /** 8-bit references, unpacked GSM septets: what most SMSCs and ESMEs expect. */
    public static final Segmenter STANDARD = new Segmenter(false, false);

    /** Septets in a single GSM 7-bit message. */
    public static final int GSM_SINGLE = 160;
    /** UCS-2 code units in a single message. */
    public static final int UCS2_SINGLE = 70;

    /** Splits {@code text}; {@code reference} identifies the message (0..255 or 0..65535). */
    public Segments segment(String text, int reference) {
        int udhLength = sixteenBitReference ? Udh.CONCAT_16_LENGTH : Udh.CONCAT_8_LENGTH;
        if (Gsm7.canEncode(text)) {
            if (Gsm7.septetCount(text) <= GSM_SINGLE) {
                byte[] septets = Gsm7.encodeUnpacked(text);
                return new Segments(0, false, List.of(gsmPacked ? Gsm7.pack(septets, 0) : septets));
            }
            int perPart = (140 - udhLength) * 8 / 7;
            List<String> chunks = split(text, perPart, true);
            List<byte[]> parts = new ArrayList<>();
            for (int i = 0; i < chunks.size(); i++) {
                byte[] septets = Gsm7.encodeUnpacked(chunks.get(i));
                byte[] body = gsmPacked ? Gsm7.pack(septets, Udh.fillBits(udhLength)) : septets;
                parts.add(concat(header(reference, chunks.size(), i + 1), body));
            }
            return new Segments(0, true, parts);
        }
        if (text.length() <= UCS2_SINGLE) {
            return new Segments(8, false, List.of(TextCodecs.UCS2.encode(text)));
        }
        int perPart = (140 - udhLength) / 2;
        List<String> chunks = split(text, perPart, false);
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            parts.add(concat(header(reference, chunks.size(), i + 1), TextCodecs.UCS2.encode(chunks.get(i))));
        }
        return new Segments(8, true, parts);
    }

    /** How many parts {@link #segment} would produce. */
    public int countParts(String text) {
        return segment(text, 0).count();
    }

    private byte[] header(int reference, int total, int seq) {
        return sixteenBitReference ? Udh.concat16(reference, total, seq) : Udh.concat8(reference, total, seq);
    }

    private static List<String> split(String text, int limit, boolean gsm) {
        List<String> chunks = new ArrayList<>();
        int start = 0;
        int used = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int chars = !gsm
                            && Character.isHighSurrogate(c)
                            && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))
                    ? 2
                    : 1;
            int cost = gsm ? Gsm7.septets(c) : chars;
            if (used + cost > limit) {
                chunks.add(text.substring(start, i));
                start = i;
                used = 0;
            }
            used += cost;
            i += chars;
        }
        chunks.add(text.substring(start));
        if (chunks.size() > 255) {
            throw new IllegalArgumentException("text needs " + chunks.size() + " parts, more than 255");
        }
        return chunks;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
