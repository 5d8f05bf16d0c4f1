package io.gomsggw.core.store.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/** Reads the frames of one segment in order, up to {@code limit} bytes, checking each. */
final class SegmentReader implements Closeable {
    private static final int READ_BUFFER_BYTES = 256 * 1024;

    private final LogSegment segment;
    private final FileChannel file;
    private final long limit;
    private final CRC32C crc = new CRC32C();
    /** Read mode; its position is at file offset {@link #offset}. */
    private ByteBuffer buffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES).limit(0);
    /** File offset after the last good frame: of the frame to read next, or of the one that failed. */
    long offset;
    /** LSN of the frame last read. */
    long lsn;
    /** Why the frame at {@link #offset} failed, or null. */
    String problem;

    private int payloadLength;

    SegmentReader(LogSegment segment, long limit) throws IOException {
        this.segment = segment;
        this.limit = limit;
        this.file = FileChannel.open(segment.path, StandardOpenOption.READ);
        try {
            readHeader();
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    private void readHeader() throws IOException {
        if (limit < MessageLog.HEADER_BYTES) {
            problem = "incomplete header";
            return;
        }
        fill(MessageLog.HEADER_BYTES);
        if (buffer.getInt() != MessageLog.MAGIC) {
            throw new LogCorruptedException(segment.path, 0, "not a message log segment (bad magic)");
        }
        int version = buffer.getInt();
        if (version != MessageLog.VERSION) {
            throw new LogCorruptedException(segment.path, 4, "unknown format version " + version);
        }
        offset = MessageLog.HEADER_BYTES;
    }

    /** Reads the next frame; false at the end or at a frame that fails a check ({@link #problem}). */
    boolean next(long previousLsn) throws IOException {
        long left = limit - offset;
        if (problem != null || left == 0) {
            return false;
        }
        if (left < MessageLog.FRAME_HEADER_BYTES) {
            return fail("incomplete frame header");
        }
        fill(MessageLog.FRAME_HEADER_BYTES);
        int start = buffer.position();
        int length = buffer.getInt(start);
        if (length < 0 || length > left - MessageLog.FRAME_HEADER_BYTES) {
            return fail("frame length " + length + " with " + (left - MessageLog.FRAME_HEADER_BYTES) + " bytes left");
        }
        fill(MessageLog.FRAME_HEADER_BYTES + length);
        start = buffer.position();
        int end = start + MessageLog.FRAME_HEADER_BYTES + length;
        int filled = buffer.limit();
        crc.reset();
        crc.update(buffer.limit(end).position(start + 8));
        buffer.limit(filled).position(start);
        if ((int) crc.getValue() != buffer.getInt(start + 4)) {
            return fail("checksum mismatch");
        }
        long frameLsn = buffer.getLong(start + 8);
        if (offset == MessageLog.HEADER_BYTES && frameLsn != segment.firstLsn) {
            return fail("first record has LSN " + frameLsn + ", not the one in the file name");
        }
        if (frameLsn <= previousLsn) {
            return fail("LSN " + frameLsn + " not after " + previousLsn);
        }
        lsn = frameLsn;
        payloadLength = length;
        buffer.position(end);
        offset += MessageLog.FRAME_HEADER_BYTES + length;
        return true;
    }

    /** Decodes the frame last read. */
    LogRecord record() throws LogCorruptedException {
        try {
            return LogRecordCodec.decode(buffer.slice(buffer.position() - payloadLength, payloadLength));
        } catch (RuntimeException e) {
            throw new LogCorruptedException(
                    segment.path,
                    offset - MessageLog.FRAME_HEADER_BYTES - payloadLength,
                    "cannot decode record " + lsn + ": " + e,
                    e);
        }
    }

    LogCorruptedException corrupted() {
        return new LogCorruptedException(segment.path, offset, problem);
    }

    private boolean fail(String why) {
        problem = why;
        return false;
    }

    /** Makes {@code bytes} bytes from {@link #offset} on available in the buffer; the caller knows they are within the limit. */
    private void fill(int bytes) throws IOException {
        if (buffer.remaining() >= bytes) {
            return;
        }
        if (buffer.capacity() < bytes) {
            ByteBuffer bigger = ByteBuffer.allocateDirect(Math.max(bytes, buffer.capacity() * 2));
            buffer = bigger.put(buffer);
        } else {
            buffer.compact();
        }
        long filePosition = offset + buffer.position();
        buffer.limit((int) Math.min(buffer.capacity(), buffer.position() + (limit - filePosition)));
        while (buffer.position() < bytes) {
            int read = file.read(buffer, offset + buffer.position());
            if (read < 0) {
                throw new LogCorruptedException(
                        segment.path, offset + buffer.position(), "file ends before " + limit + " bytes");
            }
        }
        buffer.flip();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
