package io.gomsggw.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads request bodies and writes response bodies as JSON. Java record components and bean
 * properties are written in {@code snake_case} ({@code smsDailyLimit} → {@code sms_daily_limit});
 * instants as ISO-8601 text; unknown request fields are ignored.
 *
 * <p>Threading: thread-safe; create one and share it.
 */
public final class JsonCodec {
    private final ObjectMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** 200 with {@code body} as JSON. */
    public Response ok(Object body) {
        return respond(HttpResponseStatus.OK, body);
    }

    /** 201 with {@code body} as JSON. */
    public Response created(Object body) {
        return respond(HttpResponseStatus.CREATED, body);
    }

    public Response respond(HttpResponseStatus status, Object body) {
        return Response.json(status, toJson(body));
    }

    /** {@code value} as JSON bytes, by the same rules as response bodies (for webhook bodies, say). */
    public byte[] toJson(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /**
     * The request body as a JSON object.
     *
     * @throws HttpStatusException     400 when the body is empty or not an object
     * @throws JsonProcessingException when the body is not JSON (the router answers 400)
     */
    public JsonFields readObject(Request request) throws JsonProcessingException {
        byte[] body = request.bodyBytes();
        if (body.length == 0) {
            throw new HttpStatusException(HttpResponseStatus.BAD_REQUEST, "request body must be a JSON object", null);
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new HttpStatusException(HttpResponseStatus.BAD_REQUEST, "request body must be a JSON object", null);
        }
        return new JsonFields(object);
    }
}
