package io.gomsggw.core.store.log;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovery at open: writes to the tables the records a crash left in the log after the tables'
 * applied LSN, {@code maxBatch} per transaction, less the changes a row has already
 * ({@link LogTarget#lastLsns}: the applier writes a message's later changes ahead of its applied
 * position). Runs on the opening thread before the applier starts.
 */
final class LogReplay {
    private static final Logger log = LoggerFactory.getLogger(LogReplay.class);

    private LogReplay() {}

    /**
     * Replays the records of {@code messageLog} after {@code applied} into {@code target}.
     *
     * @return the LSN the tables hold everything through afterwards
     */
    static long replay(MessageLog messageLog, LogTarget target, long applied, int maxBatch) throws IOException {
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
}
