package io.gomsggw.core.spi;

/**
 * What happened to one attempt to hand a message to a carrier or a client. The pipeline decides
 * what follows: {@link Retryable} goes back to backoff, the others are final for the attempt chain.
 */
public sealed interface SendOutcome {
    /**
     * Accepted by the peer; {@code peerMessageId} is its id for the message (may be null).
     *
     * <p>A carrier's acceptance makes the message {@code sent} (its delivery report follows). A
     * client's acceptance makes it {@code delivered}, unless {@code confirmedLater}: the client only
     * took the message over and confirms delivery on its own later (MM4: SMTP {@code 250}, then an
     * {@code MM4_forward.RES}); the message is then {@code sent} until
     * {@code MessagePipeline.applyClientStatus} makes it delivered or failed.
     */
    record Accepted(String peerMessageId, boolean confirmedLater) implements SendOutcome {
        /** Accepted, nothing more to wait for from a client. */
        public Accepted(String peerMessageId) {
            this(peerMessageId, false);
        }
    }

    /** Failed for a reason that may pass: a timeout, a connection error, 429, 5xx, an offline session. */
    record Retryable(String reason) implements SendOutcome {}

    /** Refused for good (a 4xx, a bad number); {@code reason} keeps the peer's own text. */
    record Rejected(String reason) implements SendOutcome {}

    /** The recipient opted out at the carrier; the pipeline treats it like a STOP. */
    record OptedOut(String reason) implements SendOutcome {}
}
