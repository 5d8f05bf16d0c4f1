package io.gomsggw.server.bench;

import org.HdrHistogram.Histogram;

/**
 * What the measured messages of one bind got: the latency and {@code command_status} of each
 * {@code submit_sm_resp}, the requests with no response, and how many whole messages had every
 * part accepted. Thread-safe (its slots answer on the bind's event loop, so the lock is uncontended);
 * the run adds every bind's figures up with {@link #addTo}.
 */
final class SubmitRecorder {
    private final Histogram latency = new Histogram(3);
    private final SmppStatusTally statuses = new SmppStatusTally();
    private long messagesAccepted;
    private long messagesRefused;
    private long lastAnswerNanos;

    /** A response with {@code commandStatus}, {@code latencyNanos} after its request was due, at {@code nowNanos}. */
    synchronized void answer(int commandStatus, long latencyNanos, long nowNanos) {
        latency.recordValue(Math.max(0, latencyNanos));
        statuses.answer(commandStatus);
        lastAnswerNanos = Math.max(lastAnswerNanos, nowNanos);
    }

    /** A request that got no response, noticed at {@code nowNanos}. */
    synchronized void failure(long nowNanos) {
        statuses.failure();
        lastAnswerNanos = Math.max(lastAnswerNanos, nowNanos);
    }

    /** A message whose every part was answered {@code ESME_ROK}. */
    synchronized void messageAccepted() {
        messagesAccepted++;
    }

    /** A message of which a part was refused or got no response (its later parts are not sent). */
    synchronized void messageRefused() {
        messagesRefused++;
    }

    synchronized long messagesAccepted() {
        return messagesAccepted;
    }

    /** Adds these figures to the run's totals. */
    synchronized void addTo(SubmitTotals totals) {
        totals.latency().add(latency);
        totals.statuses().add(statuses);
        totals.add(messagesAccepted, messagesRefused, lastAnswerNanos);
    }
}
