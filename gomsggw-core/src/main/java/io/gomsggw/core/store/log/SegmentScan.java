package io.gomsggw.core.store.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link MessageLog#open} finds on disk: the segment files in LSN order, each read through and
 * checked ({@link SegmentReader}). The tail of the last segment after its last whole record (a torn
 * write) is cut off and forced, with one WARN line, and a last segment left without records is
 * deleted; damage in an earlier segment throws {@link LogCorruptedException}. Runs on the opening
 * thread before anything appends.
 *
 * @param segments the segments left, oldest first, with their last LSN and size
 * @param lastLsn  the LSN of the last record on disk, 0 when none
 */
record SegmentScan(List<LogSegment> segments, long lastLsn) {
    private static final Logger log = LoggerFactory.getLogger(SegmentScan.class);
    private static final Pattern SEGMENT_NAME = Pattern.compile("\\d{20}\\.log");

    static SegmentScan scan(Path directory) throws IOException {
        List<LogSegment> segments = findSegments(directory);
        long diskLsn = 0;
        for (int i = 0; i < segments.size(); i++) {
            LogSegment segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            long fileSize = Files.size(segment.path);
            String problem;
            try (SegmentReader reader = new SegmentReader(segment, fileSize)) {
                while (reader.next(diskLsn)) {
                    diskLsn = reader.lsn;
                }
                segment.lastLsn = diskLsn;
                segment.size = reader.offset;
                problem = reader.problem;
                if (!last && problem != null) {
                    throw reader.corrupted();
                }
            }
            boolean empty = segment.size <= MessageLog.HEADER_BYTES;
            if (!last && empty) {
                throw new LogCorruptedException(segment.path, segment.size, "no records in a segment before the last");
            }
            if (last && (empty || segment.size < fileSize)) {
                cutTail(segment, fileSize, problem);
                if (empty) {
                    segments.remove(i);
                }
            }
        }
        return new SegmentScan(segments, diskLsn);
    }

    private static List<LogSegment> findSegments(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p ->
                            SEGMENT_NAME.matcher(p.getFileName().toString()).matches())
                    .map(p -> new LogSegment(
                            p, Long.parseLong(p.getFileName().toString().substring(0, 20))))
                    .sorted(Comparator.comparingLong(s -> s.firstLsn))
                    .collect(Collectors.toCollection(ArrayList::new));
        }
    }

    /** Cuts the last segment to its whole records, or deletes it when none is left, and forces that. */
    private static void cutTail(LogSegment segment, long fileSize, String problem) throws IOException {
        boolean empty = segment.size <= MessageLog.HEADER_BYTES;
        log.warn(
                "Cut {} bytes of a torn write off the end of message log segment {} at offset {} ({}){}",
                fileSize - (empty ? 0 : segment.size),
                segment.path,
                segment.size,
                problem == null ? "no record after the header" : problem,
                empty ? "; deleted the segment" : "");
        if (empty) {
            Files.delete(segment.path);
            syncDirectory(segment.path.getParent());
        } else {
            try (FileChannel file = FileChannel.open(segment.path, StandardOpenOption.WRITE)) {
                file.truncate(segment.size);
                file.force(true);
            }
        }
    }

    /** Makes file creations and deletions in {@code directory} durable (POSIX; not supported on Windows). */
    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
