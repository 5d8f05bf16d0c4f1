package io.gomsggw.http;

/**
 * Answers one HTTP request. Runs on a worker thread of the server's executor, never on a Netty
 * event loop, so it may block (on a database, say).
 *
 * <p>A handler signals a refusal by throwing: an {@link HttpStatusException} or an
 * {@link io.gomsggw.core.admin.AdminException} becomes its status with a JSON
 * {@code {"error": …}} body, Jackson's parse errors become 400, anything else 500.
 */
@FunctionalInterface
public interface Handler {
    Response handle(Request request) throws Exception;
}
