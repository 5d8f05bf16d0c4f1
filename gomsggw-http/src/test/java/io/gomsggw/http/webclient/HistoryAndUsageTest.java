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
        Client a = fx.webClient(
                "alice",
                MessagingFixture.settings(
                        ApiFormat.GENERIC,
                        AuthMethod.BASIC,
                        receiver.url("/alice"),
                        3,
                        new UsageLimits(10, 100, 1000, 0, 5, 0)));
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
        aliceToBob.add(send(
                alice,
                "+12505550100",
                "+12505550200",
                Map.of(
                        "text",
                        "an mms",
                        "media",
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
        JsonNode page = Json.parse(response.body());
        assertThat(page.get("total_count").asLong())
                .isEqualTo(Long.parseLong(
                        response.headers().firstValue("X-Total-Count").orElseThrow()));
        page.get("messages").forEach(m -> ids.add(m.get("id").asText()));
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
        Json.parse(response.body())
                .get("messages")
                .forEach(m ->
                        created.add(Instant.parse(m.get("received_timestamp").asText())));
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
        assertThat(ids(alice.get("/messages/history?since=2100-01-01T00:00:00Z")))
                .isEmpty();
        assertThat(ids(alice.get("/messages/history?until=2000-01-01T00:00:00Z")))
                .isEmpty();
    }

    @Test
    void datesAreTakenAsGoTakesThemUntilIncludingTheWholeDay() {
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String tomorrow =
                java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
        assertThat(ids(alice.get("/messages/history?since=" + today + "&until=" + today)))
                .hasSize(5);
        assertThat(ids(alice.get("/messages/history?since=" + tomorrow))).isEmpty();
        assertThat(ids(alice.get("/messages/history?until=2000-01-01"))).isEmpty();
    }

    @Test
    void pageAndPerPageOutOfRangeAreClampedAsGoDoes() {
        // Go (web_server.go, /history): page < 1 is 1, per_page < 1 is 50, per_page > 200 is 200.
        for (String query : List.of("page=0&per_page=0", "page=x&per_page=x", "page=-3&per_page=-1")) {
            JsonNode page = Json.parse(alice.get("/messages/history?" + query).body());
            assertThat(page.get("page").asInt()).as(query).isEqualTo(1);
            assertThat(page.get("per_page").asInt()).as(query).isEqualTo(50);
        }
        assertThat(Json.parse(alice.get("/messages/history?per_page=500").body())
                        .get("per_page")
                        .asInt())
                .isEqualTo(200);
    }

    @Test
    void thePageHasGoFieldsAndItsCounts() {
        JsonNode page =
                Json.parse(alice.get("/messages/history?per_page=2&page=2").body());
        List<String> fields = new ArrayList<>();
        page.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("messages", "total_count", "page", "per_page");
        assertThat(page.get("total_count").asLong()).isEqualTo(5);
        assertThat(page.get("page").asInt()).isEqualTo(2);
        assertThat(page.get("per_page").asInt()).isEqualTo(2);
    }

    @Test
    void badParametersAreNamed() {
        for (String query : List.of(
                "since=yesterday",
                "until=2026-13-01T00:00:00Z",
                "until=2026-02-30",
                "type=fax",
                "direction=sideways",
                "from=abc",
                "to=1")) {
            HttpResponse<String> response = alice.get("/messages/history?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(Json.parse(response.body()).get("field").asText())
                    .isEqualTo(query.substring(0, query.indexOf('=')));
        }
    }

    @Test
    void aMessageInTheListHasGoFieldsThenOurs() {
        JsonNode mms = Json.parse(alice.get("/messages/history?type=mms").body())
                .get("messages")
                .get(0);
        List<String> fields = new ArrayList<>();
        mms.fieldNames().forEachRemaining(fields::add);
        // Go: MsgRecordDBItem (msg_records.go); no carrier (internal), no omitempty field left empty.
        assertThat(fields)
                .containsExactly(
                        "id",
                        "client_id",
                        "to_number",
                        "from_number",
                        "received_timestamp",
                        "type",
                        "internal",
                        "log_id",
                        "server_id",
                        "direction",
                        "from_client_type",
                        "to_client_type",
                        "delivery_method",
                        "total_segments",
                        "media_count",
                        "from",
                        "to",
                        "text",
                        "status",
                        "created_at",
                        "updated_at",
                        "media");
        assertThat(mms.get("id").asText()).isEqualTo(aliceToBob.get(3));
        assertThat(mms.get("log_id").asText()).isEqualTo(aliceToBob.get(3));
        assertThat(mms.get("type").asText()).isEqualTo("mms");
        assertThat(mms.get("internal").asBoolean()).isTrue();
        assertThat(mms.get("from_client_type").asText()).isEqualTo("web");
        assertThat(mms.get("to_client_type").asText()).isEqualTo("web");
        assertThat(mms.get("delivery_method").asText()).isEqualTo("webhook");
        assertThat(mms.get("media_count").asInt()).isEqualTo(1);
        assertThat(mms.get("direction").asText()).isEqualTo("outbound");
        assertThat(mms.get("from_number").asText()).isEqualTo("+12505550100");
        assertThat(mms.get("to_number").asText()).isEqualTo("+12505550200");
        assertThat(mms.get("from").asText()).isEqualTo("+12505550100");
        JsonNode media = mms.get("media").get(0);
        assertThat(media.get("filename").asText()).isEqualTo("a.gif");
        assertThat(media.get("content_type").asText()).isEqualTo("image/gif");
        assertThat(media.get("size").asInt()).isEqualTo(6);
        assertThat(media.has("content")).isFalse();
        JsonNode sms = Json.parse(
                        alice.get("/messages/history?type=sms&per_page=1").body())
                .get("messages")
                .get(0);
        assertThat(sms.get("total_segments").asInt()).isEqualTo(1);
        assertThat(sms.has("media_count")).isFalse();
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
        assertThat(client.get("mms").get("monthly").get("remaining").isNull())
                .as("null when unlimited, as Go")
                .isTrue();
        JsonNode number = usage.get("numbers").get(0);
        assertThat(number.get("number").asText()).isEqualTo("+12505550100");
        assertThat(number.get("tag").asText()).isEqualTo("sales");
        assertThat(number.get("group").asText()).isEqualTo("west");
        assertThat(number.get("limit_both").asBoolean()).isFalse();
        assertThat(number.get("direction").asText()).isEqualTo("outbound");
        // Go: the number's daily count against its own daily limit, flat; ours adds every period.
        assertThat(number.get("sms").get("current_usage").asLong()).isEqualTo(3);
        assertThat(number.get("sms").get("limit").asLong()).isZero();
        assertThat(number.get("sms").get("monthly").get("current_usage").asLong())
                .isEqualTo(3);
        assertThat(usage.get("timezone").asText()).isEqualTo("UTC");
        Instant timestamp = Instant.parse(usage.get("timestamp").asText());
        for (String period : List.of("burst", "daily", "monthly")) {
            assertThat(Instant.parse(usage.get("reset_times").get(period).asText()))
                    .isAfter(timestamp);
        }
    }
}
