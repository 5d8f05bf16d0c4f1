package io.gomsggw.transcode.av;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out, once, whether Humble Video (AGPL, an optional dependency of this module) is on the
 * class path and its native library loads. Names no Humble type itself.
 */
public final class AvSupport {
    private static final Logger log = LoggerFactory.getLogger(AvSupport.class);
    private static volatile Boolean available;

    private AvSupport() {}

    /**
     * A transcoder for video and audio within the given box, or {@code null} when Humble Video is
     * not available (video and audio then pass through or are refused).
     */
    public static AvTranscoder detect(int maxWidth, int maxHeight) {
        if (!available()) return null;
        return new HumbleTranscoder(maxWidth, maxHeight);
    }

    /** Whether Humble Video and its native library are usable; checked and logged once. */
    public static synchronized boolean available() {
        if (available != null) return available;
        boolean ok;
        boolean broken = false;
        String detail;
        try {
            Class.forName("io.humble.video.Demuxer");
            detail = HumbleTranscoder.probe();
            ok = true;
        } catch (ClassNotFoundException e) {
            ok = false;
            detail = "Humble Video is not on the class path";
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError…
            ok = false;
            broken = true;
            detail = "Humble Video native library did not load: " + e;
        }
        if (ok) {
            log.info("event=av_transcoding available=true {}", detail);
        } else if (broken) {
            // on the class path but unusable: an install the operator should hear about
            log.warn("event=av_transcoding available=false reason=\"{}\" (video and audio pass through or are refused)",
                    detail);
        } else {
            log.info("event=av_transcoding available=false reason=\"{}\" (video and audio pass through or are refused)",
                    detail);
        }
        available = ok;
        return ok;
    }
}
