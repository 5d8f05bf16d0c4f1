package io.gomsggw.server.database;

import io.gomsggw.server.config.ConfigException;
import io.gomsggw.server.secrets.DataDirectory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The embedded database is single-node: this lock on {@code <data>/gomsggw.lock} keeps a second
 * server, in another process or in the same one, off a data directory that a server already uses.
 * The operating system releases it when the process ends, however it ends, so a killed server
 * leaves nothing to clean up.
 */
public final class EmbeddedLock implements AutoCloseable {
    static final String FILE_NAME = "gomsggw.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private EmbeddedLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @throws ConfigException naming {@code GOMSGGW_DATA_DIR} when another server holds the directory
     */
    public static EmbeddedLock acquire(DataDirectory dataDirectory) {
        Path file = dataDirectory.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(dataDirectory);
            }
            return new EmbeddedLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw inUse(dataDirectory);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ConfigException("GOMSGGW_DATA_DIR", "cannot lock '" + file + "': " + e.getMessage());
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static ConfigException inUse(DataDirectory dataDirectory) {
        return new ConfigException(
                "GOMSGGW_DATA_DIR",
                "another gomsggw server is running on '" + dataDirectory
                        + "'; the embedded database serves one node only: stop the other server, give this one its own "
                        + "data directory, or run several nodes on PostgreSQL (docs/scale-out.md)");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing held yet
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }
}
