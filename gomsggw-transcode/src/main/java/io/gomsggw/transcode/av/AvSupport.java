package io.gomsggw.transcode.av;

/**
 * Finds out whether Humble Video (AGPL, an optional dependency of this module) can be used. Two
 * questions, asked in two places: the gateway asks only whether its classes are on the class path
 * ({@link #onClassPath()}, which loads no native code), and the worker process that does the work
 * loads the native library ({@link #probe()}). Names no Humble type itself.
 */
public final class AvSupport {
    private static volatile Probe probe;

    private AvSupport() {}

    /**
     * What loading Humble Video gave.
     *
     * @param available whether the native library loaded and has the H.264 and AAC encoders
     * @param broken    whether Humble Video is on the class path but unusable (an install an operator
     *                  should hear about), as opposed to absent
     * @param detail    the encoders found (e.g. {@code h264=libx264 aac=libvo_aacenc mp3=libmp3lame
     *                  3gp=h263+libopencore_amrnb}), or why it is not available
     */
    public record Probe(boolean available, boolean broken, String detail) {}

    /** Whether Humble Video's classes are on the class path; initialises nothing, loads no native code. */
    public static boolean onClassPath() {
        try {
            Class.forName("io.humble.video.Demuxer", false, AvSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Loads the native library, once per process, and says what it gave. */
    public static synchronized Probe probe() {
        if (probe != null) return probe;
        Probe result;
        if (!onClassPath()) {
            result = new Probe(false, false, "Humble Video is not on the class path");
        } else {
            try {
                result = new Probe(true, false, HumbleTranscoder.probe());
            } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError…
                result = new Probe(false, true, "Humble Video native library did not load: " + e);
            }
        }
        probe = result;
        return result;
    }

    /**
     * A transcoder for video and audio within the given box.
     *
     * @throws IllegalStateException when {@link #probe()} does not say it is available
     */
    public static AvTranscoder transcoder(int maxWidth, int maxHeight) {
        Probe p = probe();
        if (!p.available()) throw new IllegalStateException(p.detail());
        return new HumbleTranscoder(maxWidth, maxHeight);
    }
}
