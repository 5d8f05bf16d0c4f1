package io.gomsggw.transcode.av;

import io.humble.video.Codec;
import java.util.Map;

/**
 * How the video stream of one output is encoded.
 *
 * @param codec         the encoder
 * @param width         coded frame width (even)
 * @param height        coded frame height (even)
 * @param pictureWidth  width the source is scaled to; smaller than {@code width} when letterboxed
 * @param pictureHeight height the source is scaled to; centred on black when smaller than {@code height}
 * @param fps           output frame rate; source frames are dropped evenly when it is lower
 * @param bitrate       target bits per second
 * @param options       encoder options set by name ({@code profile}, {@code preset}); ignored when the
 *                      build does not know them
 */
record VideoSpec(
        Codec codec,
        int width,
        int height,
        int pictureWidth,
        int pictureHeight,
        int fps,
        int bitrate,
        Map<String, String> options) {
    /** Whether the picture is smaller than the frame and sits on black bars. */
    boolean letterboxed() {
        return pictureWidth != width || pictureHeight != height;
    }
}
