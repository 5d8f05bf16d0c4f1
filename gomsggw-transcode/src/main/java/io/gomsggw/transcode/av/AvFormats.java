package io.gomsggw.transcode.av;

import io.gomsggw.transcode.detect.MediaType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which video and audio types Humble Video re-encodes, and every output it can write for them,
 * without touching Humble Video (so a process that never loads its native library can plan work
 * for a worker that does). Which of those outputs a given build writes is up to
 * {@link AvTranscoder#outputsFor(MediaType)}.
 */
public final class AvFormats {
    private static final Set<MediaType> VIDEO_IN = EnumSet.of(
            MediaType.MP4, MediaType.MOV, MediaType.THREE_GPP, MediaType.WEBM, MediaType.MATROSKA, MediaType.AVI);
    private static final Set<MediaType> AUDIO_IN =
            EnumSet.of(MediaType.WAV, MediaType.M4A, MediaType.OGG, MediaType.MP3);

    private AvFormats() {}

    /** Whether {@code type} is decoded and re-encoded (AMR never is). */
    public static boolean canTranscode(MediaType type) {
        return VIDEO_IN.contains(type) || AUDIO_IN.contains(type);
    }

    static boolean isVideo(MediaType type) {
        return VIDEO_IN.contains(type);
    }

    /**
     * Every output a part of {@code type} may become, most preferred first: MP4 then 3GP for video;
     * MP3 then M4A for audio (a build writes one of the two).
     */
    public static List<MediaType> possibleOutputs(MediaType type) {
        return isVideo(type) ? List.of(MediaType.MP4, MediaType.THREE_GPP) : List.of(MediaType.MP3, MediaType.M4A);
    }
}
