package io.gomsggw.transcode.image;

import io.gomsggw.core.spi.TranscodeException;
import io.gomsggw.transcode.detect.MediaType;
import java.awt.image.BufferedImage;

/**
 * Turns one image into a JPEG of at most a byte budget: decode (after the header check), scale to
 * fit the box, apply the EXIF orientation, flatten onto white, then encode at {@code quality},
 * stepping down by 5 to {@code minQuality}, then shrink by 0.8 at {@code minQuality} until it fits.
 * Thread-safe: holds only configuration.
 */
public final class ImageConverter {
    /** Below this edge length a picture is no longer worth sending. */
    static final int MIN_EDGE = 16;

    static final int QUALITY_STEP = 5;
    static final double SHRINK = 0.8;

    private final int maxWidth;
    private final int maxHeight;
    private final int quality;
    private final int minQuality;
    private final ImageProbe probe;
    private final ImageDecoder decoder;

    /**
     * @param maxWidth   largest output width
     * @param maxHeight  largest output height
     * @param quality    first JPEG quality tried (1..100)
     * @param minQuality last JPEG quality tried before scaling further down
     * @param maxPixels  decompression-bomb guard: largest width × height decoded
     */
    public ImageConverter(int maxWidth, int maxHeight, int quality, int minQuality, long maxPixels) {
        this.maxWidth = maxWidth;
        this.maxHeight = maxHeight;
        this.quality = quality;
        this.minQuality = minQuality;
        this.probe = new ImageProbe(maxPixels);
        this.decoder = new ImageDecoder(maxPixels);
    }

    /** Header check: dimensions, pixel budget, truncation, orientation. */
    public ImageHeader probe(MediaType type, byte[] content) throws TranscodeException {
        return probe.probe(type, content);
    }

    /** Whether {@code type} can be decoded here (every image type {@code MediaSniffer} detects). */
    public boolean canDecode(MediaType type) {
        return decoder.canDecode(type);
    }

    /**
     * Converts to JPEG within {@code maxBytes}.
     *
     * @param header the result of {@link #probe} for the same bytes
     * @throws TranscodeException {@code media_too_large} when even the smallest useful picture does
     *                            not fit or the deadline passes; {@code unsupported_media_type} for
     *                            content that does not decode
     */
    public byte[] toJpeg(MediaType type, byte[] content, ImageHeader header, long maxBytes, Deadline deadline)
            throws TranscodeException {
        BufferedImage decoded = decoder.decode(type, content);
        deadline.check(type.mime());
        int w = decoded.getWidth();
        int h = decoded.getHeight();
        int uprightW = header.transposed() ? h : w;
        int uprightH = header.transposed() ? w : h;
        double scale = Math.min(1.0, Math.min((double) maxWidth / uprightW, (double) maxHeight / uprightH));
        BufferedImage scaled = ImageScaler.resize(decoded, edge(w * scale), edge(h * scale));
        decoded = null; // let the full-size pixels go before encoding
        BufferedImage upright = Orientation.apply(scaled, header.orientation());
        deadline.check(type.mime());

        for (int q = quality; ; q = Math.max(minQuality, q - QUALITY_STEP)) {
            byte[] jpeg = JpegEncoder.encode(upright, q);
            if (jpeg.length <= maxBytes) return jpeg;
            deadline.check(type.mime());
            if (q == minQuality) break;
        }
        BufferedImage current = upright;
        while (true) {
            int nw = (int) (current.getWidth() * SHRINK);
            int nh = (int) (current.getHeight() * SHRINK);
            if (nw < MIN_EDGE || nh < MIN_EDGE) {
                throw new TranscodeException(
                        TranscodeException.MEDIA_TOO_LARGE,
                        type.mime() + " of " + content.length + " bytes cannot be made to fit " + maxBytes + " bytes");
            }
            current = ImageScaler.resize(current, nw, nh);
            byte[] jpeg = JpegEncoder.encode(current, minQuality);
            if (jpeg.length <= maxBytes) return jpeg;
            deadline.check(type.mime());
        }
    }

    private static int edge(double v) {
        return Math.max(1, (int) Math.round(v));
    }
}
