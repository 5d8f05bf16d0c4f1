package io.gomsggw.core.store.log;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A segment of the {@link MessageLog} is damaged where a crash cannot have torn it (anywhere but
 * the end of the last segment), or has a header this version does not read. The message names the
 * file and the byte offset of the damage.
 */
public final class LogCorruptedException extends IOException {
    private final transient Path file;
    private final long offset;

    LogCorruptedException(Path file, long offset, String problem) {
        this(file, offset, problem, null);
    }

    LogCorruptedException(Path file, long offset, String problem, Throwable cause) {
        super("message log segment " + file + " is corrupt at offset " + offset + ": " + problem, cause);
        this.file = file;
        this.offset = offset;
    }

    /** The damaged segment file. */
    public Path file() {
        return file;
    }

    /** The byte offset in {@link #file()} of the damaged header or record frame. */
    public long offset() {
        return offset;
    }
}
