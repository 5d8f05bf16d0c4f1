package io.gomsggw.smpp.session;

import java.util.Objects;

/** A request sent through {@link SmppSession#send} that got no response. */
public final class SmppSendException extends RuntimeException {

    /** Why no response came. */
    public enum Reason {
        /** The window and its queue were full; nothing was written. */
        WINDOW_FULL,
        /** The request was written but not answered within the response timeout. */
        TIMEOUT,
        /** The session closed (or was never open) before the response came. */
        CLOSED
    }

    private final Reason reason;

    public SmppSendException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
