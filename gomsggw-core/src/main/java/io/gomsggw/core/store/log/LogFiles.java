package io.gomsggw.core.store.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file operations the {@link MessageLog} writes through: creating a file to append to, and
 * forcing a directory's entries. {@link #SYSTEM} uses {@link FileChannel}; tests wrap it to watch
 * or fail writes and forces (a full disk, the order of a force and an acknowledgement).
 *
 * <p>Threading: the log calls it holding its own lock, one call at a time, except {@link #delete} of
 * a closed segment, which may run while another call does. Errors: {@link IOException}.
 */
public interface LogFiles {
    /** Files on the local file system through {@link FileChannel}. */
    LogFiles SYSTEM = new LogFiles() {
        @Override
        public AppendFile create(Path path) throws IOException {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return new AppendFile() {
                @Override
                public void write(ByteBuffer bytes) throws IOException {
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                }

                @Override
                public void force() throws IOException {
                    channel.force(false);
                }

                @Override
                public void truncate(long size) throws IOException {
                    channel.truncate(size);
                    channel.position(size);
                }

                @Override
                public void close() throws IOException {
                    channel.close();
                }
            };
        }

        @Override
        public void syncDirectory(Path directory) throws IOException {
            try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
                dir.force(true);
            }
        }

        @Override
        public void delete(Path path) throws IOException {
            Files.deleteIfExists(path);
        }
    };

    /** Creates {@code path}, which must not exist, for appending. */
    AppendFile create(Path path) throws IOException;

    /** Makes file creations and deletions in {@code directory} durable (POSIX; not supported on Windows). */
    void syncDirectory(Path directory) throws IOException;

    /** Deletes {@code path} if it exists. */
    void delete(Path path) throws IOException;

    /** A file open for appending at its end. Not thread-safe. */
    interface AppendFile extends AutoCloseable {
        /** Writes all of {@code bytes} at the end of the file; on failure some of them may be written. */
        void write(ByteBuffer bytes) throws IOException;

        /** Returns once every byte written so far is on the device ({@code fdatasync}). */
        void force() throws IOException;

        /** Cuts the file to {@code size} bytes; the next write goes there. */
        void truncate(long size) throws IOException;

        @Override
        void close() throws IOException;
    }
}
