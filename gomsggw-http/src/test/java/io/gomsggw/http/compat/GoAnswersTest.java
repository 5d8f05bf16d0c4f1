package io.gomsggw.http.compat;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.gomsggw.http.testing.Json;
import org.junit.jupiter.api.Test;

/** The compatibility check itself: what it lets pass and what it refuses. */
class GoAnswersTest {
    private static JsonNode testCase(String answer, boolean exact) {
        return Json.parse(
                "{\"name\":\"n\",\"go\":\"g\",\"status\":200,\"exact\":" + exact + ",\"answer\":" + answer + "}");
    }

    @Test
    void oursMayAddFieldsButNotChangeOrDropGos() {
        JsonNode go = testCase("{\"status\":\"queued\",\"id\":\"<uuid>\",\"n\":1}", false);
        assertThatCode(
                        () -> GoAnswers.check(
                                go,
                                200,
                                "{\"status\":\"queued\",\"id\":\"6f1c2a34-0a8e-4c53-9d55-3b0f3c1e9a71\",\"n\":1.0,\"extra\":true}"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> GoAnswers.check(
                        go, 200, "{\"status\":\"accepted\",\"id\":\"6f1c2a34-0a8e-4c53-9d55-3b0f3c1e9a71\",\"n\":1}"))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> GoAnswers.check(go, 200, "{\"status\":\"queued\",\"n\":1}"))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> GoAnswers.check(go, 200, "{\"status\":\"queued\",\"id\":\"42\",\"n\":1}"))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> GoAnswers.check(
                        go, 202, "{\"status\":\"queued\",\"id\":\"6f1c2a34-0a8e-4c53-9d55-3b0f3c1e9a71\",\"n\":1}"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void anExactAnswerHasNoFieldMoreAndNullIsNotMissing() {
        JsonNode go = testCase("{\"status\":\"error\",\"message\":\"m\",\"remaining\":null}", true);
        assertThatCode(() -> GoAnswers.check(go, 200, "{\"message\":\"m\",\"status\":\"error\",\"remaining\":null}"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> GoAnswers.check(
                        go, 200, "{\"status\":\"error\",\"message\":\"m\",\"remaining\":null,\"error\":\"m\"}"))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> GoAnswers.check(go, 200, "{\"status\":\"error\",\"message\":\"m\",\"remaining\":-1}"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void arraysMatchElementByElement() {
        JsonNode go = testCase("{\"messages\":[{\"type\":\"sms\"}]}", false);
        assertThatCode(() -> GoAnswers.check(go, 200, "{\"messages\":[{\"type\":\"sms\",\"text\":\"x\"}]}"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> GoAnswers.check(go, 200, "{\"messages\":[]}")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> GoAnswers.check(go, 200, "[{\"type\":\"sms\"}]"))
                .isInstanceOf(AssertionError.class);
    }
}
