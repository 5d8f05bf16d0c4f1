package io.gomsggw.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.gomsggw.core.admin.AdminException;
import io.gomsggw.core.admin.ConflictException;
import io.gomsggw.core.admin.InvalidFieldException;
import io.gomsggw.core.admin.NotFoundException;
import io.gomsggw.core.store.DuplicateKeyException;
import io.gomsggw.core.store.StoreException;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what a handler threw into a response. Refusals (4xx) are logged at debug level in one
 * line without a stack trace; a store that fails (the database down or behind) is 503 with
 * {@code Retry-After: 1}, logged in one warning line; anything unexpected becomes 500
 * {@code {"error":"internal server error"}} and is logged once at error level with its stack trace.
 */
final class ErrorResponses {
    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    /** A refusal: status, message for the caller, and the request field at fault (or null). */
    private record Refusal(HttpResponseStatus status, String message, String field) {}

    Response toResponse(Request request, Exception e) {
        if (e instanceof StoreException && !(e instanceof DuplicateKeyException)) {
            // The database is down or behind: worth a retry, and one line, not a stack trace per request.
            log.warn(
                    "request failed, store unavailable method={} path={} error=\"{}\"",
                    request.method(),
                    request.path(),
                    e.getMessage());
            return Response.error(
                            HttpResponseStatus.SERVICE_UNAVAILABLE, "the message store is unavailable, retry later")
                    .withHeader("Retry-After", "1");
        }
        Refusal refusal = refusal(e);
        if (refusal == null) {
            log.error("request failed method={} path={}", request.method(), request.path(), e);
            return internalError();
        }
        log.debug(
                "request refused method={} path={} status={} error=\"{}\"",
                request.method(),
                request.path(),
                refusal.status().code(),
                refusal.message());
        return Response.error(refusal.status(), refusal.message(), refusal.field());
    }

    static Response internalError() {
        return Response.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal server error");
    }

    /** The refusal {@code e} stands for, or null when it is a fault of the gateway. */
    private static Refusal refusal(Exception e) {
        if (e instanceof HttpStatusException h) {
            return new Refusal(h.status(), h.getMessage(), h.field());
        }
        if (e instanceof AdminException a) {
            return adminRefusal(a);
        }
        if (e instanceof DuplicateKeyException d) {
            return new Refusal(HttpResponseStatus.CONFLICT, d.getMessage(), d.field());
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = m.getPath().get(m.getPath().size() - 1).getFieldName();
            if (field != null) {
                return new Refusal(HttpResponseStatus.BAD_REQUEST, "invalid value for field '" + field + "'", field);
            }
        }
        if (e instanceof JsonProcessingException j) {
            return new Refusal(HttpResponseStatus.BAD_REQUEST, notJson(j), null);
        }
        return null;
    }

    private static Refusal adminRefusal(AdminException e) {
        if (e instanceof InvalidFieldException i) {
            return new Refusal(HttpResponseStatus.BAD_REQUEST, i.getMessage(), i.field());
        }
        if (e instanceof ConflictException c) {
            return new Refusal(HttpResponseStatus.CONFLICT, c.getMessage(), c.field());
        }
        if (e instanceof NotFoundException) {
            return new Refusal(HttpResponseStatus.NOT_FOUND, e.getMessage(), null);
        }
        throw new IllegalStateException(
                "unknown admin exception " + e.getClass().getName());
    }

    private static String notJson(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return "request body is not valid JSON: " + e.getOriginalMessage() + where;
    }
}
