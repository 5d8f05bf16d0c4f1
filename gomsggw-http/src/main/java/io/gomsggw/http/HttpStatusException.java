package io.gomsggw.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Objects;

/**
 * A request refused with a given status and a message for the caller, such as a body that is not
 * JSON. Carries no stack trace: it describes the request, not a fault of the gateway.
 */
public final class HttpStatusException extends RuntimeException {
    private final HttpResponseStatus status;
    private final String field;

    /**
     * @param status  the response status (a 4xx)
     * @param message the message for the caller
     * @param field   the request field at fault, or null
     */
    public HttpStatusException(HttpResponseStatus status, String message, String field) {
        super(message, null, false, false);
        this.status = Objects.requireNonNull(status, "status");
        this.field = field;
    }

    /** 400 for a request field with a value of the wrong kind. */
    public static HttpStatusException invalidField(String field, String reason) {
        return new HttpStatusException(
                HttpResponseStatus.BAD_REQUEST, "invalid value for field '" + field + "': " + reason, field);
    }

    public HttpResponseStatus status() {
        return status;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }
}
