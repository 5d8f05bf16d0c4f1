package io.gomsggw.core.store;

/** A store could not do what was asked: the database is unreachable, a statement failed. Unchecked. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
