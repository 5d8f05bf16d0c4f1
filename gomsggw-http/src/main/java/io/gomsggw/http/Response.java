package io.gomsggw.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP response: status, the body's bytes and extra headers. Immutable. Bodies are JSON unless
 * built with {@link #binary}: the server adds {@code Content-Type: application/json} when no
 * {@code Content-Type} header is set, and always {@code Content-Length}. Build bodies from objects
 * with {@link JsonCodec}; error bodies with {@link #error}.
 */
public final class Response {
    private final HttpResponseStatus status;
    private final byte[] body;
    private final Map<String, String> headers;

    private Response(HttpResponseStatus status, byte[] body, Map<String, String> headers) {
        this.status = Objects.requireNonNull(status, "status");
        this.body = Objects.requireNonNull(body, "body");
        this.headers = Map.copyOf(headers);
    }

    /** A response whose body is already-encoded JSON. */
    public static Response json(HttpResponseStatus status, byte[] jsonBody) {
        return new Response(status, jsonBody.clone(), Map.of());
    }

    /** A response whose body is not JSON, such as an image, with its {@code Content-Type}. */
    public static Response binary(HttpResponseStatus status, String contentType, byte[] body) {
        Objects.requireNonNull(contentType, "contentType");
        return new Response(status, body.clone(), Map.of("Content-Type", contentType));
    }

    /** {@code {"error": message}}. */
    public static Response error(HttpResponseStatus status, String message) {
        return error(status, message, null);
    }

    /** {@code {"error": message, "field": field}}, without {@code field} when it is null. */
    public static Response error(HttpResponseStatus status, String message, String field) {
        StringBuilder json =
                new StringBuilder("{\"error\":\"").append(quote(message)).append('"');
        if (field != null) {
            json.append(",\"field\":\"").append(quote(field)).append('"');
        }
        json.append('}');
        return new Response(status, json.toString().getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static char[] quote(String text) {
        return JsonStringEncoder.getInstance().quoteAsString(text == null ? "" : text);
    }

    /** This response with one more header (replacing one of the same name). */
    public Response withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, body, more);
    }

    public HttpResponseStatus status() {
        return status;
    }

    /** A copy of the body's bytes. */
    public byte[] body() {
        return body.clone();
    }

    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public String toString() {
        return "Response[" + status.code() + ", " + body.length + " bytes]";
    }
}
