package io.gomsggw.core.admin;

import java.util.Objects;

/**
 * The change would break a uniqueness or reference rule: a username, number or carrier name that is
 * taken, a carrier still used by numbers (HTTP 409).
 */
public final class ConflictException extends AdminException {
    private final String field;

    /**
     * @param field   the field in API terms that conflicts (e.g. {@code username})
     * @param message the message for the caller
     */
    public ConflictException(String field, String message) {
        super(message);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** The field in API terms that conflicts. */
    public String field() {
        return field;
    }
}
