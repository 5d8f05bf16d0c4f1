package io.gomsggw.core.store.log;

import java.util.Objects;

/** A {@link LogRecord} with its position in the {@link MessageLog} (LSNs start at 1). Immutable. */
public record LogEntry(long lsn, LogRecord record) {
    public LogEntry {
        if (lsn < 1) throw new IllegalArgumentException("lsn " + lsn);
        Objects.requireNonNull(record, "record");
    }

    /** The id of the message the record is about. */
    public String messageId() {
        return record.messageId();
    }
}
