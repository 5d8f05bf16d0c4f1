package io.gomsggw.server.bench;

import java.util.Objects;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * What the measured part of a {@code bench smpp} run produced.
 *
 * @param measuredNanos    from the end of the warm-up to the last measured {@code submit_sm_resp}
 * @param latency          nanoseconds from each measured {@code submit_sm} being due to its response
 * @param statuses         how the measured {@code submit_sm} ended
 * @param messagesAccepted measured messages with every part answered {@code ESME_ROK}
 * @param messagesRefused  measured messages with a part refused or unanswered
 * @param deliveries       the receiving side; empty when no receiving client was bound
 */
record SmppLoadResult(
        long measuredNanos,
        Histogram latency,
        SmppStatusTally statuses,
        long messagesAccepted,
        long messagesRefused,
        Optional<Deliveries> deliveries) {

    /**
     * The measured messages that came back as {@code deliver_sm}.
     *
     * @param delivered     how many of them
     * @param measuredNanos from the end of the warm-up to the last of them
     * @param delay         nanoseconds from each one's first part being due to its last {@code deliver_sm}
     * @param unmatched     whole messages received that were not measured ones (e.g. of the warm-up)
     */
    record Deliveries(long delivered, long measuredNanos, Histogram delay, long unmatched) {
        Deliveries {
            Objects.requireNonNull(delay, "delay");
        }

        /** Measured messages delivered per second; 0 when none was. */
        double perSecond() {
            return measuredNanos <= 0 ? 0 : delivered * 1e9 / measuredNanos;
        }
    }

    SmppLoadResult {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(statuses, "statuses");
        Objects.requireNonNull(deliveries, "deliveries");
    }

    /** {@code submit_sm} answered {@code ESME_ROK} per second of the measured part. */
    double acceptedPerSecond() {
        return perSecond(statuses.ok());
    }

    /** {@code submit_sm} answered per second, whatever the status. */
    double answeredPerSecond() {
        return perSecond(statuses.answered());
    }

    /** Whole messages accepted per second. */
    double messagesPerSecond() {
        return perSecond(messagesAccepted);
    }

    private double perSecond(long count) {
        return measuredNanos <= 0 ? 0 : count * 1e9 / measuredNanos;
    }
}
