package io.gomsggw.core.store.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link LogFiles#SYSTEM} with hooks: counts writes and forces, can hold every force until the
 * test lets it go, and can fail the next writes as a full disk does (writing half the bytes, then
 * throwing "No space left on device").
 */
class WatchedLogFiles implements LogFiles {
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger forces = new AtomicInteger();
    /** Writes still to fail. */
    final AtomicInteger failingWrites = new AtomicInteger();
    /** Forces still to fail (after counting them). */
    final AtomicInteger failingForces = new AtomicInteger();
    /** When not null, a force waits for a permit here, after counting down {@link #forceEntered}. */
    volatile Semaphore forcePermits;

    volatile CountDownLatch forceEntered = new CountDownLatch(1);

    @Override
    public AppendFile create(Path path) throws IOException {
        AppendFile file = SYSTEM.create(path);
        return new AppendFile() {
            @Override
            public void write(ByteBuffer bytes) throws IOException {
                writes.incrementAndGet();
                if (failingWrites.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    ByteBuffer half = bytes.duplicate();
                    half.limit(half.position() + half.remaining() / 2);
                    file.write(half);
                    throw new IOException("No space left on device");
                }
                file.write(bytes);
            }

            @Override
            public void force() throws IOException {
                forces.incrementAndGet();
                forceEntered.countDown();
                Semaphore permits = forcePermits;
                if (permits != null) {
                    permits.acquireUninterruptibly();
                }
                if (failingForces.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new IOException("Input/output error");
                }
                file.force();
            }

            @Override
            public void truncate(long size) throws IOException {
                file.truncate(size);
            }

            @Override
            public void close() throws IOException {
                file.close();
            }
        };
    }

    @Override
    public void syncDirectory(Path directory) throws IOException {
        SYSTEM.syncDirectory(directory);
    }

    @Override
    public void delete(Path path) throws IOException {
        SYSTEM.delete(path);
    }
}
