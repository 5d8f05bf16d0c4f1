package io.gomsggw.transcode.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Turns an image stored with an EXIF orientation (1..8) upright. Works on {@code TYPE_INT_RGB}
 * images, which is what {@link ImageScaler} produces.
 */
public final class Orientation {
    private Orientation() {}

    /**
     * Returns {@code src} shown as orientation {@code orientation} asks; {@code src} itself for 1.
     *
     * @param src an image of {@link BufferedImage#TYPE_INT_RGB}
     */
    public static BufferedImage apply(BufferedImage src, int orientation) {
        if (orientation <= 1 || orientation > 8) return src;
        if (src.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("expected TYPE_INT_RGB, got type " + src.getType());
        }
        int w = src.getWidth();
        int h = src.getHeight();
        boolean transposed = orientation >= 5;
        int dw = transposed ? h : w;
        int dh = transposed ? w : h;
        BufferedImage dst = new BufferedImage(dw, dh, BufferedImage.TYPE_INT_RGB);
        int[] s = ((DataBufferInt) src.getRaster().getDataBuffer()).getData();
        int[] d = ((DataBufferInt) dst.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < dh; y++) {
            int row = y * dw;
            for (int x = 0; x < dw; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> {
                        sx = w - 1 - x;
                        sy = y;
                    } // mirror horizontal
                    case 3 -> {
                        sx = w - 1 - x;
                        sy = h - 1 - y;
                    } // rotate 180
                    case 4 -> {
                        sx = x;
                        sy = h - 1 - y;
                    } // mirror vertical
                    case 5 -> {
                        sx = y;
                        sy = x;
                    } // transpose
                    case 6 -> {
                        sx = y;
                        sy = h - 1 - x;
                    } // rotate 90 clockwise
                    case 7 -> {
                        sx = w - 1 - y;
                        sy = h - 1 - x;
                    } // transverse
                    default -> {
                        sx = w - 1 - y;
                        sy = x;
                    } // 8: rotate 90 counter-clockwise
                }
                d[row + x] = s[sy * w + sx];
            }
        }
        return dst;
    }
}
