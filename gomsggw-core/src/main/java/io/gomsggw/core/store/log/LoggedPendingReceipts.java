package io.gomsggw.core.store.log;

import io.gomsggw.core.store.PendingReceipt;
import io.gomsggw.core.store.PendingReceiptStore;
import java.util.List;

/**
 * A {@link PendingReceiptStore} whose changes are durable once appended to the message log of a
 * {@link LoggedMessageStore}; the log's applier writes them to {@code tables} behind. Reads wait
 * until the tables hold every change logged before them (at most the store's read wait).
 */
final class LoggedPendingReceipts implements PendingReceiptStore {
    private final LoggedMessageStore log;
    private final PendingReceiptStore tables;

    LoggedPendingReceipts(LoggedMessageStore log, PendingReceiptStore tables) {
        this.log = log;
        this.tables = tables;
    }

    @Override
    public void writeAll(List<Change> changes) {
        log.appendDurably(
                changes.stream().<LogRecord>map(LogRecord.ReceiptChange::new).toList());
    }

    @Override
    public List<PendingReceipt> loadAll() {
        log.awaitLogged();
        return tables.loadAll();
    }
}
