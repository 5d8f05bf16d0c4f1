package io.gomsggw.core.store.log;

import java.nio.file.Path;

/** One segment file; {@code lastLsn} and {@code size} grow while it is appended to. */
final class LogSegment {
    final Path path;
    final long firstLsn;
    long lastLsn;
    long size;

    LogSegment(Path path, long firstLsn) {
        this.path = path;
        this.firstLsn = firstLsn;
        this.lastLsn = firstLsn - 1;
    }
}
