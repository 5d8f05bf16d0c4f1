package io.gomsggw.core.store.log;

import io.gomsggw.core.store.MessageStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The store a {@link LoggedMessageStore} writes its log into: a {@link MessageStore} that also
 * remembers, atomically with the rows, how far the log has been applied, and on each message's
 * row the LSN of the last record written to it.
 *
 * <p>The applied LSN is a prefix: every record at or below it is in the tables. Records above it
 * may be written too ("ahead": the later changes of a message written together with its insert),
 * but per message always a prefix of that message's records; after a crash, the row's LSN
 * ({@link #lastLsns}) tells which of the records above the applied LSN a message has already.
 *
 * <p>Threading: thread-safe; every method blocks on I/O. Errors: {@link io.gomsggw.core.store.StoreException}.
 */
public interface LogTarget extends MessageStore {
    /** The LSN recorded by the last {@link #writeAll(List, long)}, or 0 when none was. */
    long appliedLsn();

    /**
     * In one transaction: writes {@code entries} in order (an insert as a new row, a change to
     * its message's row; changes of unknown messages are skipped), records on each row written the
     * LSN of its last entry, and records {@code throughLsn} as the applied LSN.
     */
    void writeAll(List<LogEntry> entries, long throughLsn);

    /**
     * For those of {@code ids} whose rows were written from the log, the LSN of the last record
     * written to each; other ids are absent.
     */
    Map<String, Long> lastLsns(Collection<String> ids);

    /**
     * Forces what {@link #writeAll(List, long)} committed so far to the device, so the log
     * segments it came from can be deleted without a power loss losing it (the embedded database
     * does not force each commit). Called rarely: before a segment is deleted.
     */
    void sync();
}
