package io.gomsggw.core.batch;

import java.util.Locale;
import java.util.Optional;

/** The state of one row of a batch. */
public enum BatchItemStatus {
    /** Not sent yet. */
    PENDING,
    /**
     * Taken by the runner to be sent now (at most about a second of rows ahead): it may already
     * be in the message pipeline, so it can no longer be cancelled.
     */
    SENDING,
    /** Accepted by the gateway: its message is stored and on its way (see {@code GET /messages/{id}}). */
    SENT,
    /** Refused by a full usage limit; sent when the limit's period turns, or failed after {@code max_retry_mins}. */
    QUEUED,
    /** Will not be sent: invalid, refused, or its retry time ran out. */
    FAILED,
    /** Cancelled by the client before it was sent. */
    CANCELLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Sent, failed or cancelled: nothing more happens to the row. */
    public boolean isFinal() {
        return this == SENT || this == FAILED || this == CANCELLED;
    }

    /** Pending or queued: not taken yet, may still be cancelled. */
    public boolean isWaiting() {
        return this == PENDING || this == QUEUED;
    }

    public static Optional<BatchItemStatus> fromWire(String value) {
        for (BatchItemStatus status : values()) {
            if (status.wireName().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
