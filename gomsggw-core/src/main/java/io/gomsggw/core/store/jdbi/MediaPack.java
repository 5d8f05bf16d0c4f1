package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.store.StoreException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

/**
 * The bytes of message media on the embedded database, kept beside it instead of in its tables:
 * append-only files {@code media-000001.pack}, {@code media-000002.pack}, … of at most
 * {@value #MAX_FILE_BYTES} bytes each, in one directory. A {@code message_media} row then holds
 * no bytes but where they are ({@link Location}: file, offset, length and a CRC-32C of them).
 *
 * <p>Why: written into the tables, every photo of an MMS passed through the embedded database's
 * page buffers, its cache and its chunk writes; at a few hundred MMS a second that was the largest
 * allocator of the gateway (young collections every few hundred milliseconds) and the largest
 * writer on the disk the message log forces for each acknowledgement. Appended here, a photo is
 * one sequential write. Messages are never deleted, so nothing is ever removed from a pack.
 *
 * <p>Durability: {@link #append} hands the bytes to the operating system; {@link #force} (a no-op
 * when the pack was opened without forcing) puts everything appended so far on the device.
 * {@link MessageWrites} forces before the transaction that refers to the bytes commits, so a row
 * never points at bytes a power loss could take. Bytes appended by a transaction that then failed
 * stay in the file unreferenced; a crash may leave a torn tail nobody refers to either.
 *
 * <p>Threading: thread-safe. Appends and forces are serialized; reads are positional and run
 * concurrently with them.
 */
public final class MediaPack implements Closeable {
    /** The size past which a new file is started (a single larger part still fits in one file). */
    static final long MAX_FILE_BYTES = 1L << 30;

    private static final String PREFIX = "media-";
    private static final String SUFFIX = ".pack";

    private final Path directory;
    private final boolean forcing;
    private final long maxFileBytes;
    private final Map<Integer, FileChannel> readers = new ConcurrentHashMap<>();
    /** When forcing, the files appended to since the last force, the current one last; guarded by this. */
    private final List<FileChannel> unforced = new ArrayList<>();

    /** When forcing, whether a file was created since the last force, so its directory entry is forced too. */
    private boolean newFileUnforced;

    private int currentFile;
    private FileChannel current;
    private long position;
    private boolean closed;

    private MediaPack(Path directory, boolean forcing, long maxFileBytes, int lastFile) throws IOException {
        this.directory = directory;
        this.forcing = forcing;
        this.maxFileBytes = maxFileBytes;
        this.currentFile = Math.max(1, lastFile);
        openForAppend(currentFile);
    }

    /**
     * Opens the pack in {@code directory}, creating the directory when absent, and appends after
     * the last file's end. {@code forcing}: whether {@link #force} forces the files to the device
     * (the gateway's {@code DURABILITY=fsync}).
     */
    public static MediaPack open(Path directory, boolean forcing) throws IOException {
        return open(directory, forcing, MAX_FILE_BYTES);
    }

    static MediaPack open(Path directory, boolean forcing, long maxFileBytes) throws IOException {
        Files.createDirectories(directory);
        return new MediaPack(directory, forcing, maxFileBytes, lastFileNumber(directory));
    }

    /** Where one part's bytes are: the pack file's number, the offset in it, their length and CRC-32C. */
    public record Location(int file, long offset, int length, int crc) {}

    /** Appends {@code bytes} to the current file (starting a new one past the size limit). */
    public synchronized Location append(byte[] bytes) {
        if (closed) throw new StoreException("write media: the media pack " + directory + " is closed");
        try {
            if (position > 0 && position + bytes.length > maxFileBytes) {
                openForAppend(currentFile + 1);
            }
            long offset = position;
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                position += current.write(buffer, position);
            }
            if (forcing && (unforced.isEmpty() || unforced.get(unforced.size() - 1) != current)) unforced.add(current);
            return new Location(currentFile, offset, bytes.length, crc(bytes));
        } catch (IOException e) {
            throw new StoreException("write media to " + fileName(currentFile) + ": " + e.getMessage(), e);
        }
    }

    /** Forces every byte appended so far to the device; a no-op when the pack does not force. */
    public synchronized void force() {
        if (!forcing || unforced.isEmpty()) return;
        try {
            for (FileChannel channel : unforced) {
                channel.force(false);
                if (channel != current) channel.close();
            }
            unforced.clear();
            if (newFileUnforced) {
                try (FileChannel entries = FileChannel.open(directory, StandardOpenOption.READ)) {
                    entries.force(true);
                }
                newFileUnforced = false;
            }
        } catch (IOException e) {
            throw new StoreException("force media pack " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * The bytes at {@code location}.
     *
     * @throws StoreException when the file is missing or shorter, or the bytes are not those
     *     appended (their CRC-32C differs)
     */
    public byte[] read(Location location) {
        byte[] bytes = new byte[location.length()];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            FileChannel channel = reader(location.file());
            long at = location.offset();
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, at);
                if (n < 0) throw new StoreException("read media: " + where(location) + " is past the file's end");
                at += n;
            }
        } catch (NoSuchFileException e) {
            throw new StoreException("read media: " + fileName(location.file()) + " is missing from " + directory, e);
        } catch (IOException e) {
            throw new StoreException("read media at " + where(location) + ": " + e.getMessage(), e);
        }
        if (crc(bytes) != location.crc()) {
            throw new StoreException("read media: the bytes at " + where(location) + " are damaged (checksum differs)");
        }
        return bytes;
    }

    /** Forces what was appended (when forcing) and closes the files. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) return;
        try {
            force();
        } finally {
            closed = true;
            for (FileChannel channel : readers.values()) channel.close();
            current.close();
        }
    }

    private void openForAppend(int file) throws IOException {
        Path path = directory.resolve(fileName(file));
        newFileUnforced |= forcing && !Files.exists(path);
        FileChannel next = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        // A previous file still to be forced is closed by the next force.
        if (current != null && !unforced.contains(current)) current.close();
        current = next;
        currentFile = file;
        position = next.size();
    }

    private FileChannel reader(int file) throws IOException {
        FileChannel channel = readers.get(file);
        if (channel != null) return channel;
        synchronized (readers) {
            channel = readers.get(file);
            if (channel == null) {
                channel = FileChannel.open(directory.resolve(fileName(file)), StandardOpenOption.READ);
                readers.put(file, channel);
            }
            return channel;
        }
    }

    private static int lastFileNumber(Path directory) throws IOException {
        int last = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String number = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
                try {
                    last = Math.max(last, Integer.parseInt(number));
                } catch (NumberFormatException e) {
                    // Not one of ours; left alone.
                }
            }
        }
        return last;
    }

    static String fileName(int file) {
        return String.format(Locale.ROOT, "%s%06d%s", PREFIX, file, SUFFIX);
    }

    private String where(Location location) {
        return fileName(location.file()) + " offset " + location.offset();
    }

    private static int crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }
}
