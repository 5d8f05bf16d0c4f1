package io.gomsggw.transcode.image;

import java.nio.charset.StandardCharsets;

/**
 * The dimensions a WebP file declares, read from its RIFF chunks without decoding anything: the
 * canvas of a {@code VP8X} chunk, the frame header of every {@code VP8 } (lossy) and {@code VP8L}
 * (lossless) bitstream, and the size of every {@code ANMF} animation frame (whose bitstreams are
 * read too). A decoder sizes its buffers from any of these, so the decompression-bomb guard checks
 * the largest of them, not only the canvas.
 *
 * @param width         the picture's width: the {@code VP8X} canvas, else the bitstream's
 * @param height        the picture's height
 * @param largestWidth  width of the largest picture any header in the file declares
 * @param largestHeight height of that picture
 */
record WebpHeader(int width, int height, int largestWidth, int largestHeight) {
    private static final int RIFF_HEADER = 12;
    private static final int CHUNK_HEADER = 8;
    /** An ANMF chunk's frame fields before its nested chunks. */
    private static final int ANMF_FIELDS = 16;

    /** Pixels of the largest declared picture. */
    long largestPixels() {
        return (long) largestWidth * largestHeight;
    }

    /**
     * Reads the header of a file that starts with {@code RIFF....WEBP}.
     *
     * @throws IllegalArgumentException when the file is truncated (the RIFF size or a chunk size
     *                                  runs past its end), has no image bitstream, or a header is
     *                                  malformed
     */
    static WebpHeader parse(byte[] b) {
        if (b.length < RIFF_HEADER) throw new IllegalArgumentException("truncated (no RIFF header)");
        long riffEnd = CHUNK_HEADER + u32(b, 4);
        if (riffEnd > b.length) {
            throw new IllegalArgumentException(
                    "truncated (RIFF declares " + riffEnd + " bytes, " + b.length + " present)");
        }
        Scan scan = new Scan();
        scan.chunks(b, RIFF_HEADER, (int) riffEnd, true);
        if (scan.bitstreams == 0) throw new IllegalArgumentException("no VP8 or VP8L image data");
        int width = scan.canvasWidth > 0 ? scan.canvasWidth : scan.firstWidth;
        int height = scan.canvasWidth > 0 ? scan.canvasHeight : scan.firstHeight;
        return new WebpHeader(width, height, scan.largestWidth, scan.largestHeight);
    }

    /** Walks chunks, remembering the canvas, the first bitstream and the largest declared size. */
    private static final class Scan {
        int canvasWidth;
        int canvasHeight;
        int firstWidth;
        int firstHeight;
        int largestWidth;
        int largestHeight;
        int bitstreams;

        void chunks(byte[] b, int from, int end, boolean topLevel) {
            int at = from;
            while (at + CHUNK_HEADER <= end) {
                String fourcc = new String(b, at, 4, StandardCharsets.ISO_8859_1);
                long size = u32(b, at + 4);
                int data = at + CHUNK_HEADER;
                if (data + size > end) {
                    throw new IllegalArgumentException("truncated (" + fourcc.trim() + " chunk of " + size + " bytes)");
                }
                int n = (int) size;
                switch (fourcc) {
                    case "VP8X" -> {
                        if (!topLevel || n < 10) throw new IllegalArgumentException("malformed VP8X chunk");
                        canvasWidth = 1 + u24(b, data + 4);
                        canvasHeight = 1 + u24(b, data + 7);
                        declare(canvasWidth, canvasHeight);
                    }
                    case "VP8 " -> vp8(b, data, n);
                    case "VP8L" -> {
                        if (n < 5 || (b[data] & 0xFF) != 0x2F)
                            throw new IllegalArgumentException("malformed VP8L chunk");
                        long bits = u32(b, data + 1);
                        bitstream(1 + (int) (bits & 0x3FFF), 1 + (int) ((bits >>> 14) & 0x3FFF));
                    }
                    case "ANMF" -> {
                        if (!topLevel || n < ANMF_FIELDS) throw new IllegalArgumentException("malformed ANMF chunk");
                        declare(1 + u24(b, data + 6), 1 + u24(b, data + 9));
                        chunks(b, data + ANMF_FIELDS, data + n, false);
                    }
                    default -> {} // ALPH, ANIM, ICCP, EXIF, XMP and unknown chunks carry no dimensions
                }
                at = data + n + (n & 1); // chunks are padded to an even size
            }
        }

        /** A lossy key frame: 3 bytes of frame tag, start code 9D 01 2A, then 14-bit width and height. */
        private void vp8(byte[] b, int data, int n) {
            if (n < 10
                    || (b[data + 3] & 0xFF) != 0x9D
                    || (b[data + 4] & 0xFF) != 0x01
                    || (b[data + 5] & 0xFF) != 0x2A) {
                throw new IllegalArgumentException("malformed VP8 chunk (no key frame start code)");
            }
            bitstream(u16(b, data + 6) & 0x3FFF, u16(b, data + 8) & 0x3FFF);
        }

        private void bitstream(int w, int h) {
            if (w <= 0 || h <= 0) throw new IllegalArgumentException("no valid dimensions");
            if (bitstreams++ == 0) {
                firstWidth = w;
                firstHeight = h;
            }
            declare(w, h);
        }

        private void declare(int w, int h) {
            if ((long) w * h > (long) largestWidth * largestHeight) {
                largestWidth = w;
                largestHeight = h;
            }
        }
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static int u24(byte[] b, int i) {
        return u16(b, i) | (b[i + 2] & 0xFF) << 16;
    }

    private static long u32(byte[] b, int i) {
        return u24(b, i) | (long) (b[i + 3] & 0xFF) << 24;
    }
}
