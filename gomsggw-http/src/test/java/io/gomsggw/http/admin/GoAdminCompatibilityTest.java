package io.gomsggw.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gomsggw.http.compat.GoAnswers;
import io.gomsggw.http.testing.Json;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The admin API answers as the Go gateway does: each case of {@code go-compat/admin.json} (a
 * request, and the answer read from the Go code it cites) against our running admin server, in the
 * file's order. {@code {shop}} in a path or answer is the id of the client the cases create (and
 * {@code {name}} the id of what a case with {@code "save": "name"} created);
 * requests authenticate with a user name other than {@code admin}, as Go allows.
 */
class GoAdminCompatibilityTest extends AdminServerTest {
    private final Map<String, String> ids = new HashMap<>();

    @TestFactory
    Stream<DynamicTest> everyAdminRouteAnswersAsGo() {
        http.basic("ops-script", API_KEY);
        return GoAnswers.cases("admin.json").stream()
                .map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> run(c)));
    }

    private void run(JsonNode testCase) {
        JsonNode resolved = Json.parse(resolve(testCase.toString()));
        assertThat(resolved.get("path").asText())
                .as("every {client} is one made before")
                .doesNotContainPattern("\\{[a-z0-9]+\\}");
        String body = GoAnswers.body(resolved);
        HttpResponse<String> response =
                http.send(resolved.get("method").asText(), resolved.get("path").asText(), body);
        GoAnswers.check(resolved, response);
        if (resolved.path("body").path("username").isTextual() && response.statusCode() == 201) {
            ids.put(
                    resolved.get("body").get("username").asText(),
                    Json.parse(response.body()).get("id").asText());
        }
        if (resolved.has("save")) {
            ids.put(
                    resolved.get("save").asText(),
                    Json.parse(response.body()).get("id").asText());
        }
    }

    /** Puts the ids of clients made by earlier cases in place of {@code {username}}; quoted ids become numbers. */
    private String resolve(String text) {
        String resolved = text;
        for (Map.Entry<String, String> id : ids.entrySet()) {
            resolved = resolved.replace("\"{" + id.getKey() + "}\"", id.getValue())
                    .replace("{" + id.getKey() + "}", id.getValue());
        }
        return resolved;
    }
}
