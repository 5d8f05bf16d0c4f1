package io.gomsggw.core.cluster;

import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.store.SharedVersions;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's {@link Directory} in step with changes made on other nodes. A change made here
 * (through the admin API, or a reload) bumps the shared version {@code directory} and signals the
 * others; a node that hears the signal, or finds on its periodic look (every {@code poll}) a
 * version other than the one its directory was read at, reloads it. The signal makes it
 * immediate; the look makes it certain, within {@code poll}, even when a signal is lost.
 *
 * <p>Threading: thread-safe; reloads run on a daemon thread of its own, one at a time.
 */
public final class DirectorySync implements AutoCloseable {
    /** The channel of the signal and the name of the shared version. */
    public static final String DIRECTORY = "directory";

    private static final Logger log = LoggerFactory.getLogger(DirectorySync.class);

    private final Directory directory;
    private final SharedVersions versions;
    private final ClusterSignals signals;
    private final ScheduledExecutorService thread;
    private final Object lock = new Object();
    private long seen; // guarded by lock: the version the directory was last read at (or later)

    private DirectorySync(Directory directory, SharedVersions versions, ClusterSignals signals) {
        this.directory = directory;
        this.versions = versions;
        this.signals = signals;
        this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "gomsggw-directory-sync");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts following the other nodes' changes and announcing this node's. Call after the
     * directory's first load.
     */
    public static DirectorySync start(
            Directory directory, SharedVersions versions, ClusterSignals signals, Duration poll) {
        DirectorySync sync = new DirectorySync(directory, versions, signals);
        synchronized (sync.lock) {
            sync.seen = versions.read(DIRECTORY);
        }
        directory.announceChangesWith(sync::announce);
        signals.subscribe(DIRECTORY, () -> sync.thread.execute(sync::check));
        sync.thread.scheduleWithFixedDelay(sync::check, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        return sync;
    }

    /** After a change here: a new version for the others to see, and a signal to look now. */
    private void announce() {
        try {
            synchronized (lock) {
                long before = seen;
                long now = versions.bump(DIRECTORY);
                // Another node's bump in between: this node may not have read its change yet.
                if (now == before + 1) {
                    seen = now;
                }
            }
            signals.send(DIRECTORY);
        } catch (RuntimeException e) {
            log.atWarn()
                    .addKeyValue("error", e.toString())
                    .log("directory change not announced to other nodes; they see it at their next reload");
        }
    }

    /** Reloads when the shared version moved past the one this node's directory was read at. */
    private void check() {
        try {
            synchronized (lock) {
                long current = versions.read(DIRECTORY);
                if (current != seen) {
                    directory.refresh();
                    seen = current;
                    log.atDebug()
                            .addKeyValue("version", current)
                            .log("directory reloaded after a change on another node");
                }
            }
        } catch (RuntimeException e) {
            log.atWarn().addKeyValue("error", e.toString()).log("directory check failed; retrying");
        }
    }

    @Override
    public void close() {
        directory.announceChangesWith(() -> {});
        thread.shutdownNow();
    }
}
