package io.gomsggw.http.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gomsggw.core.model.ApiFormat;
import io.gomsggw.core.model.AuthMethod;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.UsageLimits;
import io.gomsggw.http.TestHttp;
import io.gomsggw.http.testing.MessagingFixture;
import io.gomsggw.http.testing.WebhookReceiver;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The web client REST API answers as the Go gateway does, for every route
 * ({@code POST /messages/send}, {@code POST /messages}, {@code GET /messages/usage},
 * {@code GET /messages/history}) and every {@code api_format}: each case of
 * {@code go-compat/web-client.json} (the request, and the answer read from the Go code it cites)
 * against our running server. Cases run in the file's order: usage and history count the sends
 * before them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoCompatibilityTest {
    private final WebhookReceiver receiver = new WebhookReceiver();
    private final Map<String, TestHttp> callers = new HashMap<>();
    private MessagingFixture fx;

    @BeforeAll
    void clients() {
        fx = new MessagingFixture();
        Client generic = web("generic", ApiFormat.GENERIC, UsageLimits.NONE, "+12505550100");
        Client bicom = web("bicom", ApiFormat.BICOM, UsageLimits.NONE, "+12505550200");
        web("telnyx", ApiFormat.TELNYX, UsageLimits.NONE, "+12505550300");
        Client multi = web("multi", ApiFormat.GENERIC, UsageLimits.NONE, "+12505550400");
        fx.number(multi, "+12505550401", null, null);
        UsageLimits oneSmsADay = new UsageLimits(0, 1, 0, 0, 0, 0);
        web("limited", ApiFormat.GENERIC, oneSmsADay, "+12505550500");
        web("bicomLimited", ApiFormat.BICOM, oneSmsADay, "+12505550600");
        Client counter = web("counter", ApiFormat.GENERIC, UsageLimits.NONE, null);
        fx.number(counter, "+12505550800", null, null, "front-desk", null);
        Client legacy = fx.client("legacy", ClientType.LEGACY, MessagingFixture.settings(ApiFormat.GENERIC, null));
        fx.number(legacy, "+12505550700", null, null);
        callers.put("legacy", fx.as(legacy));
        callers.put(
                "genericAsBearer",
                fx.anonymous()
                        .authorization("Bearer "
                                + MessagingFixture.basicToken(generic.username(), MessagingFixture.PASSWORD)));
        callers.put("bicomAsBasic", fx.anonymous().basic(bicom.username(), MessagingFixture.PASSWORD));
        HttpResponse<String> key = fx.admin()
                .post("/clients/" + generic.id() + "/api-keys", "{\"name\":\"reports\",\"scopes\":\"usage\"}");
        assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
        callers.put(
                "usageKey",
                fx.withKey(io.gomsggw.http.testing.Json.parse(key.body())
                        .get("key")
                        .asText()));
    }

    private Client web(String username, ApiFormat format, UsageLimits limits, String number) {
        Client client = fx.webClient(
                username,
                MessagingFixture.settings(
                        format,
                        format == ApiFormat.BICOM ? AuthMethod.BEARER : AuthMethod.BASIC,
                        receiver.url("/" + username),
                        0,
                        limits));
        if (number != null) {
            fx.number(client, number, null, null);
        }
        callers.put(username, fx.as(client));
        return client;
    }

    @AfterAll
    void close() {
        fx.close();
        receiver.close();
    }

    @TestFactory
    Stream<DynamicTest> everyRouteAndFormatAnswersAsGo() {
        return GoAnswers.cases("web-client.json").stream()
                .map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> run(c)));
    }

    private void run(JsonNode testCase) {
        TestHttp caller = callers.get(testCase.get("as").asText());
        assertThat(caller).as("caller " + testCase.get("as")).isNotNull();
        for (JsonNode before : testCase.path("before")) {
            assertThat(caller.post(testCase.get("path").asText(), before.toString())
                                    .statusCode()
                            / 100)
                    .isEqualTo(2);
        }
        HttpResponse<String> response = caller.send(
                testCase.get("method").asText(), testCase.get("path").asText(), GoAnswers.body(testCase));
        GoAnswers.check(testCase, response);
    }
}
