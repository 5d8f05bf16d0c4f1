package io.gomsggw.core.batch;

import java.util.Objects;

/** A job with the counts of its rows by state. */
public record BatchSummary(BatchJob job, BatchCounts counts) {
    public BatchSummary {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(counts, "counts");
    }
}
