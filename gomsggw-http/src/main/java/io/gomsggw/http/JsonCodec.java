package io.gomsggw.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

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
        return readObject(request, Set.of());
    }

    /**
     * The request body as a JSON object whose base64 fields are decoded while the body is parsed,
     * so that a large attachment is held once, decoded, and never as text (see {@link Base64Text}
     * for what is accepted). Such a field reads with {@link JsonFields#bytes}.
     *
     * @param base64Fields the paths of the base64 string fields: field names joined by {@code .},
     *                     {@code []} for the elements of an array, e.g. {@code media[].content}
     * @throws HttpStatusException     400 when the body is empty or not an object, or 400 naming a
     *                                 base64 field that does not hold base64
     * @throws JsonProcessingException when the body is not JSON (the router answers 400)
     */
    public JsonFields readObject(Request request, Set<String> base64Fields) throws JsonProcessingException {
        byte[] body = request.bodyBytes();
        if (body.length == 0) {
            throw new HttpStatusException(HttpResponseStatus.BAD_REQUEST, "request body must be a JSON object", null);
        }
        JsonNode node;
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() == null) {
                throw new HttpStatusException(
                        HttpResponseStatus.BAD_REQUEST, "request body must be a JSON object", null);
            }
            node = new TreeReader(parser, body, base64Fields).value("", "");
        } catch (JsonProcessingException e) {
            throw e;
        } catch (CharConversionException e) {
            // Jackson guesses UTF-16/32 from the first bytes; bytes that look like neither are no JSON
            throw new HttpStatusException(
                    HttpResponseStatus.BAD_REQUEST, "request body is not valid JSON: not UTF-8 text", null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new HttpStatusException(HttpResponseStatus.BAD_REQUEST, "request body must be a JSON object", null);
        }
        return new JsonFields(object);
    }

    /**
     * Builds the tree of a body as Jackson's {@code readTree} would, except that the strings at the
     * base64 paths become binary nodes, decoded from the parser's input.
     */
    private final class TreeReader {
        private final JsonParser parser;
        private final byte[] source;
        private final Set<String> base64Fields;

        TreeReader(JsonParser parser, byte[] source, Set<String> base64Fields) {
            this.parser = parser;
            this.source = source;
            this.base64Fields = base64Fields;
        }

        /**
         * The value at the parser's current token.
         *
         * @param path the value's path as base64 paths write it ({@code media[].content})
         * @param name its name for error messages ({@code media[0].content})
         */
        JsonNode value(String path, String name) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_STRING && base64Fields.contains(path)) {
                return BinaryNode.valueOf(binary(name));
            }
            if (token == JsonToken.START_OBJECT && holdsBase64(path)) {
                ObjectNode object = mapper.getNodeFactory().objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    object.set(
                            field,
                            value(
                                    path.isEmpty() ? field : path + "." + field,
                                    name.isEmpty() ? field : name + "." + field));
                }
                return object;
            }
            if (token == JsonToken.START_ARRAY && holdsBase64(path)) {
                ArrayNode array = mapper.getNodeFactory().arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(path + "[]", name + "[" + array.size() + "]"));
                }
                return array;
            }
            return mapper.readTree(parser);
        }

        private boolean holdsBase64(String path) {
            for (String field : base64Fields) {
                if (field.startsWith(path)) {
                    return true;
                }
            }
            return false;
        }

        private byte[] binary(String name) throws IOException {
            Base64Text.Shape shape =
                    Base64Text.scan(source, parser.currentTokenLocation().getByteOffset());
            Base64Text.Sink sink = new Base64Text.Sink(shape.decodedLength());
            try {
                parser.readBinaryValue(shape.variant(), sink);
            } catch (IllegalArgumentException e) {
                // Jackson's answer to a character outside the alphabet.
                throw HttpStatusException.invalidField(name, "not base64");
            } catch (StreamReadException e) {
                if (e.getOriginalMessage() != null && e.getOriginalMessage().contains("base64")) {
                    throw HttpStatusException.invalidField(name, "not base64");
                }
                throw e;
            }
            return sink.bytes();
        }
    }
}
