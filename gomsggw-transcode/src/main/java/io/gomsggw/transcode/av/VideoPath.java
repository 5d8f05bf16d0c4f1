package io.gomsggw.transcode.av;

import io.humble.ferry.Buffer;
import io.humble.video.Coder;
import io.humble.video.Decoder;
import io.humble.video.Encoder;
import io.humble.video.MediaPacket;
import io.humble.video.MediaPicture;
import io.humble.video.MediaPictureResampler;
import io.humble.video.Muxer;
import io.humble.video.PixelFormat;
import io.humble.video.Rational;
import java.util.Arrays;
import java.util.Map;

/**
 * Decoder → scaler → (letterbox) → video encoder, for one stream of one encode. Frames are
 * dropped evenly when the output frame rate is below the source's.
 */
final class VideoPath {
    private static final PixelFormat.Type YUV420P = PixelFormat.Type.PIX_FMT_YUV420P;
    /** Black in limited-range YUV: Y = 16, U = V = 128. */
    private static final byte[] BLACK = {16, (byte) 128, (byte) 128};

    private final Decoder decoder;
    private final Encoder encoder;
    private final MediaPicture decoded;
    private final MediaPicture scaled;
    /** The coded frame with the scaled picture centred on black; {@code scaled} itself when not letterboxed. */
    private final MediaPicture framed;

    private final MediaPictureResampler scaler;
    private final MediaPacket out = MediaPacket.make();
    private final double sourceFps;
    private final int fps;
    private long sourceFrames;
    private long lastSlot = -1;
    private long pictures;

    /**
     * @param decoder   an opened decoder
     * @param sourceFps the source's frame rate, 0 when unknown (every frame is then kept)
     */
    VideoPath(Decoder decoder, double sourceFps, VideoSpec spec, boolean globalHeader) {
        this.decoder = decoder;
        this.sourceFps = sourceFps;
        this.fps = spec.fps();
        encoder = Encoder.make(spec.codec());
        encoder.setWidth(spec.width());
        encoder.setHeight(spec.height());
        encoder.setPixelFormat(YUV420P);
        encoder.setTimeBase(Rational.make(1, spec.fps()));
        encoder.setProperty("b", (long) spec.bitrate());
        for (Map.Entry<String, String> option : spec.options().entrySet()) {
            trySet(encoder, option.getKey(), option.getValue());
        }
        if (globalHeader) encoder.setFlag(Coder.Flag.FLAG_GLOBAL_HEADER, true);
        encoder.open(null, null);
        int w = decoder.getWidth();
        int h = decoder.getHeight();
        decoded = MediaPicture.make(w, h, decoder.getPixelFormat());
        scaled = MediaPicture.make(spec.pictureWidth(), spec.pictureHeight(), YUV420P);
        scaler = MediaPictureResampler.make(
                spec.pictureWidth(), spec.pictureHeight(), YUV420P, w, h, decoder.getPixelFormat(), 0);
        scaler.open();
        framed = spec.letterboxed() ? black(spec.width(), spec.height()) : scaled;
    }

    Encoder encoder() {
        return encoder;
    }

    /** Pictures handed to the encoder so far. */
    long pictures() {
        return pictures;
    }

    void decode(MediaPacket packet, Muxer muxer) {
        int offset = 0;
        while (offset < packet.getSize()) {
            int read = decoder.decode(decoded, packet, offset);
            if (decoded.isComplete()) encode(muxer);
            if (read <= 0) break;
            offset += read;
        }
    }

    void finish(Muxer muxer) {
        do {
            decoder.decode(decoded, null, 0);
            if (decoded.isComplete()) encode(muxer);
        } while (decoded.isComplete());
        do {
            encoder.encode(out, null);
            if (out.isComplete()) muxer.write(out, true);
        } while (out.isComplete());
    }

    // identity: whether framing made a new picture or kept the scaled one
    @SuppressWarnings("ReferenceEquality")
    private void encode(Muxer muxer) {
        long index = sourceFrames++;
        long slot = sourceFps > fps ? (long) Math.floor(index * fps / sourceFps) : index;
        if (slot == lastSlot) return; // dropped to lower the frame rate
        lastSlot = slot;
        scaler.resample(scaled, decoded);
        if (framed != scaled) centre(scaled, framed);
        framed.setTimeBase(encoder.getTimeBase());
        framed.setTimeStamp(slot);
        framed.setComplete(true);
        pictures++;
        encoder.encode(out, framed);
        if (out.isComplete()) muxer.write(out, true);
    }

    private static MediaPicture black(int width, int height) {
        MediaPicture picture = MediaPicture.make(width, height, YUV420P);
        for (int plane = 0; plane < 3; plane++) {
            // not getDataPlaneSize: in Humble 0.3.0 it reports the luma plane's size for every plane
            byte[] fill = new byte[picture.getLineSize(plane) * (plane == 0 ? height : height / 2)];
            Arrays.fill(fill, BLACK[plane]);
            picture.getData(plane).put(fill, 0, 0, fill.length);
        }
        return picture;
    }

    /** Copies {@code picture} into the middle of {@code frame}, plane by plane (both YUV 4:2:0). */
    private static void centre(MediaPicture picture, MediaPicture frame) {
        int left = (frame.getWidth() - picture.getWidth()) / 2 & ~1;
        int top = (frame.getHeight() - picture.getHeight()) / 2 & ~1;
        for (int plane = 0; plane < 3; plane++) {
            int shift = plane == 0 ? 0 : 1;
            int cols = picture.getWidth() >> shift;
            int rows = picture.getHeight() >> shift;
            int srcLine = picture.getLineSize(plane);
            int dstLine = frame.getLineSize(plane);
            Buffer src = picture.getData(plane);
            Buffer dst = frame.getData(plane);
            byte[] pixels = new byte[srcLine * (rows - 1) + cols];
            src.get(0, pixels, 0, pixels.length);
            for (int row = 0; row < rows; row++) {
                dst.put(pixels, row * srcLine, ((top >> shift) + row) * dstLine + (left >> shift), cols);
            }
        }
    }

    private static void trySet(Encoder encoder, String name, String value) {
        try {
            encoder.setProperty(name, value);
        } catch (RuntimeException ignored) {
            // not settable in this build: the encoder's default is used
        }
    }
}
