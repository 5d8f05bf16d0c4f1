package io.gomsggw.core.batch;

import java.util.Locale;
import java.util.Optional;

/** The state of a batch job, with the Go gateway's names. */
public enum BatchStatus {
    /** Stored, not started yet. */
    PENDING,
    /** Its rows are being sent. */
    PROCESSING,
    /** A usage limit is full: the rest of its rows wait (queued) until the limit's period turns. */
    PARTIALLY_QUEUED,
    /** Every row is sent, failed or cancelled, and at least one was sent. */
    COMPLETED,
    /** Cancelled by the client; rows already sent stay sent. */
    CANCELLED,
    /** Every row failed (or was cancelled) and none was sent. */
    FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED || this == FAILED;
    }

    public static Optional<BatchStatus> fromWire(String value) {
        for (BatchStatus status : values()) {
            if (status.wireName().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
