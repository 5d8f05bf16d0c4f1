package io.gomsggw.server.lifecycle;

/**
 * A failure to start that is not a configuration mistake, such as an unreachable database. Its
 * message is one line for the operator; the server prints it and exits with status 1.
 */
public final class StartupException extends RuntimeException {
    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
