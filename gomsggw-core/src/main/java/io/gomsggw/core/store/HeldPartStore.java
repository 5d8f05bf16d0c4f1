package io.gomsggw.core.store;

import java.util.List;
import java.util.Objects;

/**
 * The parts of long messages that were answered ({@code submit_sm_resp}) while the message's
 * other parts have not arrived yet, so that a restart loses none of them.
 *
 * <p>Contract: {@link #writeAll} applies its changes in order and returns only once they are
 * durable (a part may be answered then); a release removes every part of the message. Holding a
 * part already held (same message id and part number) keeps one. {@link #loadAll} returns what
 * every returned {@code writeAll} left.
 *
 * <p>Threading: thread-safe; every method blocks on I/O, so call it off event loops. Errors:
 * {@link StoreException}; a failed {@code writeAll} may have applied none or all of its changes.
 */
public interface HeldPartStore {
    /** A change of the held parts. */
    sealed interface Change permits Hold, Release {}

    /** Keep {@code part} until its message is released. */
    record Hold(HeldPart part) implements Change {
        public Hold {
            Objects.requireNonNull(part, "part");
        }
    }

    /** The message is whole (or expired): forget all its parts. */
    record Release(String messageId) implements Change {
        public Release {
            Objects.requireNonNull(messageId, "messageId");
        }
    }

    /** Applies {@code changes} in order, in one transaction where the implementation can, durably. */
    void writeAll(List<Change> changes);

    /** Every held part, ordered by when its message's first part arrived, message id and part number. */
    List<HeldPart> loadAll();
}
