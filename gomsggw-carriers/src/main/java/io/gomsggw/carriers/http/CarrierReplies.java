package io.gomsggw.carriers.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Reading a carrier's answer: its JSON when it is JSON, a text field, a short form for messages. */
public final class CarrierReplies {
    private static final int MAX_QUOTED = 300;

    private CarrierReplies() {}

    /** The body as JSON, or a missing node when it is not JSON (an HTML error page, an empty body). */
    public static JsonNode readJson(ObjectMapper json, String body) {
        try {
            JsonNode node = json.readTree(body);
            return node == null ? json.missingNode() : node;
        } catch (IOException e) {
            return json.missingNode();
        }
    }

    /** A scalar field's text, or null when it is absent, null, a container or blank. */
    public static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull() || node.isContainerNode()) return null;
        String value = node.asText();
        return value.isBlank() ? null : value;
    }

    /** The text on one line, at most 300 characters, to quote in a status or a log line. */
    public static String abbreviate(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= MAX_QUOTED ? flat : flat.substring(0, MAX_QUOTED) + "…";
    }
}
