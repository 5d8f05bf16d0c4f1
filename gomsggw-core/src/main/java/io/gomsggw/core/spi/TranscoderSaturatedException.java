package io.gomsggw.core.spi;

/**
 * A {@link MediaTranscoder}'s queue is full: the caller should push back with its protocol's own signal
 * (SMTP 451, HTTP 503, {@code ESME_RMSGQFUL}) and try again later. Nothing about the media is wrong.
 */
public final class TranscoderSaturatedException extends RuntimeException {
    public TranscoderSaturatedException(String message) {
        super(message, null, false, false);
    }
}
