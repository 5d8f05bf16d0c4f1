package io.gomsggw.core.metrics;

import com.codahale.metrics.Metric;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * A latency distribution in fixed buckets, exposed to Prometheus as a histogram
 * ({@code _bucket{le=…}}, {@code _sum}, {@code _count}), so that dashboards can aggregate it across
 * nodes and compute any quantile ({@code histogram_quantile}), which summaries cannot. Lives in the
 * Dropwizard registry beside the other metrics. Lock-free; {@link #update} costs a few nanoseconds.
 */
public final class LatencyHistogram implements Metric {
    /** Upper bounds, in seconds, from a millisecond to an hour (the retry window's scale). */
    public static final List<Double> DEFAULT_BUCKETS = List.of(
            0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 3600.0);

    private final double[] upperBounds;
    private final LongAdder[] counts;
    private final LongAdder sumNanos = new LongAdder();

    public LatencyHistogram() {
        this(DEFAULT_BUCKETS);
    }

    /** With the given upper bounds in seconds (ascending); a last bucket for everything above is added. */
    public LatencyHistogram(List<Double> upperBoundsSeconds) {
        this.upperBounds =
                upperBoundsSeconds.stream().mapToDouble(Double::doubleValue).toArray();
        for (int i = 1; i < upperBounds.length; i++) {
            if (upperBounds[i] <= upperBounds[i - 1]) {
                throw new IllegalArgumentException("bucket bounds must ascend");
            }
        }
        this.counts = new LongAdder[upperBounds.length + 1];
        Arrays.setAll(counts, i -> new LongAdder());
    }

    public void update(Duration latency) {
        long nanos = Math.max(0, latency.toNanos());
        double seconds = nanos / 1e9;
        int bucket = Arrays.binarySearch(upperBounds, seconds);
        counts[bucket >= 0 ? bucket : -bucket - 1].increment();
        sumNanos.add(nanos);
    }

    /** The upper bounds in seconds, without the implicit {@code +Inf}. */
    public double[] upperBounds() {
        return upperBounds.clone();
    }

    /** Observations per bucket (not cumulative); the last is above every bound. */
    public long[] bucketCounts() {
        long[] snapshot = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            snapshot[i] = counts[i].sum();
        }
        return snapshot;
    }

    /** The sum of all observations, in seconds. */
    public double sumSeconds() {
        return sumNanos.sum() / 1e9;
    }
}
