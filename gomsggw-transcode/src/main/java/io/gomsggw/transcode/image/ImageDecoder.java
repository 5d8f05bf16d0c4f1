package io.gomsggw.transcode.image;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import io.gomsggw.core.spi.TranscodeException;
import io.gomsggw.transcode.detect.MediaType;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.apache.commons.imaging.Imaging;

/**
 * Decodes the first frame of an image: ImageIO for JPEG, PNG, GIF and BMP, the TwelveMonkeys
 * ImageIO reader for WebP (lossy, lossless, alpha, animated; created from its SPI directly, so it
 * does not depend on ImageIO's plug-in scan), Commons Imaging for TIFF. Every ImageIO read checks
 * the reader's own {@code getWidth/getHeight} against the pixel budget before allocating, and a
 * reader warning (ImageIO's way of reporting truncated or corrupt data) refuses the image.
 */
public final class ImageDecoder {
    private static final ImageReaderSpi WEBP = new WebPImageReaderSpi();

    private final long maxPixels;

    /** @param maxPixels the largest width × height that will be decoded */
    public ImageDecoder(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /** Whether this decoder can decode {@code type}. */
    public boolean canDecode(MediaType type) {
        return switch (type) {
            case JPEG, PNG, GIF, BMP, TIFF, WEBP -> true;
            default -> false;
        };
    }

    /**
     * Decodes the first frame.
     *
     * @throws TranscodeException {@code unsupported_media_type} for corrupt input or a type without
     *                            a decoder, {@code media_too_large} over the pixel budget
     */
    public BufferedImage decode(MediaType type, byte[] content) throws TranscodeException {
        if (!canDecode(type)) {
            throw new TranscodeException(
                    TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                    "no decoder for " + type.label() + " (" + type.mime() + ") is available");
        }
        if (type == MediaType.TIFF) {
            return viaCommonsImaging(type, content);
        }
        try {
            return viaImageIo(type, content);
        } catch (TranscodeException e) {
            if (type == MediaType.JPEG && e.getMessage().contains("Unsupported Image Type")) {
                return viaCommonsImaging(type, content); // CMYK / YCCK JPEGs
            }
            throw e;
        }
    }

    private BufferedImage viaImageIo(MediaType type, byte[] content) throws TranscodeException {
        ImageReader reader = reader(type);
        List<String> warnings = new ArrayList<>();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(content))) {
            reader.setInput(in, true, true);
            long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
            if (pixels <= 0) throw corrupt(type, "no valid dimensions");
            if (pixels > maxPixels) {
                throw new TranscodeException(
                        TranscodeException.MEDIA_TOO_LARGE,
                        type.mime() + " of "
                                + reader.getWidth(0) + "x" + reader.getHeight(0)
                                + " pixels exceeds the decoding limit of "
                                + maxPixels + " pixels");
            }
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            BufferedImage image = reader.read(0);
            if (!warnings.isEmpty()) throw corrupt(type, warnings.get(0));
            return image;
        } catch (IOException | RuntimeException e) {
            throw corrupt(type, e.getMessage());
        } finally {
            reader.dispose();
        }
    }

    private static ImageReader reader(MediaType type) throws TranscodeException {
        if (type == MediaType.WEBP) {
            try {
                return WEBP.createReaderInstance();
            } catch (IOException e) {
                throw new IllegalStateException("the WebP reader cannot be created", e);
            }
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(type.label());
        if (!readers.hasNext()) {
            throw new TranscodeException(
                    TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                    "no decoder for " + type.label() + " (" + type.mime() + ") is available");
        }
        return readers.next();
    }

    private static BufferedImage viaCommonsImaging(MediaType type, byte[] content) throws TranscodeException {
        try {
            BufferedImage image = Imaging.getBufferedImage(content);
            if (image == null) throw corrupt(type, "no image");
            return image;
        } catch (IOException | RuntimeException e) {
            throw corrupt(type, e.getMessage());
        }
    }

    private static TranscodeException corrupt(MediaType type, String why) {
        return new TranscodeException(
                TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                "corrupt or truncated " + type.mime() + (why == null ? "" : ": " + why));
    }
}
