package io.gomsggw.http.webclient;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.gomsggw.core.apikey.ApiKeys;
import io.gomsggw.core.model.ApiFormat;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.http.TestHttp;
import io.gomsggw.http.testing.Json;
import io.gomsggw.http.testing.MessagingFixture;
import io.gomsggw.http.testing.WebhookReceiver;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Tenant API keys over HTTP, end to end: made and revoked by the admin, used on the web client
 * API within their scopes, numbers, rate and lifetime.
 */
class ApiKeyLifecycleTest {
    private final WebhookReceiver receiver = new WebhookReceiver();
    private MessagingFixture fx;
    private Client shop;
    private ClientNumber main;
    private ClientNumber second;

    @BeforeEach
    void gateway() {
        fx = new MessagingFixture(true);
        shop = fx.webClient("shop", MessagingFixture.settings(ApiFormat.GENERIC, receiver.url("/shop")));
        main = fx.number(shop, "+12505550100", null, null);
        second = fx.number(shop, "+12505550101", null, null);
        Client bob = fx.webClient("bob", MessagingFixture.settings(ApiFormat.GENERIC, receiver.url("/bob")));
        fx.number(bob, "+12505550200", null, null);
    }

    @AfterEach
    void close() {
        fx.close();
        receiver.close();
    }

