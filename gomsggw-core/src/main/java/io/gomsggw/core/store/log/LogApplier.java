package io.gomsggw.core.store.log;

import io.gomsggw.core.store.log.UnappliedRecords.Logged;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The applier thread of a {@link LoggedMessageStore}: takes the batches that are due from
 * {@link UnappliedRecords} and writes them to the tables ({@link LogTarget#writeAll}), one
 * transaction per batch, with the later changes of their messages already logged, so most messages
 * reach the tables in their final state with one insert. Then it drops the applied messages from
 * the overlay ({@link PendingMessages}) and deletes the log segments the tables hold entirely.
 *
 * <p>Errors: a record the tables refuse on its own (not the database being down) is logged with
 * its LSN and skipped; while the database fails, the batch is retried with back-off (1 s doubling
 * to 30 s) and nothing is skipped; {@link #failure()} says why meanwhile.
 *
 * <p>Threading: everything but {@link #failure()}, {@link #isAlive()} and {@link #join} runs on the
 * applier thread.
 */
final class LogApplier {
    private static final Logger log = LoggerFactory.getLogger(LogApplier.class);
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);
    /**
     * When forcing, the tables are forced after a batch at least this often, not only before a
     * log segment is deleted. The database's writes reach the operating system at each commit
     * and the device when it gets to them; forced only once a segment could go (every two
     * seconds at 650 MMS/s), each force carried seconds of table writes (70 ms at the median, up to
     * 225 ms), and the log's own forces, and the acknowledgements waiting for them, queued behind
     * it. Small forces often keep the device's queue short: a test program appending to one file
     * while another file took 60 MB/s saw its forces at most 16 ms with the other forced every
     * 200 ms, and up to 780 ms with it forced every 2 s.
     */
    static final Duration SYNC_INTERVAL = Duration.ofMillis(200);

    private final LogTarget target;
    private final MessageLog messageLog;
    private final boolean force;
    private final UnappliedRecords unapplied;
    private final PendingMessages pending;
    /** LSNs above the applied position already in the tables ({@link #laterChanges}); applier thread only. */
    private final Set<Long> writtenAhead = new HashSet<>();
    /** Why the applier's last attempt failed, or null after a success. */
    private volatile String failure;
    /** System.nanoTime of the last force of the tables; applier thread only. */
    private long lastSync = System.nanoTime() - SYNC_INTERVAL.toNanos();

    private final Thread thread;

    LogApplier(
            LogTarget target,
            MessageLog messageLog,
            boolean force,
            UnappliedRecords unapplied,
            PendingMessages pending) {
        this.target = target;
        this.messageLog = messageLog;
        this.force = force;
        this.unapplied = unapplied;
        this.pending = pending;
        this.thread = new Thread(this::applyLoop, "gomsggw-log-applier");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    void join(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
    }

    /** Why the last write to the tables failed, or null after a success. */
    String failure() {
        return failure;
    }

    private void applyLoop() {
        long retryDelay = 0;
        while (true) {
            List<Logged> batch = unapplied.nextBatch();
            if (batch == null) return;
            try {
                apply(batch);
                retryDelay = 0;
                failure = null;
            } catch (RuntimeException e) {
                failure = e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage());
                if (unapplied.isClosed()) {
                    log.warn(
                            "message log not written to the database at close unapplied={} error={}; it is applied at the next start",
                            unapplied.size(),
                            e.toString());
                    return;
                }
                retryDelay = retryDelay == 0 ? 1_000 : Math.min(retryDelay * 2, MAX_RETRY_DELAY.toMillis());
                log.warn(
                        "message log not written to the database, retrying in {} ms unapplied={} error={}",
                        retryDelay,
                        unapplied.size(),
                        e.toString());
                sleep(retryDelay);
            }
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
        ahead.forEach(entry -> pending.forgetIfApplied(entry.messageId(), entry.lsn()));
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
            PendingMessages.Pending p = pending.get(id);
            if (p == null) continue;
            for (PendingMessages.Change change : p.changes()) {
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
        log.error(
                "message log record refused by the database and skipped lsn={} id={} error={}",
                record.lsn(),
                id,
                refusal.toString());
        applied(List.of(record), 1);
    }

    /** The first {@code count} records of {@code batch} are in the tables. */
    private void applied(List<Logged> batch, int count) {
        long through = batch.get(count - 1).lsn();
        // Before the position is published: a read that waited for it must find these messages in
        // the tables, not (partly) in memory.
        for (int i = 0; i < count; i++) {
            pending.forgetIfApplied(batch.get(i).entry().messageId(), through);
        }
        unapplied.appliedThrough(through);
        try {
            boolean deletable = messageLog.canDeleteThrough(through);
            long now = System.nanoTime();
            if (force && (deletable || now - lastSync >= SYNC_INTERVAL.toNanos())) {
                target.sync();
                lastSync = now;
            }
            messageLog.deleteThrough(through);
        } catch (RuntimeException e) {
            log.warn("applied message log segment not deleted; retried after the next batch error={}", e.toString());
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
}
