package io.gomsggw.transcode.worker;

import io.gomsggw.transcode.detect.MediaType;

/** What a worker answers to a {@link JobRequest}. */
sealed interface JobResult {
    /** The request's {@link JobRequest#id()}. */
    long id();

    /** The part re-encoded to {@code type}, within the budget. */
    record Done(long id, MediaType type, byte[] content) implements JobResult {}

    /** The part cannot be made to fit: a {@link io.gomsggw.core.spi.TranscodeException}'s code and message. */
    record Refused(long id, String code, String message) implements JobResult {}
}
