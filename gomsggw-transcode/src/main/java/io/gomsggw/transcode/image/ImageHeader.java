package io.gomsggw.transcode.image;

/**
 * What an image says about itself before any pixel is decoded.
 *
 * @param width       stored width in pixels
 * @param height      stored height in pixels
 * @param orientation EXIF/TIFF orientation 1..8 (1 when absent or invalid)
 */
public record ImageHeader(int width, int height, int orientation) {
    /** Pixels the decoded image would hold. */
    public long pixels() {
        return (long) width * height;
    }

    /** Whether showing the image upright swaps width and height (orientations 5 to 8). */
    public boolean transposed() {
        return orientation >= 5;
    }
}
