package io.gomsggw.http.webclient;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gomsggw.core.model.ApiFormat;
import io.gomsggw.core.model.AuthMethod;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.UsageLimits;
import io.gomsggw.core.testing.Eventually;
import io.gomsggw.http.TestHttp;
import io.gomsggw.http.testing.Json;
import io.gomsggw.http.testing.MessagingFixture;
import io.gomsggw.http.testing.WebhookReceiver;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /messages/history}, {@code GET /messages/{id}} and {@code GET /messages/usage}: each
 * client sees its own messages (sent or received) and nothing of anybody else's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryAndUsageTest {
    private final WebhookReceiver receiver = new WebhookReceiver();
    private MessagingFixture fx;
    private TestHttp alice;
    private TestHttp bob;
    private TestHttp carol;
    private final List<String> aliceToBob = new ArrayList<>();
    private String carolToBob;

    @BeforeAll
    void messages() {
        fx = new MessagingFixture();
        Client a = fx.webClient("alice", MessagingFixture.settings(ApiFormat.GENERIC, AuthMethod.BASIC,
                receiver.url("/alice"), 3, new UsageLimits(10, 100, 1000, 0, 5, 0)));
        fx.number(a, "+12505550100", null, null, "sales", "west");
        Client b = fx.webClient("bob", MessagingFixture.settings(ApiFormat.GENERIC, receiver.url("/bob")));
        fx.number(b, "+12505550200", null, null);
        Client c = fx.webClient("carol", MessagingFixture.settings(ApiFormat.GENERIC, receiver.url("/carol")));
        fx.number(c, "+12505550300", null, null);
        alice = fx.as(a);
        bob = fx.as(b);
        carol = fx.as(c);
        for (int i = 1; i <= 3; i++) {
            aliceToBob.add(send(alice, "+12505550100", "+12505550200", Map.of("text", "sms " + i)));
        }
        aliceToBob.add(send(alice, "+12505550100", "+12505550200", Map.of("text", "an mms", "media",
                List.of(Map.of("filename", "a.gif", "content_type", "image/gif", "content", "R0lGODlh")))));
        send(bob, "+12505550200", "+12505550100", Map.of("text", "reply"));
        carolToBob = send(carol, "+12505550300", "+12505550200", Map.of("text", "from carol"));
        Eventually.await("all delivered", () -> receiver.received().size() >= 6);
    }

    @AfterAll
    void close() {
        receiver.close();
        fx.close();
    }

    private static String send(TestHttp as, String from, String to, Map<String, Object> rest) {
        Map<String, Object> body = new HashMap<>(rest);
        body.put("from", from);
        body.put("to", to);
        HttpResponse<String> response = as.post("/messages/send", Json.write(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return Json.parse(response.body()).get("id").asText();
    }

    private static List<String> ids(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        Json.parse(response.body()).forEach(m -> ids.add(m.get("id").asText()));
        return ids;
    }

    @Test
    void historyHoldsWhatTheClientSentAndReceivedNewestFirst() {
        HttpResponse<String> response = alice.get("/messages/history");

        List<String> ids = ids(response);
        assertThat(ids).hasSize(5).containsAll(aliceToBob).doesNotContain(carolToBob);
        assertThat(response.headers().firstValue("X-Total-Count")).contains("5");
        assertThat(response.headers().firstValue("X-Page")).contains("1");
        assertThat(response.headers().firstValue("X-Per-Page")).contains("50");
        List<Instant> created = new ArrayList<>();
        Json.parse(response.body()).forEach(m -> created.add(Instant.parse(m.get("created_at").asText())));
        assertThat(created).isSortedAccordingTo(Comparator.reverseOrder());

        assertThat(ids(bob.get("/messages/history"))).hasSize(6).contains(carolToBob);
        assertThat(ids(carol.get("/messages/history"))).containsExactly(carolToBob);
    }

    @Test
    void historyIsPaginated() {
        HttpResponse<String> second = alice.get("/messages/history?per_page=2&page=2");
        assertThat(ids(second)).hasSize(2);
        assertThat(second.headers().firstValue("X-Total-Count")).contains("5");
        assertThat(second.headers().firstValue("X-Page")).contains("2");
        assertThat(second.headers().firstValue("X-Per-Page")).contains("2");
        assertThat(ids(alice.get("/messages/history?per_page=2&page=3"))).hasSize(1);
        assertThat(ids(alice.get("/messages/history?per_page=2&page=4"))).isEmpty();
        List<String> all = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            all.addAll(ids(alice.get("/messages/history?per_page=2&page=" + page)));
        }
        assertThat(all).doesNotHaveDuplicates().hasSize(5);
    }

    @Test
    void historyFilters() {
        assertThat(ids(alice.get("/messages/history?type=mms"))).containsExactly(aliceToBob.get(3));
        assertThat(ids(alice.get("/messages/history?to=(250)%20555-0200"))).hasSize(4);
        assertThat(ids(alice.get("/messages/history?from=2505550200"))).hasSize(1);
        assertThat(ids(alice.get("/messages/history?direction=outbound"))).hasSize(5);
        assertThat(ids(alice.get("/messages/history?direction=inbound"))).isEmpty();
        assertThat(ids(alice.get("/messages/history?since=2000-01-01T00:00:00Z&until=2100-01-01T00:00:00%2B02:00")))
                .hasSize(5);
        assertThat(ids(alice.get("/messages/history?since=2100-01-01T00:00:00Z"))).isEmpty();
        assertThat(ids(alice.get("/messages/history?until=2000-01-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void badParametersAreNamed() {
        for (String query : List.of("since=yesterday", "until=2026-13-01T00:00:00Z", "page=0", "page=x",
                "per_page=201", "per_page=0", "type=fax", "direction=sideways", "from=abc", "to=1")) {
            HttpResponse<String> response = alice.get("/messages/history?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(Json.parse(response.body()).get("field").asText())
                    .isEqualTo(query.substring(0, query.indexOf('=')));
        }
    }

    @Test
    void aMessageInTheListHasTheDocumentedFields() {
        JsonNode mms = Json.parse(alice.get("/messages/history?type=mms").body()).get(0);
        List<String> fields = new ArrayList<>();
        mms.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "type", "direction", "from", "to", "text", "status", "created_at",
                "updated_at", "media");
        assertThat(mms.get("type").asText()).isEqualTo("mms");
        assertThat(mms.get("direction").asText()).isEqualTo("outbound");
        assertThat(mms.get("from").asText()).isEqualTo("+12505550100");
        JsonNode media = mms.get("media").get(0);
        assertThat(media.get("filename").asText()).isEqualTo("a.gif");
        assertThat(media.get("content_type").asText()).isEqualTo("image/gif");
        assertThat(media.get("size").asInt()).isEqualTo(6);
        assertThat(media.has("content")).isFalse();
    }

    @Test
    void oneMessageComesWithItsStatusHistory() {
        String id = aliceToBob.get(0);
        Eventually.await("delivered", () -> fx.stored(id).status().isFinal());

        HttpResponse<String> response = alice.get("/messages/" + id);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode message = Json.parse(response.body());
        assertThat(message.get("id").asText()).isEqualTo(id);
        assertThat(message.get("status").asText()).isEqualTo("delivered");
        List<String> statuses = new ArrayList<>();
        message.get("history").forEach(h -> {
            statuses.add(h.get("status").asText());
            assertThat(h.has("at")).isTrue();
            assertThat(h.has("reason")).isTrue();
        });
        assertThat(statuses).startsWith("queued").endsWith("delivered");
        assertThat(bob.get("/messages/" + id).statusCode()).isEqualTo(200);
    }

    @Test
    void anotherClientsMessageIsNotFoundLikeOneThatDoesNotExist() {
        HttpResponse<String> foreign = carol.get("/messages/" + aliceToBob.get(0));
        HttpResponse<String> missing = carol.get("/messages/00000000-0000-0000-0000-000000000000");

        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).isEqualTo(missing.body());
        assertThat(alice.get("/messages/" + carolToBob).statusCode()).isEqualTo(404);
    }

    @Test
    void usageShowsEveryCounterAgainstItsLimit() {
        HttpResponse<String> response = alice.get("/messages/usage");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode usage = Json.parse(response.body());
        List<String> fields = new ArrayList<>();
        usage.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("client", "numbers", "timezone", "reset_times", "timestamp");
        JsonNode client = usage.get("client");
        assertThat(client.get("username").asText()).isEqualTo("alice");
        assertThat(client.get("type").asText()).isEqualTo("web");
        JsonNode smsDaily = client.get("sms").get("daily");
        assertThat(smsDaily.get("current_usage").asLong()).isEqualTo(3);
        assertThat(smsDaily.get("limit").asLong()).isEqualTo(100);
        assertThat(smsDaily.get("remaining").asLong()).isEqualTo(97);
        assertThat(client.get("mms").get("daily").get("current_usage").asLong()).isEqualTo(1);
        assertThat(client.get("mms").get("daily").get("remaining").asLong()).isEqualTo(4);
        assertThat(client.get("mms").get("monthly").get("limit").asLong()).isZero();
        assertThat(client.get("mms").get("monthly").get("remaining").asLong()).isEqualTo(-1);
        JsonNode number = usage.get("numbers").get(0);
        assertThat(number.get("number").asText()).isEqualTo("+12505550100");
        assertThat(number.get("tag").asText()).isEqualTo("sales");
        assertThat(number.get("group").asText()).isEqualTo("west");
        assertThat(number.get("limit_both").asBoolean()).isFalse();
        assertThat(number.get("direction").asText()).isEqualTo("outbound");
        assertThat(number.get("sms").get("monthly").get("current_usage").asLong()).isEqualTo(3);
        assertThat(usage.get("timezone").asText()).isEqualTo("UTC");
        Instant timestamp = Instant.parse(usage.get("timestamp").asText());
        for (String period : List.of("burst", "daily", "monthly")) {
            assertThat(Instant.parse(usage.get("reset_times").get(period).asText())).isAfter(timestamp);
        }
    }
}
