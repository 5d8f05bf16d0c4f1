package io.gomsggw.server.bench;

import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * What the measured part of a run produced.
 *
 * @param measuredNanos from the end of the warm-up to the last measured answer
 * @param latency       nanoseconds from each measured request's intended send time to its answer
 * @param statuses      how the measured requests ended
 */
record LoadResult(long measuredNanos, Histogram latency, StatusTally statuses) {
    LoadResult {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(statuses, "statuses");
    }

    /** Accepted (202) requests per second of the measured part; 0 when nothing was measured. */
    double acceptedPerSecond() {
        return measuredNanos <= 0 ? 0 : statuses.accepted() * 1e9 / measuredNanos;
    }

    /** Answered requests per second of the measured part, whatever their status. */
    double answeredPerSecond() {
        return measuredNanos <= 0 ? 0 : (statuses.total() - statuses.failed()) * 1e9 / measuredNanos;
    }
}
