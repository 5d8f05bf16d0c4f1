package io.gomsggw.core.spi;

/** Media could not be made to fit; {@link #code()} is a stable machine-readable reason. */
public final class TranscodeException extends Exception {
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    public static final String MEDIA_TOO_LARGE = "media_too_large";

    private final String code;

    public TranscodeException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
