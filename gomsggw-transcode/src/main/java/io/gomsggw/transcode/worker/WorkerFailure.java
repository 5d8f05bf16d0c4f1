package io.gomsggw.transcode.worker;

import java.util.Locale;

/** A worker process that is lost: it did not start, died, hung or broke the protocol. */
final class WorkerFailure extends Exception {
    /** Why the worker is lost; its lower-case name labels the restart metric. */
    enum Reason {
        /** It did not start, or ended or hung before its hello. */
        START_FAILED,
        /** It ended by a signal or with a non-zero status (a native crash, the JVM out of memory, a kill). */
        CRASHED,
        /** It ended with status 0 while it had a job. */
        EXITED,
        /** It was still busy past the job's limit and was killed. */
        TIMEOUT,
        /** It wrote something that is not a frame, or a frame over its limit, and was killed. */
        PROTOCOL;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    WorkerFailure(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
