package io.gomsggw.core.batch;

import java.time.Instant;

/**
 * A filter over a client's batch jobs; null fields do not filter. {@code page} counts from 1.
 *
 * @param from  the sender number, E.164
 * @param since jobs created at or after
 * @param until jobs created at or before
 */
public record BatchQuery(
        long clientId, BatchStatus status, String from, Instant since, Instant until, int page, int perPage) {
    public BatchQuery {
        if (page < 1 || perPage < 1) {
            throw new IllegalArgumentException("page and perPage must be positive");
        }
    }

    public long offset() {
        return (long) (page - 1) * perPage;
    }
}