    private JsonNode createKey(String body) {
        HttpResponse<String> created = fx.admin().post("/clients/" + shop.id() + "/api-keys", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Json.parse(created.body());
    }

    private static String sms(String from) {
        return "{\"from\":\"" + from + "\",\"to\":\"+12505550200\",\"text\":\"hi\"}";
    }

    private static final String BATCH = "{\"from\":\"+12505550100\",\"throttle_per_second\":0,"
            + "\"messages\":[{\"to\":\"+12505550200\",\"text\":\"batch hi\"}]}";

    @Test
    void aKeyIsMadeUsedListedAndRevoked() {
        JsonNode created = createKey("{\"name\":\"CSV Import App\",\"scopes\":\"send,batch,usage\"}");
        String raw = created.path("key").asText();
        assertThat(raw).matches("gw_live_[0-9a-f]{64}");
        assertThat(created.path("key_prefix").asText()).isEqualTo(raw.substring(0, 16));
        assertThat(created.path("scopes").asText()).isEqualTo("send,batch,usage");
        assertThat(created.path("active").asBoolean()).isTrue();
        TestHttp app = fx.withKey(raw);

        assertThat(app.post("/messages/send", sms("+12505550100")).statusCode()).isEqualTo(202);
        assertThat(app.get("/messages/usage").statusCode()).isEqualTo(200);
        assertThat(app.post("/messages/batch", BATCH).statusCode()).isEqualTo(202);

        HttpResponse<String> listed = fx.admin().get("/clients/" + shop.id() + "/api-keys");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(raw.substring(16)).doesNotContain(ApiKeys.hash(raw));
        JsonNode key = Json.parse(listed.body()).get(0);
        assertThat(key.path("id").asLong()).isEqualTo(created.path("id").asLong());
        assertThat(key.path("name").asText()).isEqualTo("CSV Import App");
        assertThat(key.path("last_used_at").isTextual()).isTrue();
        assertThat(key.has("key")).isFalse();

        HttpResponse<String> revoked = fx.admin()
                .delete("/clients/" + shop.id() + "/api-keys/" + key.path("id").asLong());
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(Json.parse(revoked.body()).path("message").asText()).isEqualTo("API key revoked");
        assertThat(Json.parse(revoked.body()).path("key_id").asLong())
                .isEqualTo(key.path("id").asLong());

        assertThat(app.get("/messages/usage").statusCode()).isEqualTo(401);
        assertThat(fx.admin()
                        .delete("/clients/" + shop.id() + "/api-keys/424242")
                        .statusCode())
                .isEqualTo(404);
        assertThat(fx.anonymous().get("/clients/" + shop.id() + "/api-keys").statusCode())
                .isEqualTo(401);
    }

    @Test
    void aMissingScopeIs403NamingIt() {
        TestHttp app =
                fx.withKey(createKey("{\"scopes\":\"usage\"}").path("key").asText());

        HttpResponse<String> send = app.post("/messages/send", sms("+12505550100"));
        HttpResponse<String> batch = app.post("/messages/batch", BATCH);

        assertThat(send.statusCode()).isEqualTo(403);
        assertThat(Json.parse(send.body()).path("error").asText()).isEqualTo("API key does not have 'send' scope");
        assertThat(batch.statusCode()).isEqualTo(403);
        assertThat(Json.parse(batch.body()).path("error").asText()).isEqualTo("API key does not have 'batch' scope");
        assertThat(app.get("/messages/history").statusCode()).isEqualTo(200);
        assertThat(fx.withKey(createKey("{\"scopes\":[\"send\"]}").path("key").asText())
                        .get("/messages/usage")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void aKeyRestrictedToNumbersSendsFromThoseOnly() {
        JsonNode created = createKey("{\"allowed_number_ids\":[" + main.id() + "]}");
        assertThat(created.path("allowed_numbers").get(0).path("number").asText())
                .isEqualTo("+12505550100");
        TestHttp app = fx.withKey(created.path("key").asText());

        assertThat(app.post("/messages/send", sms("250-555-0100")).statusCode()).isEqualTo(202);
        HttpResponse<String> other = app.post("/messages/send", sms("+12505550101"));
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(Json.parse(other.body()).path("error").asText())
                .isEqualTo("API key is not authorized to send from this number");
        assertThat(app.post("/messages/batch", BATCH.replace("+12505550100", "+12505550101"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(fx.admin()
                        .post(
                                "/clients/" + shop.id() + "/api-keys",
                                "{\"allowed_number_ids\":[" + (second.id() + 1000) + "]}")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void aKeyPastItsRateIs429UntilTheMinuteAllowsMore() {
        TestHttp app = fx.withKey(createKey("{\"rate_limit\":3}").path("key").asText());
        for (int i = 0; i < 3; i++) {
            assertThat(app.get("/messages/usage").statusCode()).isEqualTo(200);
        }

        HttpResponse<String> refused = app.get("/messages/usage");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isBetween(19, 20));
        fx.clock.advance(Duration.ofSeconds(20));
        assertThat(app.get("/messages/usage").statusCode()).isEqualTo(200);
        assertThat(fx.as(shop).get("/messages/usage").statusCode())
                .as("the client's own credentials")
                .isEqualTo(200);
    }

    @Test
    void aKeyStopsWorkingWhenItExpires() {
        JsonNode created = createKey("{\"expires_in_days\":1}");
        TestHttp app = fx.withKey(created.path("key").asText());
        assertThat(app.get("/messages/usage").statusCode()).isEqualTo(200);

        fx.clock.advance(Duration.ofDays(1).plusSeconds(1));

        assertThat(app.get("/messages/usage").statusCode()).isEqualTo(401);
    }

    @Test
    void theRawKeyIsNeitherStoredNorLogged() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        root.addAppender(logged);
        root.setLevel(Level.DEBUG);
        String raw;
        try {
            JsonNode created = createKey("{\"name\":\"app\",\"scopes\":\"usage\"}");
            raw = created.path("key").asText();
            TestHttp app = fx.withKey(raw);
            app.get("/messages/usage");
            app.post("/messages/send", sms("+12505550100"));
            fx.withKey(raw.substring(0, 70) + "00").get("/messages/usage");
            fx.admin()
                    .delete("/clients/" + shop.id() + "/api-keys/"
                            + created.path("id").asLong());
            app.get("/messages/usage");
            fx.apiKeys.flushLastUsed();
        } finally {
            root.setLevel(level);
            root.detachAppender(logged);
        }

        String secret = raw.substring(16);
        assertThat(logged.list).isNotEmpty();
        assertThat(logged.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(line -> line.contains(secret))
                .anyMatch(line -> line.contains(raw.substring(0, 16)));
        assertThat(everyStoredValue())
                .noneMatch(value -> value.contains(secret))
                .contains(ApiKeys.hash(raw));
    }

    @Test
    void failedKeysCountAsFailedLoginsOfTheirSource() {
        String valid = createKey("{}").path("key").asText();
        for (int i = 0; i < 10; i++) {
            assertThat(fx.anonymous().get("/messages/usage").statusCode())
                    .as("no credentials: no guess")
                    .isEqualTo(401);
        }
        assertThat(fx.withKey(valid).get("/messages/usage").statusCode()).isEqualTo(200);
        for (int i = 0; i < 6; i++) {
            String guess = "gw_live_" + String.format("%064x", i);
            assertThat(fx.withKey(guess).get("/messages/usage").statusCode()).isEqualTo(401);
        }

        HttpResponse<String> barred = fx.withKey(valid).get("/messages/usage");

        assertThat(barred.statusCode()).isEqualTo(429);
        assertThat(barred.headers().firstValue("Retry-After")).isPresent();
        fx.clock.advance(Duration.ofSeconds(2));
        assertThat(fx.withKey(valid).get("/messages/usage").statusCode()).isEqualTo(200);
    }

    @Test
    void keysAreForWebClientsOnly() {
        Client pbx = fx.client("pbx", ClientType.LEGACY, MessagingFixture.settings(ApiFormat.GENERIC, null));
        assertThat(fx.admin().post("/clients/" + pbx.id() + "/api-keys", "{}").statusCode())
                .isEqualTo(400);
        assertThat(fx.admin().post("/clients/424242/api-keys", "{}").statusCode())
                .isEqualTo(404);
        assertThat(fx.admin()
                        .post("/clients/" + shop.id() + "/api-keys", "{\"scopes\":\"send,admin\"}")
                        .statusCode())
                .isEqualTo(400);
    }

    /** Every value of every row of every table, as text. */
    private List<String> everyStoredValue() throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection connection = fx.dataSource.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    if (!"INFORMATION_SCHEMA".equalsIgnoreCase(rs.getString("TABLE_SCHEM"))) {
                        tables.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
                    }
                }
            }
            try (Statement statement = connection.createStatement()) {
                for (String table : tables) {
                    try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                        while (rows.next()) {
                            for (int c = 1; c <= rows.getMetaData().getColumnCount(); c++) {
                                values.add(String.valueOf(rows.getObject(c)));
                            }
                        }
                    }
                }
            }
        }
        return values;
    }
}
