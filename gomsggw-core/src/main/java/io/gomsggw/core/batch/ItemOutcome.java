package io.gomsggw.core.batch;

import java.time.Instant;
import java.util.Objects;

/**
 * What became of a row the runner had taken ({@link BatchItemStatus#SENDING}).
 *
 * @param status    {@code SENT}, {@code QUEUED}, {@code FAILED} or {@code CANCELLED}
 * @param error     the reason, for every status but sent and pending; null otherwise
 * @param errorCode an HTTP-style code for the reason; 0 when none
 * @param at        when it happened (the {@code sent_at} or {@code queued_at})
 */
public record ItemOutcome(String batchId, int index, BatchItemStatus status, String error, int errorCode, Instant at) {
    public ItemOutcome {
        Objects.requireNonNull(batchId, "batchId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
    }
}
