package io.gomsggw.transcode.detect;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Recognises media by its magic bytes. The declared content type is only consulted for text and
 * SMIL, which have no magic: a part declared {@code text/plain} that starts like a JPEG is a JPEG.
 * Pure and thread-safe.
 */
public final class MediaSniffer {
    /** How many leading bytes are inspected when deciding whether content is text. */
    private static final int TEXT_PROBE = 8192;

    /**
     * Detects the type of {@code content}.
     *
     * @param content      the bytes, never null
     * @param declaredType the sender's content type, may be null; used only for text and SMIL
     */
    public MediaType detect(byte[] content, String declaredType) {
        MediaType byMagic = byMagic(content);
        if (byMagic != MediaType.UNKNOWN) {
            return byMagic;
        }
        String declared = declaredType == null
                ? ""
                : declaredType.toLowerCase(Locale.ROOT).trim();
        if (looksLikeText(content)) {
            if (declared.startsWith("application/smil") || startsWithSmil(content)) {
                return MediaType.SMIL;
            }
            if (declared.startsWith("text/")) {
                return MediaType.TEXT;
            }
        }
        return MediaType.UNKNOWN;
    }

    /** Detection from magic bytes alone; {@link MediaType#UNKNOWN} when nothing matches. */
    public MediaType byMagic(byte[] b) {
        if (starts(b, 0, 0xFF, 0xD8, 0xFF)) return MediaType.JPEG;
        if (starts(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return MediaType.PNG;
        if (ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a")) return MediaType.GIF;
        if (ascii(b, 0, "BM") && b.length >= 26) return MediaType.BMP;
        if (starts(b, 0, 'I', 'I', 0x2A, 0x00) || starts(b, 0, 'M', 'M', 0x00, 0x2A)) return MediaType.TIFF;
        if (ascii(b, 0, "RIFF") && b.length >= 12) {
            if (ascii(b, 8, "WEBP")) return MediaType.WEBP;
            if (ascii(b, 8, "AVI ")) return MediaType.AVI;
            if (ascii(b, 8, "WAVE")) return MediaType.WAV;
            return MediaType.UNKNOWN;
        }
        if (ascii(b, 4, "ftyp") && b.length >= 12) return byBrand(new String(b, 8, 4, StandardCharsets.ISO_8859_1));
        if (starts(b, 0, 0x1A, 0x45, 0xDF, 0xA3)) return isWebm(b) ? MediaType.WEBM : MediaType.MATROSKA;
        if (ascii(b, 0, "OggS")) return MediaType.OGG;
        if (ascii(b, 0, "#!AMR")) return MediaType.AMR;
        if (ascii(b, 0, "ID3") && b.length >= 10) return MediaType.MP3;
        if (isMpegAudioFrame(b)) return MediaType.MP3;
        return MediaType.UNKNOWN;
    }

    private static MediaType byBrand(String brand) {
        if (brand.startsWith("3g")) return MediaType.THREE_GPP;
        if (brand.equals("qt  ")) return MediaType.MOV;
        if (brand.startsWith("M4A") || brand.startsWith("M4B")) return MediaType.M4A;
        return MediaType.MP4; // isom, iso2, mp41, mp42, avc1, M4V, dash, …
    }

    /** The EBML DocType of a WebM file says "webm" within the first few dozen bytes. */
    private static boolean isWebm(byte[] b) {
        int limit = Math.min(b.length, 64) - 4;
        for (int i = 4; i <= limit; i++) {
            if (ascii(b, i, "webm")) return true;
        }
        return false;
    }

    /** An MPEG-1/2 layer III frame header: 11 sync bits, a valid version, layer, bitrate and rate. */
    private static boolean isMpegAudioFrame(byte[] b) {
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xE0) != 0xE0) return false;
        int version = (b[1] >> 3) & 0x03;
        int layer = (b[1] >> 1) & 0x03;
        int bitrate = (b[2] >> 4) & 0x0F;
        int rate = (b[2] >> 2) & 0x03;
        return version != 1 && layer == 1 && bitrate != 0 && bitrate != 15 && rate != 3;
    }

    private static boolean startsWithSmil(byte[] b) {
        String head = new String(b, 0, Math.min(b.length, 512), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        return head.contains("<smil");
    }

    /** Valid UTF-8 (allowing a cut at the probe's end) without NUL bytes. */
    private static boolean looksLikeText(byte[] b) {
        int n = Math.min(b.length, TEXT_PROBE);
        for (int i = 0; i < n; i++) {
            if (b[i] == 0) return false;
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, 0, n < b.length ? Math.max(0, n - 4) : n));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean starts(byte[] b, int offset, int... expected) {
        if (b.length < offset + expected.length) return false;
        for (int i = 0; i < expected.length; i++) {
            if ((b[offset + i] & 0xFF) != expected[i]) return false;
        }
        return true;
    }

    private static boolean ascii(byte[] b, int offset, String s) {
        if (b.length < offset + s.length()) return false;
        for (int i = 0; i < s.length(); i++) {
            if (b[offset + i] != (byte) s.charAt(i)) return false;
        }
        return true;
    }
}
