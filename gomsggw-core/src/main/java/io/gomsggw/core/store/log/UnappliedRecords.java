package io.gomsggw.core.store.log;

import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.store.StoreException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The records in the log not yet written to the tables, in LSN order, and the rules that meet
 * around them: back-pressure for writers ({@link #awaitRoom}), when a batch is due for the
 * applier ({@link #nextBatch}), reads that ask for the tables to catch up ({@link #awaitApplied}),
 * the applied position, and closing.
 *
 * <p>Thread-safe: every method takes the one lock; the condition is signalled when records are
 * added or applied, a read asks for a flush, or on close.
 */
final class UnappliedRecords {
    /**
     * Batches that may wait to settle before the oldest are written regardless. Transactions are
     * kept small (a large one keeps its pages live through a young collection, which then copies
     * them: pauses of 100 ms and more were measured with 10,000 records per transaction), while up
     * to this many batches wait, so a message that turns final within the settle time is still
     * written once at a high rate.
     */
    private static final int CROWDED_BATCHES = 20;
    /**
     * Media bytes of waiting records beyond which the oldest are written regardless of their age.
     * Each waiting record keeps its message, media included, in memory ({@link PendingMessages});
     * at a few hundred MMS a second that was tens of megabytes of photos, which every young
     * collection copied again (pauses of 50 to 140 ms measured with 50 KB photos at 650 MMS/s). A
     * photo is written to the tables once either way; only a status change that comes after its
     * message was written costs an update of the row.
     */
    static final long CROWDED_MEDIA_BYTES = 8L * 1024 * 1024;
    /**
     * With the records that are due, a batch takes those due within the next quarter of the
     * settle time. Otherwise, at a low rate, each batch would hold only the few records that have
     * just come of age: a transaction per message or two, and H2's cost is per transaction (a
     * quarter of the applier's CPU per message at 1,000 messages/s went to that, and its commits
     * delayed the answers to submits on the same two cores).
     */
    private static final int GATHER_FRACTION = 4;

    /** A record in the log and not yet applied; {@code at} is System.nanoTime at the append. */
    record Logged(long at, LogEntry entry) {
        long lsn() {
            return entry.lsn();
        }

        /** The bytes of the media the record keeps in memory (those of a new message). */
        long mediaBytes() {
            if (entry.record() instanceof LogRecord.Inserted inserted) {
                long bytes = 0;
                for (MediaPart part : inserted.message().media()) {
                    bytes += part.size();
                }
                return bytes;
            }
            return 0;
        }
    }

    private final LoggedMessageStore.Settings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Logged> unapplied = new ArrayDeque<>();

    /** Guarded by lock: {@link Logged#mediaBytes()} of the records in {@link #unapplied}. */
    private long mediaBytes;

    private long appliedLsn;
    private long flushThrough;
    private boolean closed;

    UnappliedRecords(LoggedMessageStore.Settings settings, long appliedLsn) {
        this.settings = settings;
        this.appliedLsn = appliedLsn;
    }

    /**
     * Back-pressure: blocks while {@code maxUnapplied} records, or {@code maxUnappliedMediaBytes} of
     * media, wait for the applier. Records keep their media in memory until they are applied, so
     * without the second bound a burst of large MMS (phone photos, MM4 messages of several MB)
     * faster than the tables take them fills the heap.
     *
     * @throws StoreException once closed
     */
    void awaitRoom() {
        lock.lock();
        try {
            while ((unapplied.size() >= settings.maxUnapplied() || mediaBytes >= settings.maxUnappliedMediaBytes())
                    && !closed) {
                changed.awaitUninterruptibly();
            }
            if (closed) {
                throw new StoreException("message store is closed");
            }
        } finally {
            lock.unlock();
        }
    }

    /** Adds records just appended to the log, in LSN order after those here. */
    void addAll(List<Logged> logged) {
        lock.lock();
        try {
            unapplied.addAll(logged);
            for (Logged entry : logged) {
                mediaBytes += entry.mediaBytes();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Has the applier write at once through {@code lsn}, and waits for it (at most readWait).
     *
     * @param applierAlive whether the applier still runs (after close, nobody else will write)
     * @throws StoreException when the wait runs out or the applier stopped first
     */
    void awaitApplied(long lsn, BooleanSupplier applierAlive) {
        lock.lock();
        try {
            if (appliedLsn >= lsn) return;
            flushThrough = Math.max(flushThrough, lsn);
            changed.signalAll();
            long left = settings.readWait().toNanos();
            while (appliedLsn < lsn) {
                if (left <= 0 || (closed && !applierAlive.getAsBoolean())) {
                    throw new StoreException(
                            "message log not yet written to the database (applied " + appliedLsn + " of " + lsn + ")");
                }
                left = changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted waiting for the message log", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Guarded by lock: so many records, or so many bytes of media, wait that the oldest are due
     * whatever their age.
     */
    private boolean crowded() {
        return unapplied.size() >= CROWDED_BATCHES * settings.maxApplyBatch() || mediaBytes >= CROWDED_MEDIA_BYTES;
    }

    /**
     * Waits for records that are due: older than the settle time (and with them those due within a
     * quarter of it, {@link #GATHER_FRACTION}), asked for by a read, or all once closed, and the
     * oldest whatever their age when {@link #crowded()}. At most {@code maxApplyBatch} records and,
     * unless one record alone has more, {@link #CROWDED_MEDIA_BYTES} of media: a transaction of the
     * embedded database holds its rows in memory until it commits. Never empty; null when closed
     * and done.
     */
    List<Logged> nextBatch() {
        lock.lock();
        try {
            long settleNanos = settings.settle().toNanos();
            while (true) {
                Logged head = unapplied.peekFirst();
                if (head == null) {
                    if (closed) return null;
                    changed.awaitUninterruptibly();
                    continue;
                }
                long wait = head.at() + settleNanos - System.nanoTime();
                if (wait <= 0 || closed || head.lsn() <= flushThrough || crowded()) {
                    break;
                }
                changed.awaitNanos(wait);
            }
            long dueBefore = System.nanoTime() - settleNanos + settleNanos / GATHER_FRACTION;
            boolean crowded = crowded();
            List<Logged> batch = new ArrayList<>();
            long batchMedia = 0;
            for (Logged entry : unapplied) {
                boolean due = crowded || closed || entry.lsn() <= flushThrough || entry.at() <= dueBefore;
                boolean full = batch.size() >= settings.maxApplyBatch()
                        || (!batch.isEmpty() && batchMedia + entry.mediaBytes() > CROWDED_MEDIA_BYTES);
                if (!due || full) break;
                batch.add(entry);
                batchMedia += entry.mediaBytes();
            }
            return batch;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** The tables hold every record through {@code through}: drops them and wakes who waits. */
    void appliedThrough(long through) {
        lock.lock();
        try {
            while (!unapplied.isEmpty() && unapplied.peekFirst().lsn() <= through) {
                mediaBytes -= unapplied.pollFirst().mediaBytes();
            }
            appliedLsn = Math.max(appliedLsn, through);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops taking records and has the applier write all there are; false when closed already. */
    boolean close() {
        lock.lock();
        try {
            if (closed) return false;
            closed = true;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return unapplied.size();
        } finally {
            lock.unlock();
        }
    }
}
