package io.gomsggw.core.store.log;

import io.gomsggw.core.store.HeldPart;
import io.gomsggw.core.store.HeldPartStore;
import java.util.List;

/**
 * A {@link HeldPartStore} whose changes are durable once appended to the message log of a
 * {@link LoggedMessageStore}; the log's applier writes them to {@code tables} behind. Reads wait
 * until the tables hold every change logged before them (at most the store's read wait).
 */
final class LoggedHeldParts implements HeldPartStore {
    private final LoggedMessageStore log;
    private final HeldPartStore tables;

    LoggedHeldParts(LoggedMessageStore log, HeldPartStore tables) {
        this.log = log;
        this.tables = tables;
    }

    @Override
    public void writeAll(List<Change> changes) {
        log.appendDurably(
                changes.stream().<LogRecord>map(LogRecord.PartChange::new).toList());
    }

    @Override
    public List<HeldPart> loadAll() {
        log.awaitLogged();
        return tables.loadAll();
    }
}
