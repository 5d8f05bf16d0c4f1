package io.gomsggw.core.store.log;

import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.core.store.HeldPartStore;
import io.gomsggw.core.store.MessageQuery;
import io.gomsggw.core.store.MessageStore;
import io.gomsggw.core.store.Page;
import io.gomsggw.core.store.PendingReceiptStore;
import io.gomsggw.core.store.ResumeCursor;
import io.gomsggw.core.store.StatusTransition;
import io.gomsggw.core.store.StoreException;
import io.gomsggw.core.store.WriteHealth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MessageStore} whose writes are durable once appended to a {@link MessageLog} on local
 * disk, and reach the database tables ({@link LogTarget}) behind, many records per transaction.
 *
 * <p>Why: the embedded database's cost is per commit (it rewrites every page the commit changed),
 * so the commit that must precede each acknowledgement is the gateway's ceiling. Appending a few
 * hundred bytes to a file is far cheaper. The applier thread writes the records to the tables
 * once they are {@code settle} old (or 20 batches, or 8 MiB of media, wait), {@code maxApplyBatch} records per
 * transaction, taking with a message's records its later changes already logged, so most
 * messages reach the tables in their final state with one insert (see {@link LogTarget#writeAll}),
 * and records the last LSN written in the same transaction. At {@link #open}, records after that
 * LSN (written to the log before a crash, not yet to the tables) are applied first, less the
 * changes a row has already ({@link LogTarget#lastLsns}); log segments are deleted once the tables
 * hold all their records.
 *
 * <p>Reads see every write that returned before them: a message whose records are not in the
 * tables yet is answered from memory ({@link #find}, {@link #findAwaitingReport}, and
 * {@link #history} of a message whose insert is not in the tables yet), and reads that scan the tables
 * ({@link #search}, {@link #findToResume}, {@link #findDue}, the history of an older message with newer changes)
 * first have the applier write what they need, waiting at most {@code readWait}.
 *
 * <p>Back-pressure: writes block while {@code maxUnapplied} records, or {@code maxUnappliedMediaBytes} of media, wait for the applier (a
 * database slower than the ingress). A record the tables refuse on its own (not the database
 * being down) is logged with its LSN and skipped; while the database fails, the applier retries
 * with back-off and nothing is skipped.
 *
 * <p>Durability: an append is written to the operating system before the write returns, so a
 * killed process loses nothing; with {@code force} it is also forced to the device (one force per
 * {@link #writeAll} however many records it holds, so a group commit stays one force), and before
 * a log segment is deleted the tables are forced too ({@link LogTarget#sync()}), as they are after
 * the applier's writes at least every 200 ms while forcing (small forces, which the log's own do
 * not queue behind for long).
 *
 * <p>Write failures: when an append fails (a full disk), that write and every later one fail with
 * a {@link StoreException} at once, and {@link #writeFailure()} says so, while a thread retries
 * {@link MessageLog#recover()} with back-off (0.1 s doubling to 5 s); once it succeeds, writes are
 * taken again. Nothing logged before the failure is lost. While the applier cannot write to the
 * tables, {@link #writeFailure()} says that too.
 *
 * <p>Besides messages, the log carries other records ({@link #appendDurably}) that the tables
 * take when they are applied, e.g. the held parts of long SMS.
 *
 * <p>Thread-safe. Writes are serialized (one append at a time); reads do not block writes.
 *
 * <p>The jobs are split: this class is the facade (writes append, reads consult the overlay);
 * {@link PendingMessages} is the in-memory overlay, {@link UnappliedRecords} the queue of records
 * waiting for the tables with its batching rules and back-pressure, {@link LogApplier} the applier
 * thread, {@link LogReplay} the recovery at open and {@link LogRecovery} the retries after a failed
 * append.
 */
public final class LoggedMessageStore implements MessageStore, WriteHealth, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LoggedMessageStore.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    /**
     * @param settle        how old a record is before it is written to the tables, unless
     *                      20 × {@code maxApplyBatch} records wait already
     * @param maxApplyBatch most records written to the tables in one transaction
     * @param maxUnapplied  records that may wait for the tables before writes block
     * @param maxUnappliedMediaBytes bytes of media (kept in memory until applied) that may wait for
     *                      the tables before writes block
     * @param readWait      longest a read waits for the tables to catch up
     * @param force         force each append to the device
     */
    public record Settings(
            Duration settle,
            int maxApplyBatch,
            int maxUnapplied,
            long maxUnappliedMediaBytes,
            Duration readWait,
            boolean force) {
        /** An eighth of the heap, at least 32 MiB: room for a burst of photos without filling the heap. */
        public static final long DEFAULT_MAX_UNAPPLIED_MEDIA_BYTES =
                Math.max(32L << 20, Runtime.getRuntime().maxMemory() / 8);

        public static final Settings DEFAULTS = new Settings(
                Duration.ofSeconds(1),
                1_000,
                200_000,
                DEFAULT_MAX_UNAPPLIED_MEDIA_BYTES,
                Duration.ofSeconds(10),
                false);

        public Settings {
            if (settle.isNegative()
                    || maxApplyBatch < 1
                    || maxUnapplied < 1
                    || maxUnappliedMediaBytes < 1
                    || readWait.isNegative()) {
                throw new IllegalArgumentException("invalid message log settings");
            }
        }

        public Settings withSettle(Duration value) {
            return new Settings(value, maxApplyBatch, maxUnapplied, maxUnappliedMediaBytes, readWait, force);
        }

        public Settings withForce(boolean value) {
            return new Settings(settle, maxApplyBatch, maxUnapplied, maxUnappliedMediaBytes, readWait, value);
        }
    }

    private final LogTarget target;
    private final MessageLog messageLog;
    private final PendingMessages pending = new PendingMessages();
    private final UnappliedRecords unapplied;
    private final LogApplier applier;
    private final LogRecovery recovery;
    private final Object appendLock = new Object();
    private volatile long loggedLsn;

    private LoggedMessageStore(LogTarget target, MessageLog messageLog, Settings settings, long appliedLsn) {
        this.target = target;
        this.messageLog = messageLog;
        this.loggedLsn = appliedLsn;
        this.unapplied = new UnappliedRecords(settings, appliedLsn);
        this.recovery = new LogRecovery(messageLog, unapplied::isClosed);
        this.applier = new LogApplier(target, messageLog, settings.force(), unapplied, pending);
        this.applier.start();
    }

    /**
     * Opens the log in {@code directory}, writes to {@code target} every record it holds after
     * {@code target}'s applied LSN (what a crash left), and starts the applier.
     *
     * @throws IOException when the log cannot be read (a damaged segment is named)
     * @throws StoreException when the database refuses the records of the log
     */
    public static LoggedMessageStore open(Path directory, LogTarget target, Settings settings) throws IOException {
        return open(directory, target, settings, LogFiles.SYSTEM);
    }

    /** As {@link #open(Path, LogTarget, Settings)}, writing the log through {@code files}. */
    public static LoggedMessageStore open(Path directory, LogTarget target, Settings settings, LogFiles files)
            throws IOException {
        long applied = target.appliedLsn();
        MessageLog messageLog =
                MessageLog.open(directory, applied, settings.force(), files, MessageLog.DEFAULT_SEGMENT_BYTES);
        try {
            long replayedThrough = LogReplay.replay(messageLog, target, applied, settings.maxApplyBatch());
            if (settings.force() && messageLog.canDeleteThrough(replayedThrough)) {
                target.sync();
            }
            messageLog.deleteThrough(replayedThrough);
            return new LoggedMessageStore(target, messageLog, settings, replayedThrough);
        } catch (IOException | RuntimeException e) {
            messageLog.close();
            throw e;
        }
    }

    // ---- writes

    @Override
    public void insertAll(List<Message> messages) {
        writeAll(messages, List.of());
    }

    @Override
    public void transitionAll(List<StatusTransition> transitions) {
        writeAll(List.of(), transitions);
    }

    @Override
    public boolean transition(String id, MessageStatus status, Instant at, String reason, int attempts) {
        if (!pending.contains(id) && target.find(id).isEmpty()) {
            return false;
        }
        writeAll(List.of(), List.of(new StatusTransition(id, status, at, reason, attempts)));
        return true;
    }

    /** Appends the records to the log (one write, one force when forcing) and returns once they are there. */
    @Override
    public void writeAll(List<Message> inserts, List<StatusTransition> transitions) {
        if (inserts.isEmpty() && transitions.isEmpty()) return;
        appendDurably(LogRecord.of(inserts, transitions));
    }

    /**
     * Appends any records to the log (one write, one force when forcing) and returns once they are
     * there; the applier writes them to the tables later ({@link LogTarget#writeAll}).
     *
     * @throws StoreException when the log cannot be written (see {@link #writeFailure()}) or is closed
     */
    void appendDurably(List<LogRecord> records) {
        int count = records.size();
        if (count == 0) return;
        synchronized (appendLock) {
            unapplied.awaitRoom();
            long last;
            try {
                last = messageLog.append(records);
            } catch (UncheckedIOException e) {
                recovery.start();
                throw new StoreException(
                        "message log write failed: " + e.getCause().getMessage(), e);
            }
            long now = System.nanoTime();
            List<UnappliedRecords.Logged> logged = new ArrayList<>(count);
            long lsn = last - count + 1;
            for (LogRecord record : records) {
                pending.remember(lsn, record);
                logged.add(new UnappliedRecords.Logged(now, new LogEntry(lsn++, record)));
            }
            loggedLsn = last;
            unapplied.addAll(logged);
        }
    }

    /** Why the log cannot be written now, or why the applier's last write to the tables failed. */
    @Override
    public Optional<String> writeFailure() {
        IOException logFailure = messageLog.failure();
        if (logFailure != null) {
            return Optional.of("message log write failed: " + logFailure.getMessage());
        }
        return Optional.ofNullable(applier.failure()).map(why -> "database write failed: " + why);
    }

    // ---- reads

    @Override
    public Optional<Message> find(String id) {
        PendingMessages.Pending p = pending.get(id);
        if (p == null) return target.find(id);
        if (p.inserted() != null) return Optional.of(p.applyTo(p.inserted()));
        return target.find(id).map(p::applyTo);
    }

    @Override
    public List<StatusChange> history(String id) {
        PendingMessages.Pending p = pending.get(id);
        if (p == null) return target.history(id);
        if (p.inserted() != null) return p.history();
        awaitApplied(p.lastLsn());
        return target.history(id);
    }

    @Override
    public Optional<Message> findAwaitingReport(String carrier, String carrierMessageId) {
        String id = pending.idForCarrierId(carrierMessageId);
        if (id != null) {
            Optional<Message> found = find(id).filter(m -> carrier.equals(m.carrier()));
            // final here but maybe not yet in the tables, where the row still waits: not found
            if (found.isPresent()) return found.filter(m -> !m.status().isFinal());
        }
        return target.findAwaitingReport(carrier, carrierMessageId);
    }

    @Override
    public List<Message> findToResume(ResumeCursor after, int limit) {
        awaitApplied(loggedLsn);
        return target.findToResume(after, limit);
    }

    @Override
    public List<Message> findDue(Instant dueBy, String owner, int limit) {
        awaitApplied(loggedLsn);
        return target.findDue(dueBy, owner, limit);
    }

    @Override
    public Optional<Instant> nextDue(String owner) {
        awaitApplied(loggedLsn);
        return target.nextDue(owner);
    }

    /** Once the tables hold what was logged, in them (this database serves one node: rarely asked). */
    @Override
    public int claimFinal(List<String> ids, String serverId) {
        awaitApplied(loggedLsn);
        return target.claimFinal(ids, serverId);
    }

    @Override
    public List<Message> findUndelivered(
            long targetClientId, Instant since, Instant until, ResumeCursor after, int limit) {
        awaitApplied(loggedLsn);
        return target.findUndelivered(targetClientId, since, until, after, limit);
    }

    @Override
    public Page<Message> search(MessageQuery query) {
        awaitApplied(loggedLsn);
        return target.search(query);
    }

    /** Has the applier write everything logged so far to the tables, and waits for it (at most readWait). */
    void awaitLogged() {
        awaitApplied(loggedLsn);
    }

    /** Has the applier write at once through {@code lsn}, and waits for it (at most readWait). */
    private void awaitApplied(long lsn) {
        unapplied.awaitApplied(lsn, applier::isAlive);
    }

    /**
     * The held parts of long messages, durable through this log and written to {@code tables}
     * (the database's own store of them) behind.
     */
    public HeldPartStore heldParts(HeldPartStore tables) {
        return new LoggedHeldParts(this, tables);
    }

    /**
     * The delivery receipts waiting for a bind, durable through this log and written to
     * {@code tables} (the database's own store of them) behind.
     */
    public PendingReceiptStore pendingReceipts(PendingReceiptStore tables) {
        return new LoggedPendingReceipts(this, tables);
    }

    /** Records in the log not yet written to the tables. */
    public int unappliedCount() {
        return unapplied.size();
    }

    /** Stops taking writes, writes every logged record to the tables, and closes the log. */
    @Override
    public void close() {
        if (!unapplied.close()) return;
        try {
            applier.join(CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = unappliedCount();
        if (left > 0) {
            log.warn(
                    "message log closed with records not yet in the database count={}; they are applied at the next start",
                    left);
        }
        messageLog.close();
    }
}
