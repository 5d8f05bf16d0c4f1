package io.gomsggw.core.store;

import java.util.List;
import java.util.Objects;

/**
 * Delivery reports the gateway owes clients and sends by itself ({@link OwedReport}), kept until the
 * client takes them or they are given up, so that a restart loses none. One report per message.
 *
 * <p>Contract: {@link #writeAll} applies its changes in order and returns only once they are durable;
 * keeping a report for a message that has one replaces it; dropping an unknown one does nothing.
 * {@link #ownedBy} returns what every returned {@code writeAll} left. {@link NodeStore#takeOver} gives the
 * reports of a dead node to the node that takes its work over.
 *
 * <p>Threading: thread-safe; every method blocks on I/O, so call it off event loops. Errors:
 * {@link StoreException}; a failed {@code writeAll} may have applied none or all of its changes.
 */
public interface OwedReportStore {
    /** A change of the owed reports. */
    sealed interface Change permits Keep, Drop {}

    /** Keep {@code report} until it is sent (or given up). */
    record Keep(OwedReport report) implements Change {
        public Keep {
            Objects.requireNonNull(report, "report");
        }
    }

    /** The report of {@code messageId} was taken or given up: forget it. */
    record Drop(String messageId) implements Change {
        public Drop {
            Objects.requireNonNull(messageId, "messageId");
        }
    }

    /** Applies {@code changes} in order, in one transaction, durably. */
    void writeAll(List<Change> changes);

    /**
     * The reports node {@code owner} sends, oldest ({@code doneAt}) first; with a null owner (a database
     * that serves one node) every report.
     */
    List<OwedReport> ownedBy(String owner);
}
