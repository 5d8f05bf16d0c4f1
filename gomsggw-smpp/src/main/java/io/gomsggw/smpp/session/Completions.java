package io.gomsggw.smpp.session;

import java.util.concurrent.CompletionException;

/** Helpers for the failures that completion stages report. */
final class Completions {
    private Completions() {}

    /** The failure itself, without the {@link CompletionException}s that wrap it. */
    static Throwable cause(Throwable error) {
        Throwable t = error;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Failures that are part of operation (I/O, timeouts, refusals), logged without a stack trace. */
    static boolean expected(Throwable cause) {
        return !(cause instanceof RuntimeException || cause instanceof Error)
                || cause instanceof SmppSendException
                || cause instanceof SmppBindException;
    }
}
