package io.gomsggw.transcode.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Resamples images for JPEG output: progressive halving (bilinear, which at exactly one half is a
 * 2×2 box filter) while the image is at least twice the target, then one bicubic step to the exact
 * size. Every result is {@code TYPE_INT_RGB} with any transparency flattened onto white.
 */
public final class ImageScaler {
    private ImageScaler() {}

    /** Scales {@code src} to exactly {@code width} × {@code height}, flattened onto white. */
    public static BufferedImage resize(BufferedImage src, int width, int height) {
        BufferedImage current = src;
        int w = src.getWidth();
        int h = src.getHeight();
        if (w == width && h == height) {
            return flatten(src);
        }
        do {
            Object hint;
            if (w / 2 >= width && h / 2 >= height) {
                w /= 2;
                h /= 2;
                hint = RenderingHints.VALUE_INTERPOLATION_BILINEAR;
            } else {
                w = width;
                h = height;
                hint = RenderingHints.VALUE_INTERPOLATION_BICUBIC;
            }
            current = draw(current, w, h, hint);
        } while (w != width || h != height);
        return current;
    }

    /** {@code src} as {@code TYPE_INT_RGB} on white; {@code src} itself when it already is. */
    public static BufferedImage flatten(BufferedImage src) {
        if (src.getType() == BufferedImage.TYPE_INT_RGB) return src;
        return draw(src, src.getWidth(), src.getHeight(), RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    }

    private static BufferedImage draw(BufferedImage src, int w, int h, Object interpolation) {
        BufferedImage dst = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = dst.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return dst;
    }
}
