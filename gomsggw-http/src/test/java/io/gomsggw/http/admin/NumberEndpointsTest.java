package io.gomsggw.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gomsggw.core.model.ClientNumber;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumberEndpointsTest extends AdminServerTest {
    private long client;

    @BeforeEach
    void clientAndCarrier() {
        client = createWebClient("app", "pw");
        createCarrier("telnyx", "key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1 (250) 555-1234", "1-250-555-1234", "2505551234"})
    void numbersAreStoredAndReturnedInE164(String written) {
        JsonNode added = expect(201, http.post("/clients/" + client + "/numbers", """
                {"number": "%s", "carrier": "telnyx", "tag": "sales", "group": "west",
                 "webhook": "https://app.example/in", "ignore_stop_cmd_sending": true}""".formatted(written)));

        assertThat(added.get("number").asText()).isEqualTo("+12505551234");
        assertThat(added.get("client_id").asLong()).isEqualTo(client);
        assertThat(added.get("carrier").asText()).isEqualTo("telnyx");
        assertThat(added.get("tag").asText()).isEqualTo("sales");
        assertThat(added.get("group").asText()).isEqualTo("west");
        assertThat(added.get("ignore_stop_cmd_sending").asBoolean()).isTrue();
        assertThat(added.get("settings").get("auto_reply_cooldown_secs").asInt())
                .isEqualTo(60);
        assertThat(expect(200, http.get("/clients/" + client + "/numbers"))
                        .get(0)
                        .get("number")
                        .asText())
                .isEqualTo("+12505551234");
    }

    @Test
    void aChangeIsVisibleInTheDirectoryAtOnce() {
        long id = addNumber(client, "2505551234", "telnyx");
        assertThat(directory.number("+12505551234")).map(ClientNumber::clientId).contains(client);

        expect(200, http.put("/clients/" + client + "/numbers/" + id, "{\"tag\": \"support\"}"));
        assertThat(directory.number("+12505551234")).map(ClientNumber::tag).contains("support");

        expect(200, http.delete("/clients/" + client + "/numbers/" + id));
        assertThat(directory.number("+12505551234")).isEmpty();
    }

    @Test
    void whatIsNotAPhoneNumberIs400NamingNumber() {
        expectFieldError(400, "number", http.post("/clients/" + client + "/numbers", """
                {"number": "12ab", "carrier": "telnyx"}"""));
        expectFieldError(400, "number", http.post("/clients/" + client + "/numbers", """
                {"carrier": "telnyx"}"""));
    }

    @Test
    void anUnknownCarrierIs400NamingCarrier() {
        expectFieldError(400, "carrier", http.post("/clients/" + client + "/numbers", """
                {"number": "2505551234", "carrier": "nobody"}"""));
    }

    @Test
    void aNumberOwnedByAnotherClientIs409() {
        long other = createWebClient("other", "pw");
        addNumber(client, "2505551234", "telnyx");
        expectFieldError(409, "number", http.post("/clients/" + other + "/numbers", """
                {"number": "+1 250 555 1234", "carrier": "telnyx"}"""));
    }

    @Test
    void updateIsPartialAndOnlyThroughTheOwner() {
        long id = expect(201, http.post("/clients/" + client + "/numbers", """
                {"number": "2505551234", "carrier": "telnyx", "tag": "sales", "webhook": "https://app.example/in"}"""))
                .get("id")
                .asLong();
        long other = createWebClient("other", "pw");

        JsonNode answer = expect(200, http.put("/clients/" + client + "/numbers/" + id, """
                {"group": "east", "auto_reply_enabled": true}"""));
        assertThat(answer.get("message").asText()).isEqualTo("Number updated");
        JsonNode updated = answer.get("number");

        assertThat(updated.get("tag").asText()).isEqualTo("sales");
        assertThat(updated.get("group").asText()).isEqualTo("east");
        assertThat(updated.get("webhook").asText()).isEqualTo("https://app.example/in");
        assertThat(updated.get("settings").get("auto_reply_enabled").asBoolean())
                .isTrue();
        expect(404, http.put("/clients/" + other + "/numbers/" + id, "{\"tag\": \"x\"}"));
        expect(404, http.delete("/clients/" + other + "/numbers/" + id));
        expectFieldError(
                400, "carrier", http.put("/clients/" + client + "/numbers/" + id, "{\"carrier\": \"nobody\"}"));
        expect(200, http.delete("/clients/" + client + "/numbers/" + id));
        assertThat(expect(200, http.get("/clients/" + client + "/numbers"))).isEmpty();
    }

    @Test
    void numberSettingsAreReadAndUpdatedPartially() {
        long id = addNumber(client, "2505551234", "telnyx");

        JsonNode updated = expect(200, http.put("/numbers/" + id + "/settings", """
                {"sms_daily_limit": 100, "limit_both": true, "auto_reply_message": "Closed"}"""));
        assertThat(updated.get("settings").get("sms_daily_limit").asLong()).isEqualTo(100);
        expect(200, http.put("/numbers/" + id + "/settings", "{\"auto_reply_cooldown_secs\": 120}"));

        JsonNode settings = expect(200, http.get("/numbers/" + id + "/settings"));
        assertThat(settings.get("number_id").asLong()).isEqualTo(id);
        assertThat(settings.get("number").asText()).isEqualTo("+12505551234");
        assertThat(settings.get("sms_daily_limit").asLong()).isEqualTo(100);
        assertThat(settings.get("mms_daily_limit").asLong()).isZero();
        assertThat(settings.get("limit_both").asBoolean()).isTrue();
        assertThat(settings.get("auto_reply_message").asText()).isEqualTo("Closed");
        assertThat(settings.get("auto_reply_cooldown_secs").asInt()).isEqualTo(120);
        expectFieldError(
                400,
                "auto_reply_cooldown_secs",
                http.put("/numbers/" + id + "/settings", "{\"auto_reply_cooldown_secs\": -5}"));
        expect(404, http.get("/numbers/999999/settings"));
    }

    @Test
    void autoReplyShowsTheResolvedView() {
        long id = addNumber(client, "2505551234", "telnyx");

        JsonNode view = expect(200, http.get("/numbers/" + id + "/auto-reply"));
        assertThat(view.get("number_id").asLong()).isEqualTo(id);
        assertThat(view.get("number").asText()).isEqualTo("+12505551234");
        assertThat(view.get("master_enabled").asBoolean()).isTrue();
        assertThat(view.get("enabled").asBoolean()).isFalse();
        assertThat(view.get("effective_enabled").asBoolean()).isFalse();
        assertThat(view.get("message").isNull()).isTrue();
        assertThat(view.get("effective_message").asText()).isEqualTo(DEFAULT_AUTO_REPLY);
        assertThat(view.get("cooldown_secs").asInt()).isEqualTo(60);
        assertThat(view.get("suppressed_by_stop").asBoolean()).isFalse();

        JsonNode enabled = expect(200, http.put("/numbers/" + id + "/auto-reply", """
                {"enabled": true, "message": "Back Monday"}"""));
        assertThat(enabled.get("message").asText()).isEqualTo("Auto-reply settings updated");
        assertThat(enabled.get("settings").get("enabled").asBoolean()).isTrue();
        assertThat(enabled.get("settings").get("message").asText()).isEqualTo("Back Monday");
        JsonNode resolved = expect(200, http.get("/numbers/" + id + "/auto-reply"));
        assertThat(resolved.get("effective_enabled").asBoolean()).isTrue();
        assertThat(resolved.get("effective_message").asText()).isEqualTo("Back Monday");

        expect(200, http.put("/numbers/" + id + "/auto-reply", "{\"message\": \"\"}"));
        JsonNode cleared = expect(200, http.get("/numbers/" + id + "/auto-reply"));
        assertThat(cleared.get("enabled").asBoolean()).isTrue();
        assertThat(cleared.get("effective_message").asText()).isEqualTo(DEFAULT_AUTO_REPLY);
        assertThat(directory.number("+12505551234").orElseThrow().settings().autoReplyEnabled())
                .isTrue();
        expectFieldError(400, "enabled", http.put("/numbers/" + id + "/auto-reply", "{\"enabled\": 1}"));
    }

    @Test
    void numbersOfAnUnknownClientAre404() {
        expect(404, http.get("/clients/999999/numbers"));
        expect(404, http.post("/clients/999999/numbers", "{\"number\": \"2505551234\", \"carrier\": \"telnyx\"}"));
    }
}
