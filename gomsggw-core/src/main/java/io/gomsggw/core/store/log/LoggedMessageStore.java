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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MessageStore} whose writes are durable once appended to a {@link MessageLog} on local
 * disk, and reach the database tables ({@link LogTarget}) behind, many records per transaction.
 *
 * <p>Why: the embedded database's cost is per commit (it rewrites every page the commit changed),
 * so the commit that must precede each acknowledgement is the gateway's ceiling. Appending a few
 * hundred bytes to a file is far cheaper. The applier thread writes the records to the tables
 * once they are {@code settle} old (or 20 batches wait), {@code maxApplyBatch} records per
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
 * <p>Back-pressure: writes block while {@code maxUnapplied} records wait for the applier (a
 * database slower than the ingress). A record the tables refuse on its own (not the database
 * being down) is logged with its LSN and skipped; while the database fails, the applier retries
 * with back-off and nothing is skipped.
 *
 * <p>Durability: an append is written to the operating system before the write returns, so a
 * killed process loses nothing; with {@code force} it is also forced to the device (one force per
 * {@link #writeAll} however many records it holds, so a group commit stays one force), and before
 * a log segment is deleted the tables are forced too ({@link LogTarget#sync()}).
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
 */
public final class LoggedMessageStore implements MessageStore, WriteHealth, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LoggedMessageStore.class);
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);
    private static final Duration FIRST_RECOVERY_DELAY = Duration.ofMillis(100);
    private static final Duration MAX_RECOVERY_DELAY = Duration.ofSeconds(5);
    /**
     * Batches that may wait to settle before the oldest are written regardless. Transactions are
     * kept small (a large one keeps its pages live through a young collection, which then copies
     * them: pauses of 100 ms and more were measured with 10,000 records per transaction), while up
     * to this many batches wait, so a message that turns final within the settle time is still
     * written once at a high rate.
     */
    private static final int CROWDED_BATCHES = 20;
    /**
     * With the records that are due, a batch takes those due within the next quarter of the
     * settle time. Otherwise, at a low rate, each batch would hold only the few records that have
     * just come of age: a transaction per message or two, and H2's cost is per transaction (a
     * quarter of the applier's CPU per message at 1,000 messages/s went to that, and its commits
     * delayed the answers to submits on the same two cores).
     */
    private static final int GATHER_FRACTION = 4;

    /**
     * @param settle        how old a record is before it is written to the tables, unless
     *                      20 × {@code maxApplyBatch} records wait already
     * @param maxApplyBatch most records written to the tables in one transaction
     * @param maxUnapplied  records that may wait for the tables before writes block
     * @param readWait      longest a read waits for the tables to catch up
     * @param force         force each append to the device
     */
    public record Settings(Duration settle, int maxApplyBatch, int maxUnapplied, Duration readWait, boolean force) {
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(1), 1_000, 200_000,
                Duration.ofSeconds(10), false);

        public Settings {
            if (settle.isNegative() || maxApplyBatch < 1 || maxUnapplied < 1 || readWait.isNegative()) {
                throw new IllegalArgumentException("invalid message log settings");
            }
        }

        public Settings withSettle(Duration value) {
            return new Settings(value, maxApplyBatch, maxUnapplied, readWait, force);
        }

        public Settings withForce(boolean value) {
            return new Settings(settle, maxApplyBatch, maxUnapplied, readWait, value);
        }
    }

    /** A record in the log and not yet applied; {@code at} is System.nanoTime at the append. */
    private record Logged(long at, LogEntry entry) {
        long lsn() {
            return entry.lsn();
        }
    }

    private final LogTarget target;
    private final MessageLog messageLog;
    private final Settings settings;
    /** Messages with records not yet in the tables (possibly applied already, until all are). */
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    /** Carrier message id to message id, for the messages in {@link #pending} that have one. */
    private final ConcurrentHashMap<String, String> pendingByCarrierId = new ConcurrentHashMap<>();
    /** LSNs above the applied position already in the tables ({@link #laterChanges}); applier thread only. */
    private final Set<Long> writtenAhead = new HashSet<>();
    private final Object appendLock = new Object();
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when records are added or applied, a read asks for a flush, or on close. */
    private final Condition changed = lock.newCondition();
    /** Guarded by lock. */
    private final ArrayDeque<Logged> unapplied = new ArrayDeque<>();
    private long appliedLsn;
    private long flushThrough;
    private boolean closed;
    private volatile long loggedLsn;
    /** Why the applier's last attempt failed, or null after a success. */
    private volatile String applierFailure;
    /** Whether a thread is retrying {@link MessageLog#recover()}. */
    private final AtomicBoolean recovering = new AtomicBoolean();
    private final Thread applier;

    private LoggedMessageStore(LogTarget target, MessageLog messageLog, Settings settings, long appliedLsn) {
        this.target = target;
        this.messageLog = messageLog;
        this.settings = settings;
        this.appliedLsn = appliedLsn;
        this.loggedLsn = appliedLsn;
        this.applier = new Thread(this::applyLoop, "gomsggw-log-applier");
        this.applier.setDaemon(true);
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
        MessageLog messageLog = MessageLog.open(directory, applied, settings.force(), files,
                MessageLog.DEFAULT_SEGMENT_BYTES);
        try {
            long replayedThrough = replay(messageLog, target, applied, settings.maxApplyBatch());
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

    private static long replay(MessageLog messageLog, LogTarget target, long applied, int maxBatch) throws IOException {
        List<LogEntry> batch = new ArrayList<>();
        long[] through = {applied};
        long[] count = {0};
        messageLog.replay(applied, (lsn, record) -> {
            batch.add(new LogEntry(lsn, record));
            through[0] = lsn;
            count[0]++;
            if (batch.size() >= maxBatch) {
                target.writeAll(withoutWrittenAhead(batch, target), lsn);
                batch.clear();
            }
        });
        if (!batch.isEmpty()) {
            target.writeAll(withoutWrittenAhead(batch, target), through[0]);
        }
        if (count[0] > 0) {
            log.info("message log replayed records={} through_lsn={}", count[0], through[0]);
        }
        return through[0];
    }

    /**
     * {@code batch} without the changes the tables have already: those the applier wrote ahead of
     * its applied position, together with their message's insert, before the process stopped.
     */
    private static List<LogEntry> withoutWrittenAhead(List<LogEntry> batch, LogTarget target) {
        Set<String> insertedHere = new HashSet<>();
        Set<String> changedOnly = new HashSet<>();
        for (LogEntry entry : batch) {
            if (entry.record() instanceof LogRecord.Inserted) {
                insertedHere.add(entry.messageId());
            } else if (entry.record() instanceof LogRecord.Changed && !insertedHere.contains(entry.messageId())) {
                changedOnly.add(entry.messageId());
            }
        }
        if (changedOnly.isEmpty()) return batch;
        Map<String, Long> written = target.lastLsns(changedOnly);
        if (written.isEmpty()) return batch;
        return batch.stream()
                .filter(entry -> !(entry.record() instanceof LogRecord.Changed)
                        || entry.lsn() > written.getOrDefault(entry.messageId(), 0L))
                .toList();
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
        if (!pending.containsKey(id) && target.find(id).isEmpty()) {
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
            awaitRoom();
            long last;
            try {
                last = messageLog.append(records);
            } catch (UncheckedIOException e) {
                startRecovery();
                throw new StoreException("message log write failed: " + e.getCause().getMessage(), e);
            }
            long now = System.nanoTime();
            List<Logged> logged = new ArrayList<>(count);
            long lsn = last - count + 1;
            for (LogRecord record : records) {
                remember(lsn, record);
                logged.add(new Logged(now, new LogEntry(lsn++, record)));
            }
            loggedLsn = last;
            lock.lock();
            try {
                unapplied.addAll(logged);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void awaitRoom() {
        lock.lock();
        try {
            while (unapplied.size() >= settings.maxUnapplied() && !closed) {
                changed.awaitUninterruptibly();
            }
            if (closed) {
                throw new StoreException("message store is closed");
            }
        } finally {
            lock.unlock();
        }
    }

    /** Retries {@link MessageLog#recover()} with back-off on a thread of its own, unless one does already. */
    private void startRecovery() {
        if (!recovering.compareAndSet(false, true)) return;
        Thread thread = new Thread(this::recoverLoop, "gomsggw-log-recovery");
        thread.setDaemon(true);
        thread.start();
    }

    private void recoverLoop() {
        long delay = FIRST_RECOVERY_DELAY.toMillis();
        try {
            while (!isClosed()) {
                sleep(delay);
                try {
                    messageLog.recover();
                    return;
                } catch (IOException | UncheckedIOException e) {
                    delay = Math.min(delay * 2, MAX_RECOVERY_DELAY.toMillis());
                    log.warn("message log still not writable, retrying in {} ms error={}", delay, e.toString());
                }
            }
        } finally {
            recovering.set(false);
        }
    }

    /** Why the log cannot be written now, or why the applier's last write to the tables failed. */
    @Override
    public Optional<String> writeFailure() {
        IOException logFailure = messageLog.failure();
        if (logFailure != null) {
            return Optional.of("message log write failed: " + logFailure.getMessage());
        }
        return Optional.ofNullable(applierFailure).map(why -> "database write failed: " + why);
    }

    private void remember(long lsn, LogRecord record) {
        if (record instanceof LogRecord.Inserted inserted) {
            Message m = inserted.message();
            pending.put(m.id(), Pending.of(m, lsn));
            if (m.carrierMessageId() != null) pendingByCarrierId.put(m.carrierMessageId(), m.id());
        } else if (record instanceof LogRecord.Changed changed) {
            StatusTransition t = changed.transition();
            Change change = new Change(lsn, t);
            pending.compute(t.messageId(), (id, p) -> p == null ? Pending.of(change) : p.with(change));
            if (t.carrierMessageId() != null) pendingByCarrierId.put(t.carrierMessageId(), t.messageId());
        }
    }

    // ---- reads

    @Override
    public Optional<Message> find(String id) {
        Pending p = pending.get(id);
        if (p == null) return target.find(id);
        if (p.inserted() != null) return Optional.of(p.applyTo(p.inserted()));
        return target.find(id).map(p::applyTo);
    }

    @Override
    public List<StatusChange> history(String id) {
        Pending p = pending.get(id);
        if (p == null) return target.history(id);
        if (p.inserted() != null) return p.history();
        awaitApplied(p.lastLsn());
        return target.history(id);
    }

    @Override
    public Optional<Message> findAwaitingReport(String carrier, String carrierMessageId) {
        String id = pendingByCarrierId.get(carrierMessageId);
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
    public List<Message> findDue(Instant dueBy, int limit) {
        awaitApplied(loggedLsn);
        return target.findDue(dueBy, limit);
    }

    @Override
    public Optional<Instant> nextDue() {
        awaitApplied(loggedLsn);
        return target.nextDue();
    }

    @Override
    public List<Message> findUndelivered(long targetClientId, Instant since, Instant until, ResumeCursor after,
                                         int limit) {
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

    /** Has the applier write at once through {@code lsn}, and waits for it (at most readWait). */
    private void awaitApplied(long lsn) {
        lock.lock();
        try {
            if (appliedLsn >= lsn) return;
            flushThrough = Math.max(flushThrough, lsn);
            changed.signalAll();
            long left = settings.readWait().toNanos();
            while (appliedLsn < lsn) {
                if (left <= 0 || (closed && !applier.isAlive())) {
                    throw new StoreException("message log not yet written to the database (applied "
                            + appliedLsn + " of " + lsn + ")");
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

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Records in the log not yet written to the tables. */
    public int unappliedCount() {
        lock.lock();
        try {
            return unapplied.size();
        } finally {
            lock.unlock();
        }
    }

    // ---- the applier

    private void applyLoop() {
        long retryDelay = 0;
        while (true) {
            List<Logged> batch = nextBatch();
            if (batch == null) return;
            try {
                apply(batch);
                retryDelay = 0;
                applierFailure = null;
            } catch (RuntimeException e) {
                applierFailure = e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage());
                if (isClosed()) {
                    log.warn("message log not written to the database at close unapplied={} error={}; it is applied at the next start",
                            unappliedCount(), e.toString());
                    return;
                }
                retryDelay = retryDelay == 0 ? 1_000 : Math.min(retryDelay * 2, MAX_RETRY_DELAY.toMillis());
                log.warn("message log not written to the database, retrying in {} ms unapplied={} error={}",
                        retryDelay, unappliedCount(), e.toString());
                sleep(retryDelay);
            }
        }
    }

    /** Guarded by lock: so many records wait that the oldest are due whatever their age. */
    private boolean crowded() {
        return unapplied.size() >= CROWDED_BATCHES * settings.maxApplyBatch();
    }

    /**
     * Waits for records that are due: older than the settle time (and with them those due within a
     * quarter of it, {@link #GATHER_FRACTION}), asked for by a read, or all once closed, and the
     * oldest whatever their age when {@link #crowded()}. Never empty; null when
     * closed and done.
     */
    private List<Logged> nextBatch() {
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
            for (Logged entry : unapplied) {
                boolean due = crowded || closed || entry.lsn() <= flushThrough || entry.at() <= dueBefore;
                if (!due || batch.size() >= settings.maxApplyBatch()) break;
                batch.add(entry);
            }
            return batch;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes {@code batch} in one transaction, with the later changes of its messages that are
     * logged already ({@link #laterChanges}), and skips the records written ahead before. When the
     * transaction fails, writes the records one at a time, nothing ahead, to find those the
     * database refuses.
     */
    private void apply(List<Logged> batch) {
        long through = batch.get(batch.size() - 1).lsn();
        List<LogEntry> entries = new ArrayList<>(batch.size() * 3 / 2);
        for (Logged logged : batch) {
            if (!writtenAhead.contains(logged.lsn())) entries.add(logged.entry());
        }
        List<LogEntry> ahead = laterChanges(entries, through);
        entries.addAll(ahead);
        try {
            target.writeAll(entries, through);
        } catch (RuntimeException batchFailure) {
            applyOneByOne(batch, batchFailure);
            return;
        }
        batch.forEach(logged -> writtenAhead.remove(logged.lsn()));
        ahead.forEach(entry -> writtenAhead.add(entry.lsn()));
        ahead.forEach(entry -> forgetIfApplied(entry.messageId(), entry.lsn()));
        applied(batch, batch.size());
    }

    /**
     * The changes logged after {@code through} of the messages of {@code entries}, in order. A
     * message that turned final a moment after its insert was logged is then written with one
     * insert, even when the batch ends between the two records. All of a message's later changes
     * are taken, so the records of a message in the tables are always the first of its records.
     */
    private List<LogEntry> laterChanges(List<LogEntry> entries, long through) {
        List<LogEntry> later = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (LogEntry entry : entries) {
            if (!entry.record().isMessageRecord()) continue;
            String id = entry.messageId();
            if (!seen.add(id)) continue;
            Pending p = pending.get(id);
            if (p == null) continue;
            for (Change change : p.changes()) {
                if (change.lsn() > through && !writtenAhead.contains(change.lsn())) {
                    later.add(new LogEntry(change.lsn(), new LogRecord.Changed(change.transition())));
                }
            }
        }
        return later;
    }

    private void applyOneByOne(List<Logged> batch, RuntimeException batchFailure) {
        if (batch.size() == 1) {
            skip(batch.get(0), batchFailure);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Logged one = batch.get(i);
            try {
                target.writeAll(writtenAhead.contains(one.lsn()) ? List.of() : List.of(one.entry()), one.lsn());
            } catch (RuntimeException e) {
                skip(one, e);
            }
            writtenAhead.remove(one.lsn());
            applied(batch, i + 1);
        }
    }

    /**
     * Moves past a record the database refused on its own; if even that fails, the database is
     * down, and the exception goes to the retry loop with the record still unapplied.
     */
    private void skip(Logged record, RuntimeException refusal) {
        target.writeAll(List.of(), record.lsn());
        writtenAhead.remove(record.lsn());
        String id = record.entry().messageId();
        log.error("message log record refused by the database and skipped lsn={} id={} error={}", record.lsn(), id,
                refusal.toString());
        applied(List.of(record), 1);
    }

    /** The first {@code count} records of {@code batch} are in the tables. */
    private void applied(List<Logged> batch, int count) {
        long through = batch.get(count - 1).lsn();
        // Before the position is published: a read that waited for it must find these messages in
        // the tables, not (partly) in memory.
        for (int i = 0; i < count; i++) {
            forgetIfApplied(batch.get(i).entry().messageId(), through);
        }
        lock.lock();
        try {
            while (!unapplied.isEmpty() && unapplied.peekFirst().lsn() <= through) {
                unapplied.pollFirst();
            }
            appliedLsn = Math.max(appliedLsn, through);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            if (settings.force() && messageLog.canDeleteThrough(through)) {
                target.sync();
            }
            messageLog.deleteThrough(through);
        } catch (RuntimeException e) {
            log.warn("applied message log segment not deleted; retried after the next batch error={}", e.toString());
        }
    }

    private void forgetIfApplied(String id, long through) {
        Pending p = pending.get(id);
        if (p != null && p.lastLsn() <= through && pending.remove(id, p)) {
            p.carrierMessageIds().forEach(carrierId -> pendingByCarrierId.remove(carrierId, id));
        }
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops taking writes, writes every logged record to the tables, and closes the log. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            applier.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = unappliedCount();
        if (left > 0) {
            log.warn("message log closed with records not yet in the database count={}; they are applied at the next start",
                    left);
        }
        messageLog.close();
    }

    /** A logged status change and its LSN. */
    private record Change(long lsn, StatusTransition transition) {}

    /**
     * The records of one message not yet known to be in the tables: its insert (null when that
     * was applied before) and its changes since, in order. Immutable.
     */
    private record Pending(Message inserted, List<Change> changes, long lastLsn) {
        static Pending of(Message message, long lsn) {
            return new Pending(message, List.of(), lsn);
        }

        static Pending of(Change change) {
            return new Pending(null, List.of(change), change.lsn());
        }

        Pending with(Change change) {
            List<Change> next = new ArrayList<>(changes.size() + 1);
            next.addAll(changes);
            next.add(change);
            return new Pending(inserted, List.copyOf(next), change.lsn());
        }

        /** Every carrier id these records gave the message (a retry may have got a new one). */
        List<String> carrierMessageIds() {
            List<String> ids = new ArrayList<>(2);
            if (inserted != null && inserted.carrierMessageId() != null) ids.add(inserted.carrierMessageId());
            for (Change change : changes) {
                if (change.transition().carrierMessageId() != null) ids.add(change.transition().carrierMessageId());
            }
            return ids;
        }

        /** {@code message} with the changes applied; applying them to a row that has them already changes nothing. */
        Message applyTo(Message message) {
            Message result = message;
            for (Change change : changes) {
                result = change.transition().applyTo(result);
            }
            return result;
        }

        /** The whole history; only for a message whose insert is here. */
        List<StatusChange> history() {
            List<StatusChange> history = new ArrayList<>(changes.size() + 1);
            history.add(new StatusChange(inserted.status(), inserted.createdAt(), inserted.lastError()));
            for (Change change : changes) {
                StatusTransition t = change.transition();
                history.add(new StatusChange(t.status(), t.at(), t.reason()));
            }
            return history;
        }
    }
}
