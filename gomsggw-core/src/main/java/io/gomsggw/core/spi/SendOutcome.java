package io.gomsggw.core.spi;

/**
 * What happened to one attempt to hand a message to a carrier or a client. The pipeline decides
 * what follows: {@link Retryable} goes back to backoff, the others are final for the attempt chain.
 */
public sealed interface SendOutcome {
    /** Accepted by the peer; {@code peerMessageId} is its id for the message (may be null). */
    record Accepted(String peerMessageId) implements SendOutcome {}

    /** Failed for a reason that may pass: a timeout, a connection error, 429, 5xx, an offline session. */
    record Retryable(String reason) implements SendOutcome {}

    /** Refused for good (a 4xx, a bad number); {@code reason} keeps the peer's own text. */
    record Rejected(String reason) implements SendOutcome {}

    /** The recipient opted out at the carrier; the pipeline treats it like a STOP. */
    record OptedOut(String reason) implements SendOutcome {}
}
