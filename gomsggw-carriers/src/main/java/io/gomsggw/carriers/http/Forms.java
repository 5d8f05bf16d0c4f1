package io.gomsggw.carriers.http;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code application/x-www-form-urlencoded} bodies as ordered name/value lists (names may repeat). */
public final class Forms {
    private Forms() {}

    /** Encodes the pairs in order, UTF-8, spaces as {@code +}. */
    public static String encode(List<Map.Entry<String, String>> pairs) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> pair : pairs) {
            if (out.length() > 0) out.append('&');
            out.append(URLEncoder.encode(pair.getKey(), StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(pair.getValue(), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    /**
     * Decodes a form body in order; a pair without {@code =} has an empty value.
     *
     * @throws IllegalArgumentException for a broken percent escape
     */
    public static List<Map.Entry<String, String>> parse(String body) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (body == null || body.isEmpty()) return pairs;
        for (String part : body.split("&")) {
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            pairs.add(Map.entry(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8)));
        }
        return pairs;
    }
}
