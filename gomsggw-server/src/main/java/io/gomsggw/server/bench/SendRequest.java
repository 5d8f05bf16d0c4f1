package io.gomsggw.server.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request every connection sends, built once: {@code POST /messages/send} with the web
 * client's Basic credentials and the generic body {@code {"from","to","text"}}. Thread-safe:
 * {@link #create()} shares only the read-only headers and the body bytes.
 */
final class SendRequest {
    private final String path;
    private final HttpHeaders headers;
    private final byte[] body;

    SendRequest(BenchOptions options, SendTarget target) {
        this.path = options.sendPath();
        this.body = body(target, options.text());
        String credentials = target.username() + ":" + target.password();
        this.headers = new DefaultHttpHeaders()
                .set(HttpHeaderNames.HOST, options.url().getHost() + ":" + options.port())
                .set(
                        HttpHeaderNames.AUTHORIZATION,
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length);
    }

    /** A new request; the encoder releases its (unpooled) body once written. */
    FullHttpRequest create() {
        return new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1,
                HttpMethod.POST,
                path,
                Unpooled.wrappedBuffer(body),
                headers,
                EmptyHttpHeaders.INSTANCE);
    }

    private static byte[] body(SendTarget target, String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("from", target.from());
        fields.put("to", target.to());
        fields.put("text", text);
        try {
            return new ObjectMapper().writeValueAsBytes(fields);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
