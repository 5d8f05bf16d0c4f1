package io.gomsggw.transcode.av;

import io.gomsggw.core.spi.TranscodeException;
import io.gomsggw.transcode.detect.MediaType;
import io.gomsggw.transcode.image.Deadline;

/**
 * Re-encodes video and audio to fit a byte budget. The only implementation is
 * {@link HumbleTranscoder}; callers get one from {@link AvSupport#detect()}, which returns
 * {@code null} when Humble Video is not on the class path. This interface names no Humble type,
 * so the module links without it.
 */
public interface AvTranscoder {
    /** Whether this type can be decoded and re-encoded. */
    boolean canTranscode(MediaType type);

    /** The type a part of {@code type} becomes ({@code MP4} for video, {@code MP3} or {@code M4A} for audio). */
    MediaType outputFor(MediaType type);

    /**
     * Re-encodes the content to {@link #outputFor(MediaType)} within {@code budget} bytes.
     *
     * @throws TranscodeException {@code unsupported_media_type} when the content cannot be decoded,
     *                            {@code media_too_large} when it cannot fit or the deadline passes
     */
    byte[] transcode(MediaType type, byte[] content, long budget, Deadline deadline) throws TranscodeException;
}
