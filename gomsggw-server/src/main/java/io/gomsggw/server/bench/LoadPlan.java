package io.gomsggw.server.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out the requests of a run, to every connection, thread-safely: first those of the
 * warm-up, then the measured ones until the {@link BenchOptions.Stop} is reached.
 *
 * <p>At a fixed rate (an open model) request {@code i} is due at {@code start + i / rate}
 * whether or not earlier answers have come; its latency counts from that intended time, so a
 * server that falls behind shows its queueing in the figures instead of slowing the generator
 * down (no coordinated omission). Without a rate (a closed model) each connection sends its next
 * request as soon as the previous answer arrives, and the intended time is the moment it is taken.
 *
 * <p>All times are {@link System#nanoTime()} values.
 */
final class LoadPlan {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /**
     * One request to send.
     *
     * @param intendedNanos when it is due
     * @param measured      whether its answer counts, or belongs to the warm-up
     */
    record Ticket(long intendedNanos, boolean measured) {}

    private final long startNanos;
    private final long measureStartNanos;
    private final long rate;
    private final long maxMeasured;
    private final long measureEndNanos;
    private final AtomicLong issued = new AtomicLong();
    private final AtomicLong measuredIssued = new AtomicLong();

    /**
     * @param startNanos when the run starts (the first request is due then)
     * @param warmup     how long before measuring starts
     * @param rate       requests per second; 0 for a closed model
     * @param stop       when the measured part ends
     */
    LoadPlan(long startNanos, Duration warmup, long rate, BenchOptions.Stop stop) {
        this.startNanos = startNanos;
        this.measureStartNanos = startNanos + warmup.toNanos();
        this.rate = rate;
        if (stop instanceof BenchOptions.Stop.AfterMessages messages) {
            this.maxMeasured = messages.count();
            this.measureEndNanos = Long.MAX_VALUE;
        } else {
            this.maxMeasured = Long.MAX_VALUE;
            this.measureEndNanos = measureStartNanos
                    + ((BenchOptions.Stop.AfterTime) stop).duration().toNanos();
        }
    }

    /** When measuring starts: the end of the warm-up. */
    long measureStartNanos() {
        return measureStartNanos;
    }

    /**
     * The next request, or null when the run has handed out all of its requests.
     *
     * @param nowNanos the current time
     */
    Ticket next(long nowNanos) {
        long intended = rate > 0 ? startNanos + issued.getAndIncrement() * NANOS_PER_SECOND / rate : nowNanos;
        if (intended < measureStartNanos) {
            return new Ticket(intended, false);
        }
        if (intended >= measureEndNanos || measuredIssued.getAndIncrement() >= maxMeasured) {
            return null;
        }
        return new Ticket(intended, true);
    }
}
