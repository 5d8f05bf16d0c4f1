package io.gomsggw.server.bench;

import io.gomsggw.smpp.pdu.CommandStatus;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How the measured {@code submit_sm} ended: the count of each {@code command_status} of their
 * {@code submit_sm_resp} ({@code ESME_ROK}, {@code ESME_RTHROTTLED}, {@code ESME_RMSGQFUL}, …),
 * and those that got no answer (a response timeout or a closed session). Not thread-safe: each
 * bind keeps its own, and the run adds them up at the end.
 */
final class SmppStatusTally {
    private final SortedMap<Integer, Long> statuses = new TreeMap<>(Integer::compareUnsigned);
    private long failed;

    /** Counts a response with this {@code command_status}. */
    void answer(int commandStatus) {
        statuses.merge(commandStatus, 1L, Long::sum);
    }

    /** Counts a request that got no response. */
    void failure() {
        failed++;
    }

    /** Adds the counts of {@code that} to these. */
    void add(SmppStatusTally that) {
        that.statuses.forEach((status, count) -> statuses.merge(status, count, Long::sum));
        failed += that.failed;
    }

    /** Responses with {@code status}. */
    long count(CommandStatus status) {
        return statuses.getOrDefault(status.code(), 0L);
    }

    /** Responses with {@code ESME_ROK}. */
    long ok() {
        return count(CommandStatus.ESME_ROK);
    }

    /** Every response by {@code command_status}, in the order of the codes. */
    SortedMap<Integer, Long> statuses() {
        return Collections.unmodifiableSortedMap(statuses);
    }

    /** Requests that got no response. */
    long failed() {
        return failed;
    }

    /** Requests that got a response, whatever its status. */
    long answered() {
        return statuses.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Every request counted, answered or not. */
    long total() {
        return answered() + failed;
    }
}
