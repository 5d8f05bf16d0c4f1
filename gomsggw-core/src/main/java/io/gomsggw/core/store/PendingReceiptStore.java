package io.gomsggw.core.store;

import java.util.List;
import java.util.Objects;

/**
 * Delivery receipts waiting for their client's next receiving bind, so that a restart loses none
 * of them. One receipt per message at most.
 *
 * <p>Contract: {@link #writeAll} applies its changes in order and returns only once they are
 * durable; keeping a receipt for a message that has one replaces it; dropping an unknown one does
 * nothing. {@link #loadAll} returns what every returned {@code writeAll} left.
 *
 * <p>Threading: thread-safe; every method blocks on I/O, so call it off event loops. Errors:
 * {@link StoreException}; a failed {@code writeAll} may have applied none or all of its changes.
 */
public interface PendingReceiptStore {
    /** A change of the waiting receipts. */
    sealed interface Change permits Keep, Drop {}

    /** Keep {@code receipt} until it is sent (or dropped). */
    record Keep(PendingReceipt receipt) implements Change {
        public Keep {
            Objects.requireNonNull(receipt, "receipt");
        }
    }

    /** The receipt of {@code messageId} was sent or given up: forget it. */
    record Drop(String messageId) implements Change {
        public Drop {
            Objects.requireNonNull(messageId, "messageId");
        }
    }

    /** Applies {@code changes} in order, in one transaction where the implementation can, durably. */
    void writeAll(List<Change> changes);

    /** Every waiting receipt, oldest ({@code doneAt}) first. */
    List<PendingReceipt> loadAll();
}
