package io.gomsggw.core.store.log;

import io.gomsggw.core.model.Message;
import io.gomsggw.core.store.MessageStore;
import io.gomsggw.core.store.StatusTransition;
import java.util.List;

/**
 * The store a {@link LoggedMessageStore} writes its log into: a {@link MessageStore} that also
 * remembers, atomically with the rows, how far the log has been applied.
 *
 * <p>Threading: thread-safe; every method blocks on I/O. Errors: {@link io.gomsggw.core.store.StoreException}.
 */
public interface LogTarget extends MessageStore {
    /** The LSN recorded by the last {@link #writeAll(List, List, long)}, or 0 when none was. */
    long appliedLsn();

    /**
     * In one transaction: inserts {@code inserts}, applies {@code transitions} in order (those of
     * unknown messages are skipped), and records {@code throughLsn} as the applied LSN.
     */
    void writeAll(List<Message> inserts, List<StatusTransition> transitions, long throughLsn);
}
