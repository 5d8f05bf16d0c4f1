package io.gomsggw.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.List;

/** Splits URL paths into decoded segments; a trailing slash is ignored. */
final class Paths {
    private Paths() {}

    static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            return List.of();
        }
        for (String segment : trimmed.split("/", -1)) {
            segments.add(QueryStringDecoder.decodeComponent(segment));
        }
        return List.copyOf(segments);
    }
}
