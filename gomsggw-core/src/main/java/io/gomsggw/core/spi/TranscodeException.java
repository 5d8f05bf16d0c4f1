package io.gomsggw.core.spi;

/**
 * Media could not be made to fit; {@link #code()} is a stable machine-readable reason:
 *
 * <ul>
 *   <li>{@link #UNSUPPORTED_MEDIA_TYPE}: the content is of no known type, is corrupt or truncated,
 *       or must be converted to a type the destination does not accept;
 *   <li>{@link #MEDIA_TOO_LARGE}: the media cannot be made to fit the target, or took longer than
 *       the transcoder allows;
 *   <li>{@link #MEDIA_UNPROCESSABLE}: the process transcoding it crashed, was killed or stopped
 *       answering while working on it (hostile or broken media that makes a native decoder fail);
 *       the transcoder recovers by itself, but the same media would fail the same way again.
 * </ul>
 *
 * None of them is worth retrying with the same media.
 */
public final class TranscodeException extends Exception {
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    public static final String MEDIA_TOO_LARGE = "media_too_large";
    public static final String MEDIA_UNPROCESSABLE = "media_unprocessable";

    private final String code;

    public TranscodeException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
