package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.store.StatusTransition;
import java.time.Instant;

/**
 * The transitions of one message within a write, folded into one row update: the last status,
 * time, attempts and due time of a retry; the last failure reason, carrier id and delivery window
 * given; a history line per transition.
 */
final class MergedTransition {
    final String messageId;
    final StringBuilder history = new StringBuilder(120);
    StatusTransition last;
    String failure;
    String carrierMessageId;
    Instant windowFrom;
    long lsn;
    int count;

    MergedTransition(String messageId) {
        this.messageId = messageId;
    }

    void add(StatusTransition t, long lsn) {
        last = t;
        this.lsn = lsn;
        count++;
        history.append(StatusHistoryColumn.line(t.status(), t.at(), t.reason()));
        if (t.isFailure()) failure = t.reason();
        if (t.carrierMessageId() != null) carrierMessageId = t.carrierMessageId();
        if (t.windowFrom() != null) windowFrom = t.windowFrom();
    }

    Long lsnOrNull() {
        return lsn == MessageWrites.NO_LSN ? null : lsn;
    }
}
