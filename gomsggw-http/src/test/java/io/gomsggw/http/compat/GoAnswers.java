package io.gomsggw.http.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gomsggw.http.testing.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The compatibility cases of {@code src/test/resources/go-compat/*.json}: a request and the answer
 * the Go gateway's code gives it, and the check of our answer against it. Go's answer must be
 * contained in ours: every field Go writes, with Go's value (our answers may add fields, never
 * change one), or exactly Go's when the case says {@code exact}. String placeholders stand for
 * values that differ per run: {@code <uuid>}, {@code <string>}, {@code <number>}, {@code <rfc3339>}.
 */
public final class GoAnswers {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private GoAnswers() {}

    /** The cases of one resource file, in order. */
    public static List<JsonNode> cases(String resource) {
        try (InputStream in = GoAnswers.class.getResourceAsStream("/go-compat/" + resource)) {
            if (in == null) throw new IllegalArgumentException("no resource go-compat/" + resource);
            List<JsonNode> cases = new ArrayList<>();
            Json.parse(in.readAllBytes()).get("cases").forEach(cases::add);
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request body of a case: {@code raw} as it is, else {@code body} as JSON, else none. */
    public static String body(JsonNode testCase) {
        if (testCase.has("raw")) return testCase.get("raw").asText();
        return testCase.has("body") ? testCase.get("body").toString() : null;
    }

    /** Asserts that {@code response} is the answer of {@code testCase}. */
    public static void check(JsonNode testCase, HttpResponse<String> response) {
        check(testCase, response.statusCode(), response.body());
        String what = testCase.get("name").asText();
        testCase.path("headers")
                .fields()
                .forEachRemaining(e -> assertThat(response.headers().firstValue(e.getKey()))
                        .as(what)
                        .contains(e.getValue().asText()));
    }

    /** Asserts that a status and body are the answer of {@code testCase} (headers aside). */
    static void check(JsonNode testCase, int status, String body) {
        String what = testCase.get("name").asText() + " (Go: "
                + testCase.get("go").asText() + ")\nours: " + status + " " + body;
        assertThat(status).as(what).isEqualTo(testCase.get("status").asInt());
        JsonNode ours = Json.parse(body);
        match(testCase.get("answer"), ours, "", testCase.path("exact").asBoolean(false), what);
        testCase.path("startsWith")
                .fields()
                .forEachRemaining(e -> assertThat(ours.path(e.getKey()).asText())
                        .as(what)
                        .startsWith(e.getValue().asText()));
        testCase.path("absent")
                .forEach(pointer -> assertThat(ours.at(pointer.asText()).isMissingNode())
                        .as(what + "\n" + pointer.asText() + " is left out, as Go leaves it out")
                        .isTrue());
    }

    private static void match(JsonNode go, JsonNode ours, String path, boolean exact, String what) {
        String at = what + "\nat " + (path.isEmpty() ? "/" : path);
        if (go.isObject()) {
            assertThat(ours.isObject()).as(at + ": an object").isTrue();
            for (Iterator<Map.Entry<String, JsonNode>> it = go.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                assertThat(ours.has(field.getKey()))
                        .as(at + ": Go's field '" + field.getKey() + "'")
                        .isTrue();
                match(field.getValue(), ours.get(field.getKey()), path + "/" + field.getKey(), exact, what);
            }
            if (exact) {
                List<String> names = new ArrayList<>();
                ours.fieldNames().forEachRemaining(names::add);
                List<String> goNames = new ArrayList<>();
                go.fieldNames().forEachRemaining(goNames::add);
                assertThat(names).as(at + ": exactly Go's fields").containsExactlyInAnyOrderElementsOf(goNames);
            }
        } else if (go.isArray()) {
            assertThat(ours.isArray()).as(at + ": an array").isTrue();
            assertThat(ours.size()).as(at + ": elements").isEqualTo(go.size());
            for (int i = 0; i < go.size(); i++) {
                match(go.get(i), ours.get(i), path + "/" + i, exact, what);
            }
        } else if (go.isTextual() && go.asText().startsWith("<") && go.asText().endsWith(">")) {
            placeholder(go.asText(), ours, at);
        } else if (go.isNumber()) {
            assertThat(ours.isNumber()).as(at + ": a number").isTrue();
            assertThat(ours.decimalValue()).as(at).isEqualByComparingTo(go.decimalValue());
        } else {
            assertThat(ours).as(at).isEqualTo(go);
        }
    }

    private static void placeholder(String kind, JsonNode ours, String at) {
        switch (kind) {
            case "<uuid>" ->
                assertThat(ours.isTextual() && UUID.matcher(ours.asText()).matches())
                        .as(at + ": a UUID, got " + ours)
                        .isTrue();
            case "<string>" ->
                assertThat(ours.isTextual()).as(at + ": a string, got " + ours).isTrue();
            case "<number>" ->
                assertThat(ours.isNumber()).as(at + ": a number, got " + ours).isTrue();
            case "<rfc3339>" -> {
                assertThat(ours.isTextual())
                        .as(at + ": an RFC 3339 time, got " + ours)
                        .isTrue();
                OffsetDateTime.parse(ours.asText());
            }
            default -> throw new IllegalArgumentException("unknown placeholder " + kind);
        }
    }
}
