package io.gomsggw.core.store;

/**
 * A write would break a uniqueness rule (a username, a number, a carrier name taken).
 * {@link #field()} names the field in API terms ({@code username}, {@code number}, {@code name}).
 */
public final class DuplicateKeyException extends StoreException {
    private final String field;

    public DuplicateKeyException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
