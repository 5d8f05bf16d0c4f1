package io.gomsggw.transcode.image;

import io.gomsggw.core.spi.TranscodeException;
import io.gomsggw.transcode.detect.MediaType;
import java.awt.Dimension;
import java.io.IOException;
import org.apache.commons.imaging.ImageInfo;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.common.ImageMetadata;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.tiff.TiffField;
import org.apache.commons.imaging.formats.tiff.TiffImageMetadata;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;

/**
 * Reads an image's dimensions and orientation without decoding pixels (with Commons Imaging; WebP
 * with {@link WebpHeader}, which also checks every frame's declared size) and applies the
 * decompression-bomb guard: anything over the pixel budget is refused here, before a single pixel
 * buffer is allocated. Also checks that the file is not obviously truncated.
 */
public final class ImageProbe {
    private final long maxPixels;

    /** @param maxPixels the largest width × height that will ever be decoded */
    public ImageProbe(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /**
     * Reads the header of an image of {@code type}.
     *
     * @throws TranscodeException {@code unsupported_media_type} for corrupt or truncated input,
     *                            {@code media_too_large} over the pixel budget
     */
    public ImageHeader probe(MediaType type, byte[] content) throws TranscodeException {
        if (type == MediaType.WEBP) {
            return probeWebp(content);
        }
        Dimension size;
        try {
            size = Imaging.getImageSize(content);
        } catch (IOException | RuntimeException e) {
            throw corrupt(type, e.getMessage());
        }
        if (size == null || size.width <= 0 || size.height <= 0) {
            throw corrupt(type, "no valid dimensions");
        }
        checkBudget(type, size.width, size.height);
        if (!looksComplete(type, content)) {
            throw corrupt(type, "truncated (no end marker)");
        }
        return new ImageHeader(size.width, size.height, orientation(type, content));
    }

    /** WebP: canvas and every frame's declared size within the budget; an EXIF orientation is not applied. */
    private ImageHeader probeWebp(byte[] content) throws TranscodeException {
        WebpHeader webp;
        try {
            webp = WebpHeader.parse(content);
        } catch (IllegalArgumentException e) {
            throw corrupt(MediaType.WEBP, e.getMessage());
        }
        checkBudget(MediaType.WEBP, webp.largestWidth(), webp.largestHeight());
        return new ImageHeader(webp.width(), webp.height(), 1);
    }

    private void checkBudget(MediaType type, int width, int height) throws TranscodeException {
        if ((long) width * height > maxPixels) {
            throw new TranscodeException(
                    TranscodeException.MEDIA_TOO_LARGE,
                    type.mime() + " of " + width + "x" + height + " pixels exceeds the decoding limit of " + maxPixels
                            + " pixels");
        }
    }

    /** Number of frames, as far as the header tells (1 when unknown). */
    public int frames(byte[] content) {
        try {
            ImageInfo info = Imaging.getImageInfo(content);
            return Math.max(1, info.getNumberOfImages());
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }

    private static int orientation(MediaType type, byte[] content) {
        if (type != MediaType.JPEG && type != MediaType.TIFF) return 1;
        try {
            ImageMetadata metadata = Imaging.getMetadata(content);
            TiffField field = null;
            if (metadata instanceof JpegImageMetadata jpeg) {
                field = jpeg.findExifValueWithExactMatch(TiffTagConstants.TIFF_TAG_ORIENTATION);
            } else if (metadata instanceof TiffImageMetadata tiff) {
                field = tiff.findField(TiffTagConstants.TIFF_TAG_ORIENTATION);
            }
            if (field == null) return 1;
            int value = field.getIntValue();
            return value >= 1 && value <= 8 ? value : 1;
        } catch (IOException | RuntimeException e) {
            return 1; // unreadable metadata is not a reason to refuse the picture
        }
    }

    /**
     * Cheap structural checks for truncation: a JPEG ends with EOI (FFD9) near its end, a PNG has
     * an IEND chunk, a GIF ends with its trailer (0x3B), padding zeros aside.
     */
    static boolean looksComplete(MediaType type, byte[] b) {
        return switch (type) {
            case JPEG -> tailContains(b, 1024, (byte) 0xFF, (byte) 0xD9);
            case PNG -> tailContains(b, 64, (byte) 'I', (byte) 'E', (byte) 'N', (byte) 'D');
            case GIF -> lastNonZero(b) == 0x3B;
            default -> true;
        };
    }

    private static int lastNonZero(byte[] b) {
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i] != 0) return b[i] & 0xFF;
        }
        return -1;
    }

    private static boolean tailContains(byte[] b, int window, byte... marker) {
        int from = Math.max(0, b.length - window);
        outer:
        for (int i = b.length - marker.length; i >= from; i--) {
            for (int j = 0; j < marker.length; j++) {
                if (b[i + j] != marker[j]) continue outer;
            }
            return true;
        }
        return false;
    }

    private static TranscodeException corrupt(MediaType type, String why) {
        return new TranscodeException(
                TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                "corrupt or truncated " + type.mime() + (why == null ? "" : ": " + why));
    }
}
