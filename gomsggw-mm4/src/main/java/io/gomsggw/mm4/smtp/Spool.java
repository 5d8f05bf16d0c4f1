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
import java.util.ArrayList;
import java.util.List;

/**
 * A message body as it arrives: in heap chunks up to the memory threshold, then in a temporary file
 * (created owner-only by {@link Files#createTempFile}). Written on the event loop (writes go to the page
 * cache, nothing is forced to disk); read by the receiver on any thread; deleted once.
 *
 * <p>Memory: the chunks are never copied while the body grows; {@link #finish()} joins them into one array
 * of exactly the body's length, which {@link #bytes()} hands out as it is. The first chunk is as large as
 * the {@code SIZE} the client declared (when that fits in memory), so a body of the declared size is
 * written once into its final array and never copied.
 */
final class Spool implements SpooledMessage {
    private static final int CHUNK = 16 * 1024;

    private final int memoryLimit;
    private final Path directory;
    private final List<byte[]> fullChunks = new ArrayList<>();
    private byte[] chunk;
    private int chunkLength;
    private byte[] whole;
    private Path file;
    private FileChannel out;
    private long size;
    private volatile boolean deleted;

    /**
     * @param memoryLimit  the most bytes held in memory; a longer body goes to a file
     * @param directory    where the file goes
     * @param declaredSize the {@code SIZE} of {@code MAIL FROM}, 0 when none was given
     */
    Spool(int memoryLimit, Path directory, long declaredSize) {
        this.memoryLimit = memoryLimit;
        this.directory = directory;
        boolean hinted = declaredSize > 0 && declaredSize <= memoryLimit;
        this.chunk = new byte[hinted ? (int) declaredSize : Math.min(CHUNK, memoryLimit)];
    }

    /** Appends the readable bytes of {@code buf} (not consumed, not released). */
    void write(ByteBuf buf) throws IOException {
        int n = buf.readableBytes();
        if (file == null && size + n <= memoryLimit) {
            int index = buf.readerIndex();
            int left = n;
            while (left > 0) {
                if (chunkLength == chunk.length) {
                    fullChunks.add(chunk);
                    // size + left <= memoryLimit: the new chunk takes at least the rest of this buffer.
                    chunk = new byte[(int) Math.min(Math.max(CHUNK, left), memoryLimit - size)];
                    chunkLength = 0;
                }
                int k = Math.min(left, chunk.length - chunkLength);
                buf.getBytes(index, chunk, chunkLength, k);
                chunkLength += k;
                index += k;
                left -= k;
                size += k;
            }
            return;
        }
        if (file == null) {
            spill();
        }
        int index = buf.readerIndex();
        int left = n;
        while (left > 0) {
            int written = buf.getBytes(index, out, out.position(), left);
            out.position(out.position() + written);
            index += written;
            left -= written;
        }
        size += n;
    }

    private void spill() throws IOException {
        file = Files.createTempFile(directory, "mm4-", ".msg");
        out = FileChannel.open(file, StandardOpenOption.WRITE);
        for (byte[] full : fullChunks) {
            out.write(ByteBuffer.wrap(full));
        }
        out.write(ByteBuffer.wrap(chunk, 0, chunkLength));
        fullChunks.clear();
        chunk = null;
        chunkLength = 0;
    }

    /** The body is complete: closes the file for writing, or joins the chunks into one array. */
    SpooledMessage finish() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        } else if (file == null) {
            whole = joined();
            fullChunks.clear();
            chunk = null;
        }
        return this;
    }

    private byte[] joined() {
        if (fullChunks.isEmpty() && chunkLength == chunk.length) {
            return chunk;
        }
        byte[] all = new byte[(int) size];
        int at = 0;
        for (byte[] full : fullChunks) {
            System.arraycopy(full, 0, all, at, full.length);
            at += full.length;
        }
        System.arraycopy(chunk, 0, all, at, chunkLength);
        return all;
    }

    /** Frees the memory and deletes the file; idempotent, never throws. */
    void delete() {
        deleted = true;
        fullChunks.clear();
        chunk = null;
        whole = null;
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
        return file != null ? Files.newInputStream(readableFile()) : new ByteArrayInputStream(inMemory());
    }

    @Override
    public byte[] bytes() throws IOException {
        return file != null ? Files.readAllBytes(readableFile()) : inMemory();
    }

    private Path readableFile() throws IOException {
        if (deleted) {
            throw new IOException("the spooled message was already deleted");
        }
        return file;
    }

    private byte[] inMemory() throws IOException {
        byte[] joined = whole;
        if (deleted || joined == null) {
            throw new IOException("the spooled message was already deleted, or is not complete");
        }
        return joined;
    }

    @Override
    public boolean onDisk() {
        return file != null;
    }
}
