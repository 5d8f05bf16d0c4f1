package io.gomsggw.mm4.codec;

import java.util.Objects;

/**
 * The input is not an MM4 message this codec accepts. Carries the {@link RequestStatus} to answer the
 * peer with ({@code X-Mms-Request-Status-Code} of the {@code *.RES}): {@link RequestStatus#ERROR_UNSUPPORTED_MESSAGE}
 * when the MIME message is not MM4 at all (no or an unknown {@code X-Mms-Message-Type}),
 * {@link RequestStatus#ERROR_MESSAGE_FORMAT_CORRUPT} for broken MIME, missing headers or limits exceeded,
 * {@link RequestStatus#ERROR_SENDING_ADDRESS_UNRESOLVED} for an unreadable {@code From}, and
 * {@link RequestStatus#ERROR_CONTENT_NOT_ACCEPTED} when the decoded content is larger than allowed.
 *
 * <p>The message says what is wrong without quoting message content, so it can be logged for clients with
 * {@code log_privacy}. No stack trace is filled in: it is an expected outcome of bad input.
 */
public final class Mm4FormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final RequestStatus status;

    /**
     * @param status  the status to answer with; never {@link RequestStatus#OK}
     * @param message what is wrong, without message content
     */
    public Mm4FormatException(RequestStatus status, String message) {
        super(message, null, false, false);
        this.status = Objects.requireNonNull(status, "status");
        if (status == RequestStatus.OK) {
            throw new IllegalArgumentException("a format error cannot have status Ok");
        }
    }

    /** The status to answer the peer with. */
    public RequestStatus status() {
        return status;
    }
}
