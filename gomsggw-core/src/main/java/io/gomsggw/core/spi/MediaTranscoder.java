package io.gomsggw.core.spi;

import io.gomsggw.core.model.MediaPart;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Turns the media of one MMS into media that fits a {@link MediaTarget}. The target covers the
 * whole message, not each part alone.
 *
 * <p><b>Threading:</b> thread-safe; {@link #transcode} returns at once and does the work on the
 * transcoder's own bounded pool, so callers on any thread may use it.
 *
 * <p><b>Errors:</b> media that cannot be made to fit completes the stage exceptionally with a
 * {@link TranscodeException} whose {@link TranscodeException#code()} is {@code unsupported_media_type}
 * or {@code media_too_large}; corrupt input is refused the same way, promptly and without
 * unbounded allocation. Media whose transcoding crashed or hung the process doing it (an
 * implementation that isolates native decoders in worker processes) fails with
 * {@code media_unprocessable}; the transcoder itself stays usable. Parts that already fit and are
 * accepted are returned byte for byte.
 */
public interface MediaTranscoder {
    CompletionStage<List<MediaPart>> transcode(List<MediaPart> parts, MediaTarget target);
}
