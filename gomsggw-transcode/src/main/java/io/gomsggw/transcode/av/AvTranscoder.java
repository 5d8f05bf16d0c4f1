package io.gomsggw.transcode.av;

import io.gomsggw.core.spi.TranscodeException;
import io.gomsggw.transcode.detect.MediaType;
import io.gomsggw.transcode.image.Deadline;
import java.util.List;

/**
 * Re-encodes video and audio to fit a byte budget, in the calling process. The only
 * implementation is {@link HumbleTranscoder}, from {@link AvSupport#transcoder(int, int)}; it runs
 * FFmpeg's native code, so the gateway calls it only inside its worker processes
 * ({@code io.gomsggw.transcode.worker}). This interface names no Humble type, so the module links
 * without it.
 */
public interface AvTranscoder {
    /** Whether this type can be decoded and re-encoded. */
    boolean canTranscode(MediaType type);

    /**
     * The types a part of {@code type} can become, most preferred first: {@code MP4} then
     * {@code THREE_GPP} (the fallback) for video; {@code MP3}, or {@code M4A}, for audio.
     */
    List<MediaType> outputsFor(MediaType type);

    /**
     * Re-encodes the content within {@code budget} bytes to the first of {@code outputs} that
     * fits; a later output is only tried when the earlier ones cannot fit.
     *
     * @param outputs a non-empty subset of {@link #outputsFor(MediaType)}, in that order
     * @throws TranscodeException {@code unsupported_media_type} when the content cannot be decoded or
     *                            has no picture (video) or sound (audio) that decodes,
     *                            {@code media_too_large} when no output fits, the picture is over
     *                            8K UHD, or the deadline passes
     */
    Reencoded transcode(MediaType type, byte[] content, long budget, List<MediaType> outputs, Deadline deadline)
            throws TranscodeException;
}
