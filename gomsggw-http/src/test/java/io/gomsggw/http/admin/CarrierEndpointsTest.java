package io.gomsggw.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class CarrierEndpointsTest extends AdminServerTest {

    @Test
    void addsReadsUpdatesAndDeletesACarrier() {
        JsonNode added = expect(201, http.post("/carriers", """
                {"name": "main", "type": "twilio", "username": "AC123", "password": "auth-token",
                 "profile_id": "p1", "base_url": "http://127.0.0.1:9/twilio"}"""));
        long id = added.get("id").asLong();
        assertThat(added.get("name").asText()).isEqualTo("main");
        assertThat(added.get("type").asText()).isEqualTo("twilio");
        assertThat(added.get("username").asText()).isEqualTo("AC123");
        assertThat(added.get("uuid").asText()).hasSize(36);
        assertThat(added.has("password")).isFalse();
        assertThat(directory.carrierByName("main")).isPresent();

        assertThat(expect(200, http.get("/carriers/" + id)).get("profile_id").asText())
                .isEqualTo("p1");
        assertThat(expect(200, http.get("/carriers"))).hasSize(1);

        JsonNode updated = expect(200, http.put("/carriers/" + id, "{\"profile_id\": \"p2\", \"password\": \"new\"}"));
        assertThat(updated.get("profile_id").asText()).isEqualTo("p2");
        assertThat(updated.get("username").asText()).isEqualTo("AC123");
        assertThat(directory.carrierByName("main").orElseThrow().password().matches("new"))
                .isTrue();

        expect(200, http.delete("/carriers/" + id));
        expect(404, http.get("/carriers/" + id));
        assertThat(directory.carrierByName("main")).isEmpty();
    }

    @Test
    void aTakenNameIs409() {
        createCarrier("main", "k");
        expectFieldError(409, "name", http.post("/carriers", "{\"name\": \"main\", \"type\": \"telnyx\"}"));
    }

    @Test
    void anUnknownTypeOrMissingNameIs400() {
        expectFieldError(400, "type", http.post("/carriers", "{\"name\": \"x\", \"type\": \"pigeon\"}"));
        expectFieldError(400, "name", http.post("/carriers", "{\"type\": \"telnyx\"}"));
        expectFieldError(400, "base_url", http.post("/carriers", """
                {"name": "x", "type": "telnyx", "base_url": "gopher://x"}"""));
    }

    @Test
    void aCarrierInUseCannotBeDeleted() {
        long carrier = createCarrier("main", "k");
        addNumber(createWebClient("app", "pw"), "2505551234", "main");
        expect(409, http.delete("/carriers/" + carrier));
    }

    @Test
    void reloadAnswersWithCounts() {
        createCarrier("main", "k");
        JsonNode reloaded = expect(200, http.post("/carriers/reload", null));
        assertThat(reloaded.get("status").asText()).isEqualTo("Carriers reloaded");
        assertThat(reloaded.get("carriers").asInt()).isEqualTo(1);
    }
}
