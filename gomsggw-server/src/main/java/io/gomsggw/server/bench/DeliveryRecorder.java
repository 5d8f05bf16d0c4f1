package io.gomsggw.server.bench;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * The receiving side of a {@code bench smpp} run. The submitting side registers each measured
 * message when its first part is due ({@link #expect}); when the receiving binds have a whole
 * message again, {@link #delivered} reads the {@link MessageTag} in its text and records the delay
 * from that submit to this {@code deliver_sm}. Texts without a known tag (warm-up messages, a
 * second copy, other traffic) are counted apart. Thread-safe.
 */
final class DeliveryRecorder {
    private final Map<Long, Long> dueNanos = new ConcurrentHashMap<>();
    private final LongAdder parts = new LongAdder();
    private final LongAdder messages = new LongAdder();
    private final Histogram delay = new Histogram(3);
    private long measured;
    private long unmatched;
    private long lastDeliveryNanos;

    /** Message {@code id} is measured; its first part is due at {@code startNanos}. */
    void expect(long id, long startNanos) {
        dueNanos.put(id, startNanos);
    }

    /** Message {@code id} will not be delivered (a part was refused): stop waiting for it. */
    void forget(long id) {
        dueNanos.remove(id);
    }

    /** A {@code deliver_sm} arrived (any part, any message). */
    void part() {
        parts.increment();
    }

    /** A whole message with {@code text} arrived at {@code nowNanos}. */
    void delivered(String text, long nowNanos) {
        messages.increment();
        OptionalLong id = MessageTag.idOf(text);
        Long start = id.isPresent() ? dueNanos.remove(id.getAsLong()) : null;
        synchronized (this) {
            if (start == null) {
                unmatched++;
                return;
            }
            measured++;
            delay.recordValue(Math.max(0, nowNanos - start));
            lastDeliveryNanos = Math.max(lastDeliveryNanos, nowNanos);
        }
    }

    /** {@code deliver_sm} received, measured or not. */
    long parts() {
        return parts.sum();
    }

    /** Whole messages received, measured or not. */
    long messages() {
        return messages.sum();
    }

    /** Measured messages received. */
    synchronized long measured() {
        return measured;
    }

    /** Whole messages received that were not measured ones waited for. */
    synchronized long unmatched() {
        return unmatched;
    }

    /** When the last measured message arrived ({@link System#nanoTime()}), 0 if none did. */
    synchronized long lastDeliveryNanos() {
        return lastDeliveryNanos;
    }

    /** A copy of the delays from submit to delivery, in nanoseconds. */
    synchronized Histogram delay() {
        return delay.copy();
    }
}
