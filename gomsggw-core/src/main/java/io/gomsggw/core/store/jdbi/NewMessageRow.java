package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.model.Message;
import io.gomsggw.core.store.StatusTransition;

/**
 * A message to insert, with the changes that came before it was written folded in, its history
 * text, and the LSN of its last log record ({@link MessageWrites#NO_LSN} outside the log).
 */
final class NewMessageRow {
    Message message;
    long lsn;
    final StringBuilder history = new StringBuilder(160);

    NewMessageRow(Message message, long lsn) {
        this.message = message;
        this.lsn = lsn;
        history.append(StatusHistoryColumn.line(message.status(), message.createdAt(), message.lastError()));
    }

    void apply(StatusTransition t, long lsn) {
        message = t.applyTo(message);
        this.lsn = lsn;
        history.append(StatusHistoryColumn.line(t.status(), t.at(), t.reason()));
    }

    /** The carrier id while the message waits for a delivery report, else null (it is then not indexed). */
    String awaitingReportId() {
        return message.status().isFinal() ? null : message.carrierMessageId();
    }

    Long lsnOrNull() {
        return lsn == MessageWrites.NO_LSN ? null : lsn;
    }
}
