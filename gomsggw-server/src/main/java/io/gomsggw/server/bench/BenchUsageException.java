package io.gomsggw.server.bench;

/** A mistake on the {@code bench} command line; the message names the option. */
public final class BenchUsageException extends RuntimeException {
    BenchUsageException(String message) {
        super(message);
    }
}
