package io.gomsggw.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A method, a path template such as {@code /clients/{id}/numbers/{number_id}}, and the handler
 * that answers it. A template segment in braces matches any one non-empty path segment and binds
 * it to that name; other segments match literally. Immutable.
 */
public final class Route {
    private final HttpMethod method;
    private final String template;
    private final List<String> segments;
    private final Handler handler;

    public Route(HttpMethod method, String template, Handler handler) {
        this.method = Objects.requireNonNull(method, "method");
        this.template = Objects.requireNonNull(template, "template");
        this.handler = Objects.requireNonNull(handler, "handler");
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("template must start with /: " + template);
        }
        this.segments = Paths.segments(template);
    }

    public HttpMethod method() {
        return method;
    }

    public String template() {
        return template;
    }

    public Handler handler() {
        return handler;
    }

    /** The parameters bound by matching the decoded path segments, or null when they do not match. */
    Map<String, String> match(List<String> pathSegments) {
        if (pathSegments.size() != segments.size()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String expected = segments.get(i);
            String actual = pathSegments.get(i);
            if (isParameter(expected)) {
                if (actual.isEmpty()) {
                    return null;
                }
                params.put(expected.substring(1, expected.length() - 1), actual);
            } else if (!expected.equals(actual)) {
                return null;
            }
        }
        return params;
    }

    /** How many literal segments the template has: of two templates matching a path, the more literal one wins. */
    int literalSegments() {
        return (int) segments.stream().filter(s -> !isParameter(s)).count();
    }

    private static boolean isParameter(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }

    @Override
    public String toString() {
        return method + " " + template;
    }
}
