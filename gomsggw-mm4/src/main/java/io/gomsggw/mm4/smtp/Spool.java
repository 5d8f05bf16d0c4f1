package io.gomsggw.mm4.smtp;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A message body as it arrives: in a heap array up to the memory threshold, then in a temporary
 * file (created owner-only by {@link Files#createTempFile}). Written on the event loop (writes go to
 * the page cache, nothing is forced to disk); read by the receiver on any thread; deleted once.
 */
final class Spool implements SpooledMessage {
    private static final int INITIAL_CAPACITY = 8 * 1024;

    private final int memoryLimit;
    private final Path directory;
    private byte[] memory;
    private int memoryLength;
    private Path file;
    private FileChannel out;
    private long size;
    private volatile boolean deleted;

    Spool(int memoryLimit, Path directory) {
        this.memoryLimit = memoryLimit;
        this.directory = directory;
        this.memory = new byte[Math.min(INITIAL_CAPACITY, memoryLimit)];
    }

    /** Appends the readable bytes of {@code chunk} (not consumed, not released). */
    void write(ByteBuf chunk) throws IOException {
        int n = chunk.readableBytes();
        if (file == null && memoryLength + (long) n <= memoryLimit) {
            if (memoryLength + n > memory.length) {
                memory = Arrays.copyOf(memory, Math.min(memoryLimit, Math.max(memory.length * 2, memoryLength + n)));
            }
            chunk.getBytes(chunk.readerIndex(), memory, memoryLength, n);
            memoryLength += n;
        } else {
            if (file == null) {
                spill();
            }
            int index = chunk.readerIndex();
            int left = n;
            while (left > 0) {
                int written = chunk.getBytes(index, out, out.position(), left);
                out.position(out.position() + written);
                index += written;
                left -= written;
            }
        }
        size += n;
    }

    private void spill() throws IOException {
        file = Files.createTempFile(directory, "mm4-", ".msg");
        out = FileChannel.open(file, StandardOpenOption.WRITE);
        out.write(ByteBuffer.wrap(memory, 0, memoryLength));
        memory = null;
        memoryLength = 0;
    }

    /** The body is complete: closes the file for writing. */
    SpooledMessage finish() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
        return this;
    }

    /** Frees the memory and deletes the file; idempotent, never throws. */
    void delete() {
        deleted = true;
        memory = null;
        try {
            if (out != null) {
                out.close();
            }
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            SmtpLog.LOG.warn("mm4 smtp: cannot delete spool file file={} error={}", file, e.toString());
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public InputStream openStream() throws IOException {
        if (deleted) {
            throw new IOException("the spooled message was already deleted");
        }
        byte[] inMemory = memory;
        return file != null ? Files.newInputStream(file) : new ByteArrayInputStream(inMemory, 0, memoryLength);
    }

    @Override
    public boolean onDisk() {
        return file != null;
    }
}
