package io.gomsggw.core.store.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only log of {@link LogRecord}s in segment files, each record numbered by a log
 * sequence number (LSN) that strictly increases through the log.
 *
 * <h2>Format</h2>
 * All numbers big-endian.
 * <ul>
 *   <li>The directory holds segment files named {@code <first LSN, 20 digits zero-padded>.log};
 *       other files are ignored. The first record of a segment has the LSN of its name; each record
 *       has a larger LSN than the one before it, in the same or an earlier segment.
 *   <li>A segment starts with an 8-byte header: the magic {@code "GWML"} and the int format version
 *       {@value #VERSION}. Other versions are refused.
 *   <li>Then record frames: int payload length, int CRC32C of the LSN and payload bytes, long LSN,
 *       and the payload as {@link LogRecordCodec} writes it.
 * </ul>
 * A segment is written by one process run only: after {@link #open} the first append starts a new
 * segment, as it does after {@link #rotate()}, after {@link #recover()} and once the segment holds
 * 64 MiB or more. An append writes its frames (with the header, when it starts a segment) in one
 * write, and with {@code force} forces them to the device before it returns: one force per append,
 * however many records it holds. A segment is forced to the device when it is closed (rotation,
 * {@link #close()}), even without {@code force}, so only the last segment can be torn by a crash.
 * Every write and force goes through {@link LogFiles}.
 *
 * <h2>Recovery</h2>
 * {@link #open} reads every frame and checks length bounds, checksum and LSN order. In the last
 * segment, the first frame that fails (torn, or damaged in any other way: a flipped bit cannot be
 * told from a torn write) and everything after it is cut off, with one WARN line; a last segment
 * left without records is deleted. The cut is forced to the device. Anything wrong in an earlier
 * segment, or in a segment header, throws {@link LogCorruptedException}.
 *
 * <h2>Threads</h2>
 * All methods synchronize on the log, except {@link #lastLsn()} and {@link #sizeBytes()}, which
 * read volatile fields, and {@link #deleteThrough}, which deletes the files outside the lock. It
 * is meant for one appender thread that also rotates; {@link #deleteThrough} may come from another
 * thread (one at a time).
 *
 * <h2>Write failures</h2>
 * An I/O failure of an append (a full disk) makes that and later appends throw {@link
 * UncheckedIOException} until {@link #recover()} succeeds: it cuts the segment back to its last
 * whole append (or deletes it when it holds none), proves with a probe file that the directory
 * takes writes and forces again, and the next append starts a new segment. The records of the
 * failed append are not in the log then (nothing of them was acknowledged); every earlier record
 * is.
 *
 * <p>Reading a segment's frames is {@link SegmentReader}'s job, finding the segments and cutting a
 * torn tail at open {@link SegmentScan}'s.
 */
public final class MessageLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MessageLog.class);

    /** Receives records in log order. */
    @FunctionalInterface
    public interface Visitor {
        void accept(long lsn, LogRecord record);
    }

    static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;
    static final int HEADER_BYTES = 8;
    static final int FRAME_HEADER_BYTES = 16;
    static final int MAGIC = 0x47574D4C; // "GWML"
    static final int VERSION = 1;

    /** The file {@link #recover()} writes to find out whether the disk takes writes again. */
    static final String PROBE_FILE = "write-probe.tmp";

    private static final int PROBE_BYTES = 64 * 1024;

    private final Path directory;
    private final LogFiles files;
    private final boolean force;
    private final long maxSegmentBytes;
    private final LogRecordCodec codec = new LogRecordCodec();
    private final CRC32C crc = new CRC32C();
    /** Oldest first. */
    private final Deque<LogSegment> segments;
    /** The last segment, open for appending; null when the next append starts a new segment. */
    private LogFiles.AppendFile channel;

    private volatile IOException failure;
    private boolean closed;
    private volatile long lastLsn;
    private volatile long totalBytes;

    private MessageLog(
            Path directory,
            LogFiles files,
            boolean force,
            long maxSegmentBytes,
            List<LogSegment> segments,
            long lastLsn) {
        this.directory = directory;
        this.files = files;
        this.force = force;
        this.maxSegmentBytes = maxSegmentBytes;
        this.segments = new ArrayDeque<>(segments);
        this.lastLsn = lastLsn;
        this.totalBytes = segments.stream().mapToLong(s -> s.size).sum();
    }

    /**
     * Opens (creating the directory if needed) the log in {@code directory}. The tail of the last
     * segment after its last whole, checksummed record (a write torn by a crash) is cut off, with
     * one WARN line saying how many bytes. Damage anywhere else throws LogCorruptedException naming
     * the file and offset. The next record gets an LSN larger than every record on disk and larger
     * than {@code appliedLsn} (what the caller has already applied elsewhere; 0 = nothing).
     *
     * @param force when true every append is forced to the device ({@code FileChannel.force(false)})
     */
    public static MessageLog open(Path directory, long appliedLsn, boolean force) throws IOException {
        return open(directory, appliedLsn, force, LogFiles.SYSTEM, DEFAULT_SEGMENT_BYTES);
    }

    /**
     * As {@link #open(Path, long, boolean)}, appending through {@code files} and starting a new
     * segment once one holds {@code maxSegmentBytes}.
     */
    static MessageLog open(Path directory, long appliedLsn, boolean force, LogFiles files, long maxSegmentBytes)
            throws IOException {
        if (appliedLsn < 0) {
            throw new IllegalArgumentException("appliedLsn " + appliedLsn);
        }
        Files.createDirectories(directory);
        SegmentScan scan = SegmentScan.scan(directory);
        List<LogSegment> segments = scan.segments();
        long diskLsn = scan.lastLsn();
        files.delete(directory.resolve(PROBE_FILE));
        return new MessageLog(directory, files, force, maxSegmentBytes, segments, Math.max(diskLsn, appliedLsn));
    }

    /**
     * Appends the records in order with one write (one force when forcing); they get consecutive
     * LSNs. Intended for one appender thread.
     *
     * @return the LSN of the last record; {@link #lastLsn()} for an empty list
     * @throws UncheckedIOException  on I/O failure, now or in an earlier append not yet {@link #recover() recovered}
     * @throws NullPointerException  for a transition without status or time; nothing is written then
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized long append(List<LogRecord> records) {
        if (closed) {
            throw new IllegalStateException("message log is closed");
        }
        if (failure != null) {
            throw new UncheckedIOException(
                    "message log in " + directory + " failed earlier: " + failure.getMessage(), failure);
        }
        if (records.isEmpty()) {
            return lastLsn;
        }
        boolean newSegment = channel == null || segments.getLast().size >= maxSegmentBytes;
        codec.clear();
        if (newSegment) {
            codec.reserve(HEADER_BYTES).putInt(MAGIC).putInt(VERSION);
        }
        long lsn = lastLsn;
        for (LogRecord record : records) {
            putFrame(++lsn, record);
        }
        ByteBuffer out = codec.buffer().flip();
        int bytes = out.remaining();
        try {
            if (newSegment) {
                startSegment(lastLsn + 1);
            }
            channel.write(out);
            if (force) {
                channel.force();
            }
        } catch (IOException e) {
            failure = e;
            throw new UncheckedIOException("cannot append to message log in " + directory, e);
        }
        LogSegment current = segments.getLast();
        current.lastLsn = lsn;
        current.size += bytes;
        totalBytes += bytes;
        lastLsn = lsn;
        return lsn;
    }

    /** Writes one frame at the codec buffer's position. */
    private void putFrame(long lsn, LogRecord record) {
        int start = codec.reserve(FRAME_HEADER_BYTES).position();
        codec.buffer().position(start + FRAME_HEADER_BYTES);
        codec.encode(record);
        ByteBuffer buffer = codec.buffer();
        int end = buffer.position();
        buffer.putLong(start + 8, lsn);
        crc.reset();
        crc.update(buffer.limit(end).position(start + 8));
        buffer.limit(buffer.capacity());
        buffer.putInt(start, end - start - FRAME_HEADER_BYTES).putInt(start + 4, (int) crc.getValue());
    }

    private void startSegment(long firstLsn) throws IOException {
        if (channel != null) {
            closeSegment();
        }
        Path path = directory.resolve(String.format("%020d.log", firstLsn));
        channel = files.create(path);
        segments.addLast(new LogSegment(path, firstLsn));
        if (force) {
            files.syncDirectory(directory);
        }
    }

    /** Forces and closes the segment being appended to. */
    private void closeSegment() throws IOException {
        try (LogFiles.AppendFile current = channel) {
            channel = null;
            current.force();
        }
    }

    /**
     * After a failed append: cuts the segment being appended to back to its last whole append
     * (deleting it when it has none), forces that, then writes, forces and deletes a probe file of
     * 64 KiB in the log's directory. When all of that succeeds, appends are taken again (starting a
     * new segment); otherwise the log stays failed and this can be tried again later. Does nothing
     * when the log has not failed.
     *
     * @throws IOException when the disk still does not take the writes
     */
    public synchronized void recover() throws IOException {
        if (failure == null || closed) {
            return;
        }
        if (channel != null) {
            LogSegment current = segments.getLast();
            if (current.size <= HEADER_BYTES) {
                channel.close();
                channel = null;
                files.delete(current.path);
                segments.removeLast();
                totalBytes -= current.size;
            } else {
                channel.truncate(current.size);
                channel.force();
                channel.close();
                channel = null;
            }
        }
        Path probe = directory.resolve(PROBE_FILE);
        files.delete(probe);
        try (LogFiles.AppendFile file = files.create(probe)) {
            file.write(ByteBuffer.allocate(PROBE_BYTES));
            file.force();
        } finally {
            files.delete(probe);
        }
        files.syncDirectory(directory);
        log.info("message log takes writes again directory={} failure=\"{}\"", directory, failure.getMessage());
        failure = null;
    }

    /** The failure that stops appends until {@link #recover()} succeeds, or null. */
    public IOException failure() {
        return failure;
    }

    /**
     * Calls the visitor for every record on disk with LSN &gt; {@code afterLsn}, in LSN order, on
     * this thread and holding the log's lock. Meant for start-up, before appends.
     *
     * @throws LogCorruptedException when a record fails its checks or cannot be decoded (damage
     *                               since {@link #open})
     */
    public synchronized void replay(long afterLsn, Visitor visitor) throws IOException {
        long previousLsn = 0;
        for (LogSegment segment : segments) {
            if (segment.lastLsn > afterLsn) {
                try (SegmentReader reader = new SegmentReader(segment, segment.size)) {
                    while (reader.next(previousLsn)) {
                        previousLsn = reader.lsn;
                        if (previousLsn > afterLsn) {
                            visitor.accept(previousLsn, reader.record());
                        }
                    }
                    if (reader.problem != null) {
                        throw reader.corrupted();
                    }
                }
            }
            previousLsn = segment.lastLsn;
        }
    }

    /**
     * The next append starts a new segment file (no-op when the current segment is empty). The
     * segment is forced and closed now.
     *
     * @throws UncheckedIOException when forcing or closing fails (the log is unusable then)
     */
    synchronized void rotate() {
        if (channel == null) {
            return;
        }
        try {
            closeSegment();
        } catch (IOException e) {
            failure = e;
            throw new UncheckedIOException("cannot close message log segment in " + directory, e);
        }
    }

    /**
     * Deletes every closed segment whose records all have LSN &lt;= {@code appliedLsn}, oldest
     * first; never the segment being appended to. A segment is closed by {@link #rotate()}, by
     * reaching the size limit, or by having been written before {@link #open}. The files are
     * deleted without holding the log's lock: unlinking a full segment can take the file system
     * tens of milliseconds, which an append (and the acknowledgements waiting for it) need not
     * wait for. Meant for one thread at a time.
     *
     * @return how many files were deleted
     * @throws UncheckedIOException when a file cannot be deleted (it and the later ones are kept)
     */
    public int deleteThrough(long appliedLsn) {
        List<LogSegment> doomed = new ArrayList<>();
        synchronized (this) {
            while (!segments.isEmpty()) {
                LogSegment oldest = segments.getFirst();
                boolean current = channel != null && segments.size() == 1;
                if (current || oldest.lastLsn > appliedLsn) {
                    break;
                }
                doomed.add(segments.removeFirst());
                totalBytes -= oldest.size;
            }
        }
        for (int i = 0; i < doomed.size(); i++) {
            LogSegment segment = doomed.get(i);
            try {
                files.delete(segment.path);
            } catch (IOException e) {
                keep(doomed.subList(i, doomed.size()));
                throw new UncheckedIOException("cannot delete message log segment " + segment.path, e);
            }
        }
        return doomed.size();
    }

    /** Puts back, oldest first, the segments {@link #deleteThrough} could not delete. */
    private synchronized void keep(List<LogSegment> undeleted) {
        for (int i = undeleted.size() - 1; i >= 0; i--) {
            LogSegment segment = undeleted.get(i);
            segments.addFirst(segment);
            totalBytes += segment.size;
        }
    }

    /** Whether {@link #deleteThrough}({@code appliedLsn}) would delete a segment now. */
    public synchronized boolean canDeleteThrough(long appliedLsn) {
        if (segments.isEmpty()) return false;
        boolean current = channel != null && segments.size() == 1;
        return !current && segments.getFirst().lastLsn <= appliedLsn;
    }

    /** LSN of the last record appended or found on disk, or the {@code appliedLsn} of {@link #open} if larger. */
    public long lastLsn() {
        return lastLsn;
    }

    /** Bytes in all segment files. */
    long sizeBytes() {
        return totalBytes;
    }

    /**
     * Forces and closes the segment being appended to; idempotent. Later appends throw
     * {@link IllegalStateException}.
     *
     * @throws UncheckedIOException when forcing or closing fails
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (channel != null) {
            try {
                closeSegment();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close message log segment in " + directory, e);
            }
        }
    }
}
