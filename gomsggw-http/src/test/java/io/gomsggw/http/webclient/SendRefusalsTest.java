package io.gomsggw.http.webclient;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gomsggw.core.model.ApiFormat;
import io.gomsggw.core.model.AuthMethod;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientSettings;
import io.gomsggw.core.model.UsageLimits;
import io.gomsggw.core.pipeline.PipelineSettings;
import io.gomsggw.http.fetch.MediaFetcher;
import io.gomsggw.http.testing.Json;
import io.gomsggw.http.testing.MessagingFixture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Refusals that are not about the request's shape: limits, saturation, database trouble. */
class SendRefusalsTest {
    private MessagingFixture fx;

    @AfterEach
    void close() {
        fx.close();
    }

    private static String sms(String from, String to) {
        return Json.write(Map.of("from", from, "to", to, "text", "hello"));
    }

    @Test
    void aFullLimitIsRefusedWith429AndTheGoGatewaysBody() {
        fx = new MessagingFixture();
        Client alice = fx.webClient(
                "alice",
                MessagingFixture.settings(
                        ApiFormat.GENERIC, AuthMethod.BASIC, null, 0, new UsageLimits(0, 2, 0, 0, 0, 0)));
        fx.number(alice, "+12505550100", null, null);
        Client bob = fx.webClient("bob", MessagingFixture.settings(ApiFormat.GENERIC, null));
        fx.number(bob, "+12505550200", null, null);

        for (int i = 0; i < 2; i++) {
            assertThat(fx.as(alice)
                            .post("/messages/send", sms("+12505550100", "+12505550200"))
                            .statusCode())
                    .isEqualTo(202);
        }
        HttpResponse<String> refused = fx.as(alice).post("/messages/send", sms("+12505550100", "+12505550200"));

        assertThat(refused.statusCode()).isEqualTo(429);
        JsonNode body = Json.parse(refused.body());
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .containsExactly("error", "message", "limit_type", "period", "number", "current_usage", "limit");
        assertThat(body.get("error").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(body.get("message").asText()).isEqualTo("SMS daily limit exceeded (2/2)");
        assertThat(body.get("limit_type").asText()).isEqualTo("daily_sms_client");
        assertThat(body.get("period").asText()).isEqualTo("daily");
        assertThat(body.get("number").asText()).isEqualTo("+12505550100");
        assertThat(body.get("current_usage").asLong()).isEqualTo(2);
        assertThat(body.get("limit").asLong()).isEqualTo(2);
        assertThat(refused.headers().firstValueAsLong("Retry-After").orElseThrow())
                .isBetween(1L, 86_400L);
    }

    @Test
    void aSaturatedGatewayAnswers503WithRetryAfter() throws IOException {
        fx = new MessagingFixture(new PipelineSettings(1), MediaFetcher.DEFAULT_TIMEOUT);
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Client alice = fx.webClient("alice", MessagingFixture.settings(ApiFormat.GENERIC, null));
            fx.number(alice, "+12505550100", null, null);
            Client bob = fx.webClient(
                    "bob",
                    new ClientSettings(
                            AuthMethod.BASIC,
                            ApiFormat.GENERIC,
                            false,
                            0,
                            5,
                            false,
                            "http://127.0.0.1:" + silent.getLocalPort() + "/hook",
                            UsageLimits.NONE,
                            false));
            fx.number(bob, "+12505550200", null, null);

            assertThat(fx.as(alice)
                            .post("/messages/send", sms("+12505550100", "+12505550200"))
                            .statusCode())
                    .isEqualTo(202);
            HttpResponse<String> busy = fx.as(alice).post("/messages/send", sms("+12505550100", "+12505550200"));

            assertThat(busy.statusCode()).isEqualTo(503);
            assertThat(busy.headers().firstValue("Retry-After")).contains("1");
            assertThat(Json.parse(busy.body()).get("error").asText()).contains("busy");
        }
    }

    @Test
    void aDatabaseFailureAnswers503() {
        fx = new MessagingFixture();
        Client alice = fx.webClient("alice", MessagingFixture.settings(ApiFormat.GENERIC, null));
        fx.number(alice, "+12505550100", null, null);
        Client bob = fx.webClient("bob", MessagingFixture.settings(ApiFormat.GENERIC, null));
        fx.number(bob, "+12505550200", null, null);
        fx.stores.jdbi().useHandle(h -> h.execute("ALTER TABLE messages DROP COLUMN status_history"));

        HttpResponse<String> response = fx.as(alice).post("/messages/send", sms("+12505550100", "+12505550200"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
        assertThat(Json.parse(response.body()).get("error").asText()).contains("could not be stored");
    }
}
