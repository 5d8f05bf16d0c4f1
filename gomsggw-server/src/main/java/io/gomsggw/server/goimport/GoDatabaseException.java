package io.gomsggw.server.goimport;

/** The Go gateway's database cannot be reached or read, or is not a Go gateway's; the message is one line. */
final class GoDatabaseException extends RuntimeException {
    GoDatabaseException(String message) {
        super(message);
    }

    GoDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
