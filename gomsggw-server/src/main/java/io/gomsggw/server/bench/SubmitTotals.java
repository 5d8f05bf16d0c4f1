package io.gomsggw.server.bench;

import org.HdrHistogram.Histogram;

/**
 * The submitting side of a {@code bench smpp} run, added up over its binds: the
 * {@code submit_sm_resp} latency in nanoseconds, the count of each status, whole messages accepted
 * and refused, and when the last measured response came ({@link System#nanoTime()}). Not
 * thread-safe; filled once the binds have finished.
 */
final class SubmitTotals {
    private final Histogram latency = new Histogram(3);
    private final SmppStatusTally statuses = new SmppStatusTally();
    private long messagesAccepted;
    private long messagesRefused;
    private long lastAnswerNanos;

    Histogram latency() {
        return latency;
    }

    SmppStatusTally statuses() {
        return statuses;
    }

    /** Adds one bind's message counts and its last response time. */
    void add(long accepted, long refused, long lastAnswer) {
        messagesAccepted += accepted;
        messagesRefused += refused;
        lastAnswerNanos = Math.max(lastAnswerNanos, lastAnswer);
    }

    long messagesAccepted() {
        return messagesAccepted;
    }

    long messagesRefused() {
        return messagesRefused;
    }

    /** 0 when no measured response came. */
    long lastAnswerNanos() {
        return lastAnswerNanos;
    }
}
