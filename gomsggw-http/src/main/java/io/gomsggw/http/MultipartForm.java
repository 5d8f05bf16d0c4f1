package io.gomsggw.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code multipart/form-data} body, read with Netty's decoder in memory (the body is already
 * whole and within the server's limit): its text fields and its files, by field name. A body that
 * is not valid multipart is 400. Immutable once read; runs on a worker, never an event loop.
 */
public final class MultipartForm {
    private final Map<String, String> fields;
    private final Map<String, byte[]> files;

    private MultipartForm(Map<String, String> fields, Map<String, byte[]> files) {
        this.fields = Map.copyOf(fields);
        this.files = Map.copyOf(files);
    }

    /** Whether the request says its body is multipart form data. */
    public static boolean isMultipart(Request request) {
        String type = request.header("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    /** Reads the request's body; the first value of a repeated field wins. */
    public static MultipartForm read(Request request) {
        FullHttpRequest netty = new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1, HttpMethod.POST, request.path(), Unpooled.wrappedBuffer(request.bodyBytes()));
        netty.headers().set(HttpHeaderNames.CONTENT_TYPE, request.header("Content-Type"));
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, byte[]> files = new LinkedHashMap<>();
        HttpPostRequestDecoder decoder;
        try {
            decoder = new HttpPostRequestDecoder(new DefaultHttpDataFactory(false), netty, StandardCharsets.UTF_8);
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
            throw malformed(e);
        }
        try {
            for (InterfaceHttpData data : decoder.getBodyHttpDatas()) {
                if (data instanceof FileUpload file) {
                    files.putIfAbsent(file.getName(), file.get());
                } else if (data instanceof Attribute attribute) {
                    fields.putIfAbsent(attribute.getName(), attribute.getValue());
                }
            }
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException
                | HttpPostRequestDecoder.NotEnoughDataDecoderException
                | IOException e) {
            throw malformed(e);
        } finally {
            decoder.destroy();
            netty.release();
        }
        return new MultipartForm(fields, files);
    }

    private static HttpStatusException malformed(Exception e) {
        return new HttpStatusException(
                HttpResponseStatus.BAD_REQUEST,
                "request body is not valid multipart/form-data: " + e.getMessage(),
                null);
    }

    /** A text field, or empty when absent or blank. */
    public Optional<String> field(String name) {
        return Optional.ofNullable(fields.get(name)).filter(v -> !v.isBlank());
    }

    /** The content of a file field, or empty when absent. */
    public Optional<byte[]> file(String name) {
        return Optional.ofNullable(files.get(name)).map(byte[]::clone);
    }
}
