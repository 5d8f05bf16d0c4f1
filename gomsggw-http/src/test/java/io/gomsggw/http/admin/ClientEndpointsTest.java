package io.gomsggw.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gomsggw.core.model.ApiFormat;
import org.junit.jupiter.api.Test;

class ClientEndpointsTest extends AdminServerTest {

    @Test
    void createAnswers201WithIdUsernameAndType() {
        JsonNode created = expect(201, http.post("/clients", """
                {"username": "pbx1", "password": "pw", "name": "Office", "type": "legacy", "address": "10.0.0.5",
                 "timezone": "America/Vancouver", "log_privacy": true, "unknown_field": [1, 2]}"""));

        assertThat(created.get("id").asLong()).isPositive();
        assertThat(created.get("username").asText()).isEqualTo("pbx1");
        assertThat(created.get("type").asText()).isEqualTo("legacy");
        assertThat(directory.clientByUsername("pbx1")).isPresent();
    }

    @Test
    void getShowsTheClientWithFlattenedSettingsAndNumbers() {
        long id = createWebClient("app", "pw");
        createCarrier("telnyx", "key");
        addNumber(id, "2505551234", "telnyx");

        JsonNode client = expect(200, http.get("/clients/" + id));

        assertThat(client.get("id").asLong()).isEqualTo(id);
        assertThat(client.get("username").asText()).isEqualTo("app");
        assertThat(client.get("type").asText()).isEqualTo("web");
        assertThat(client.get("timezone").asText()).isEqualTo("UTC");
        assertThat(client.get("log_privacy").asBoolean()).isFalse();
        assertThat(client.has("password")).isFalse();
        JsonNode settings = client.get("settings");
        assertThat(settings.get("auth_method").asText()).isEqualTo("basic");
        assertThat(settings.get("api_format").asText()).isEqualTo("generic");
        // a new client has no delivery settings of its own: the environment's defaults apply
        assertThat(settings.get("webhook_retries").isNull()).isTrue();
        assertThat(settings.get("webhook_retry_delay_secs").isNull()).isTrue();
        assertThat(settings.get("delivery_window_hours").isNull()).isTrue();
        assertThat(settings.get("webhook_max_concurrency").isNull()).isTrue();
        assertThat(settings.get("sms_daily_limit").asLong()).isZero();
        assertThat(settings.get("limit_both").asBoolean()).isFalse();
        assertThat(client.get("numbers")).hasSize(1);
        assertThat(client.get("numbers").get(0).get("number").asText()).isEqualTo("+12505551234");
    }

