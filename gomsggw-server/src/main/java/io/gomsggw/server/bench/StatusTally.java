package io.gomsggw.server.bench;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How the measured requests ended: 202 (accepted), 429 (a usage limit), 503 (saturated), any
 * other status, or no answer at all (a connection failure or timeout). Not thread-safe: each
 * connection keeps its own, and the run adds them up at the end.
 */
final class StatusTally {
    private long accepted;
    private long limited;
    private long busy;
    private final SortedMap<Integer, Long> other = new TreeMap<>();
    private long failed;

    /** Counts an answer with this HTTP status. */
    void answer(int status) {
        switch (status) {
            case 202 -> accepted++;
            case 429 -> limited++;
            case 503 -> busy++;
            default -> other.merge(status, 1L, Long::sum);
        }
    }

    /** Counts a request that got no answer. */
    void failure() {
        failed++;
    }

    /** Adds the counts of {@code that} to these. */
    void add(StatusTally that) {
        accepted += that.accepted;
        limited += that.limited;
        busy += that.busy;
        that.other.forEach((status, count) -> other.merge(status, count, Long::sum));
        failed += that.failed;
    }

    long accepted() {
        return accepted;
    }

    long limited() {
        return limited;
    }

    long busy() {
        return busy;
    }

    /** Answers with another status, by status. */
    SortedMap<Integer, Long> other() {
        return Collections.unmodifiableSortedMap(other);
    }

    long otherTotal() {
        return other.values().stream().mapToLong(Long::longValue).sum();
    }

    long failed() {
        return failed;
    }

    /** Every request counted, answered or not. */
    long total() {
        return accepted + limited + busy + otherTotal() + failed;
    }
}
