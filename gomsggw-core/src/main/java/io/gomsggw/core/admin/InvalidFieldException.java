package io.gomsggw.core.admin;

import java.util.Objects;

/** A request field is missing or has a value the gateway does not accept (HTTP 400). */
public final class InvalidFieldException extends AdminException {
    private final String field;

    /**
     * @param field   the field in API terms ({@code snake_case}, e.g. {@code timezone})
     * @param message the whole message for the caller; it names the field
     */
    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** A field that has a value but not an acceptable one: {@code invalid value for field 'f': reason}. */
    public static InvalidFieldException invalid(String field, String reason) {
        return new InvalidFieldException(field, "invalid value for field '" + field + "': " + reason);
    }

    /** A required field that is absent, null or blank. */
    public static InvalidFieldException missing(String field) {
        return new InvalidFieldException(field, "missing required field '" + field + "'");
    }

    /** The field in API terms. */
    public String field() {
        return field;
    }
}