    @Test
    void listShowsEveryClient() {
        createWebClient("a", "pw");
        createWebClient("b", "pw");

        JsonNode list = expect(200, http.get("/clients"));

        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("username").asText()).isEqualTo("a");
        assertThat(list.get(1).get("settings").get("client_id").asLong())
                .isEqualTo(list.get(1).get("id").asLong());
    }

    @Test
    void refusesInvalidClientsNamingTheField() {
        expectFieldError(400, "address", http.post("/clients", """
                {"username": "pbx", "password": "pw", "type": "legacy"}"""));
        expectFieldError(400, "timezone", http.post("/clients", """
                {"username": "pbx", "password": "pw", "type": "web", "timezone": "Mars/Olympus"}"""));
        expectFieldError(400, "type", http.post("/clients", """
                {"username": "pbx", "password": "pw", "type": "fax"}"""));
        expectFieldError(400, "type", http.post("/clients", """
                {"username": "pbx", "password": "pw", "type": 7}"""));
        expectFieldError(400, "username", http.post("/clients", """
                {"password": "pw", "type": "web"}"""));
        expectFieldError(400, "password", http.post("/clients", """
                {"username": "pbx", "type": "web"}"""));
        assertThat(expect(200, http.get("/clients"))).isEmpty();
    }

    @Test
    void aTakenUsernameIs409() {
        createWebClient("app", "pw");
        expectFieldError(409, "username", http.post("/clients", """
                {"username": "app", "password": "other", "type": "web"}"""));
    }

    @Test
    void malformedJsonIs400WithAnError() {
        JsonNode error = expect(400, http.post("/clients", "{\"username\": \"app\", "));
        assertThat(error.get("error").asText()).contains("not valid JSON");

        assertThat(expect(400, http.post("/clients", "[1, 2]")).get("error").asText())
                .contains("JSON object");
        assertThat(expect(400, http.post("/clients", "")).get("error").asText()).contains("JSON object");
    }

    @Test
    void deleteRemovesTheClientAndItsNumbers() {
        long id = createWebClient("app", "pw");
        createCarrier("telnyx", "key");
        addNumber(id, "2505551234", "telnyx");

        expect(200, http.delete("/clients/" + id));

        assertThat(expect(404, http.get("/clients/" + id)).get("error").asText())
                .contains("not found");
        assertThat(directory.client(id)).isEmpty();
        assertThat(directory.number("+12505551234")).isEmpty();
        expect(404, http.delete("/clients/" + id));
        assertThat(expect(400, http.get("/clients/not-a-number")).get("error").asText())
                .isEqualTo("Invalid client ID");
    }

    @Test
    void changesThePassword() {
        long id = createWebClient("app", "old-pw");

        expect(200, http.patch("/clients/" + id + "/password", """
                {"new_password": "new-pw"}"""));

        assertThat(directory.client(id).orElseThrow().password().matches("new-pw"))
                .isTrue();
        expectFieldError(400, "new_password", http.patch("/clients/" + id + "/password", "{}"));
        expect(404, http.patch("/clients/999999/password", """
                {"new_password": "x"}"""));
    }

    @Test
    void settingsAreReadAndUpdatedPartially() {
        long id = createWebClient("app", "pw");

        JsonNode first = expect(200, http.put("/clients/" + id + "/settings", """
                {"auth_method": "bearer", "sms_daily_limit": 500, "default_webhook": "https://app.example/hook"}"""));
        assertThat(first.get("message").asText()).isEqualTo("Settings updated");
        expect(200, http.put("/clients/" + id + "/settings", """
                {"api_format": "bicom", "mms_burst_limit": 3, "limit_both": true}"""));

        JsonNode settings = expect(200, http.get("/clients/" + id + "/settings"));
        assertThat(settings.get("client_id").asLong()).isEqualTo(id);
        assertThat(settings.get("auth_method").asText()).isEqualTo("bearer");
        assertThat(settings.get("api_format").asText()).isEqualTo("bicom");
        assertThat(settings.get("sms_daily_limit").asLong()).isEqualTo(500);
        assertThat(settings.get("mms_burst_limit").asLong()).isEqualTo(3);
        assertThat(settings.get("limit_both").asBoolean()).isTrue();
        assertThat(settings.get("default_webhook").asText()).isEqualTo("https://app.example/hook");
        assertThat(directory.client(id).orElseThrow().settings().apiFormat()).isEqualTo(ApiFormat.BICOM);
    }

    @Test
    void deliverySettingsOfAClientOverrideTheEnvironmentsDefaults() {
        long id = createWebClient("app", "pw");

        expect(200, http.put("/clients/" + id + "/settings", """
                {"webhook_retries": 1, "webhook_retry_delay_secs": 30, "delivery_window_hours": 72,
                 "webhook_max_concurrency": 4}"""));

        JsonNode settings = expect(200, http.get("/clients/" + id + "/settings"));
        assertThat(settings.get("webhook_retries").asInt()).isEqualTo(1);
        assertThat(settings.get("webhook_retry_delay_secs").asInt()).isEqualTo(30);
        assertThat(settings.get("delivery_window_hours").asInt()).isEqualTo(72);
        assertThat(settings.get("webhook_max_concurrency").asInt()).isEqualTo(4);
        var stored = directory.client(id).orElseThrow().settings();
        assertThat(stored.deliveryWindowHours()).isEqualTo(72);
        assertThat(stored.webhookMaxConcurrency()).isEqualTo(4);
        String path = "/clients/" + id + "/settings";
        expectFieldError(400, "delivery_window_hours", http.put(path, "{\"delivery_window_hours\": 0}"));
        expectFieldError(400, "webhook_max_concurrency", http.put(path, "{\"webhook_max_concurrency\": 0}"));
        expectFieldError(400, "webhook_retry_delay_secs", http.put(path, "{\"webhook_retry_delay_secs\": -1}"));
    }

    @Test
    void aPbxMayHaveItsOwnMmsSizeAndGoBackToMmsMaxSize() {
        long id = createWebClient("pbx", "pw");
        String path = "/clients/" + id + "/settings";
        assertThat(expect(200, http.get(path)).get("mms_max_bytes").isNull()).isTrue();

        expect(200, http.put(path, "{\"mms_max_bytes\": 300000}"));
        assertThat(expect(200, http.get(path)).get("mms_max_bytes").asLong()).isEqualTo(300_000);
        assertThat(directory.client(id).orElseThrow().settings().mmsMaxBytes()).isEqualTo(300_000L);

        expectFieldError(400, "mms_max_bytes", http.put(path, "{\"mms_max_bytes\": 100}"));
        expectFieldError(400, "mms_max_bytes", http.put(path, "{\"mms_max_bytes\": -1}"));
        expect(200, http.put(path, "{\"mms_max_bytes\": 0}"));
        assertThat(expect(200, http.get(path)).get("mms_max_bytes").isNull()).isTrue();
    }

    @Test
    void invalidSettingsAre400NamingTheField() {
        long id = createWebClient("app", "pw");
        String path = "/clients/" + id + "/settings";

        expectFieldError(400, "auth_method", http.put(path, "{\"auth_method\": \"digest\"}"));
        expectFieldError(400, "api_format", http.put(path, "{\"api_format\": \"soap\"}"));
        expectFieldError(400, "sms_daily_limit", http.put(path, "{\"sms_daily_limit\": -1}"));
        expectFieldError(400, "sms_daily_limit", http.put(path, "{\"sms_daily_limit\": \"lots\"}"));
        expectFieldError(400, "limit_both", http.put(path, "{\"limit_both\": \"yes\"}"));
        expectFieldError(400, "default_webhook", http.put(path, "{\"default_webhook\": \"ftp://x.example\"}"));
        expect(404, http.put("/clients/999999/settings", "{\"sms_daily_limit\": 1}"));
        assertThat(expect(200, http.get(path)).get("auth_method").asText()).isEqualTo("basic");
    }

    @Test
    void reloadReadsTheDatabase() {
        createWebClient("app", "pw");
        JsonNode reloaded = expect(200, http.post("/clients/reload", null));
        assertThat(reloaded.get("status").asText()).isEqualTo("Clients and Numbers reloaded");
        assertThat(reloaded.get("clients").asInt()).isEqualTo(1);
        assertThat(reloaded.has("loaded_at")).isTrue();
    }
}
