package io.gomsggw.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gomsggw.core.admin.LiveSession;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FailoverEndpointsTest extends AdminServerTest {
    private long primary;
    private long backup;

    @BeforeEach
    void clients() {
        primary = createWebClient("primary", "pw");
        backup = createWebClient("backup", "pw");
    }

    @Test
    void addsListsUpdatesAndDeletesFailovers() {
        liveSessions.add(new LiveSession("smpp", backup, "backup", "192.0.2.7", Instant.now(), null));

        JsonNode added = expect(201, http.post("/clients/" + primary + "/failovers", """
                {"fallback_client_id": %d, "priority": 2}""".formatted(backup)));
        long id = added.get("id").asLong();
        assertThat(added.get("primary_client_id").asLong()).isEqualTo(primary);
        assertThat(added.get("fallback_client_id").asLong()).isEqualTo(backup);
        assertThat(added.get("fallback_client_username").asText()).isEqualTo("backup");
        assertThat(added.get("priority").asInt()).isEqualTo(2);
        assertThat(added.get("enabled").asBoolean()).isTrue();
        assertThat(added.get("fallback_online").asBoolean()).isTrue();
        assertThat(directory.failoversOf(primary)).hasSize(1);

        JsonNode list = expect(200, http.get("/clients/" + primary + "/failovers"));
        assertThat(list).hasSize(1);

        JsonNode updated = expect(200, http.put("/clients/" + primary + "/failovers/" + id, "{\"enabled\": false}"));
        assertThat(updated.get("enabled").asBoolean()).isFalse();
        assertThat(updated.get("priority").asInt()).isEqualTo(2);
        assertThat(directory.failoversOf(primary).get(0).enabled()).isFalse();

        expect(404, http.put("/clients/" + backup + "/failovers/" + id, "{\"enabled\": true}"));
        expect(200, http.delete("/clients/" + primary + "/failovers/" + id));
        assertThat(expect(200, http.get("/clients/" + primary + "/failovers"))).isEmpty();
        assertThat(directory.failoversOf(primary)).isEmpty();
    }

    @Test
    void theFallbackMustExistAndDifferFromThePrimary() {
        String path = "/clients/" + primary + "/failovers";
        expectFieldError(400, "fallback_client_id", http.post(path, "{\"fallback_client_id\": 999999}"));
        expectFieldError(400, "fallback_client_id", http.post(path, "{\"fallback_client_id\": " + primary + "}"));
        expectFieldError(400, "fallback_client_id", http.post(path, "{\"priority\": 1}"));
        expectFieldError(400, "fallback_client_id", http.post(path, "{\"fallback_client_id\": \"two\"}"));
        expect(404, http.post("/clients/999999/failovers", "{\"fallback_client_id\": " + backup + "}"));
    }
}
