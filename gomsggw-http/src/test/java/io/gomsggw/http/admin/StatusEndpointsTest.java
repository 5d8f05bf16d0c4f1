package io.gomsggw.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gomsggw.core.admin.LiveSession;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusEndpointsTest extends AdminServerTest {

    @Test
    void healthNeedsNoCredentialsAndReportsTheDatabaseAndEachListener() {
        http.basic(null, null);
        JsonNode health = expect(200, http.get("/health"));
        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.get("database").asText()).isEqualTo("up");
        assertThat(health.get("listeners").get("http").asText()).isEqualTo("up");
        assertThat(health.get("listeners").get("smpp").asText()).isEqualTo("up");
        assertThat(health.has("down")).as("nothing is down").isFalse();

        databaseUp.set(false);
        JsonNode down = expect(503, http.get("/health"));
        assertThat(down.get("database").asText()).isEqualTo("down");
        assertThat(down.get("down")).extracting(JsonNode::asText).containsExactly("database");

        databaseUp.set(true);
        smppUp.set(false);
        JsonNode listenerDown = expect(503, http.get("/health"));
        assertThat(listenerDown.get("status").asText()).isEqualTo("unavailable");
        assertThat(listenerDown.get("database").asText()).isEqualTo("up");
        assertThat(listenerDown.get("listeners").get("smpp").asText()).isEqualTo("down");
        assertThat(listenerDown.get("down")).extracting(JsonNode::asText).containsExactly("smpp");
        smppUp.set(true);

        databaseUp.set(true);
        ready.set(false);
        JsonNode starting = expect(503, http.get("/health"));
        assertThat(starting.get("status").asText())
                .as("still starting or already stopping")
                .isEqualTo("unavailable");
        assertThat(starting.get("database").asText()).isEqualTo("up");
    }

    @Test
    void statsWithoutSessionsAreEmpty() {
        JsonNode stats = expect(200, http.get("/stats"));
        assertThat(stats.get("smpp_connected_clients").asInt()).isZero();
        assertThat(stats.get("smpp_clients")).isEmpty();
        assertThat(stats.get("mm4_connected_clients").asInt()).isZero();
        assertThat(stats.get("mm4_clients")).isEmpty();
    }

    @Test
    void statsCountClientsAndListSessions() {
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        liveSessions.add(new LiveSession("smpp", 1, "pbx1", "192.0.2.1", t0, t0.plusSeconds(5)));
        liveSessions.add(new LiveSession("smpp", 1, "pbx1", "192.0.2.1", t0, t0.plusSeconds(9)));
        liveSessions.add(new LiveSession("mm4", 2, "pbx2", "192.0.2.2", t0, t0.plusSeconds(1)));
        liveSessions.add(new LiveSession("mm4", 2, "pbx2", "192.0.2.2", t0.plusSeconds(2), t0.plusSeconds(30)));

        JsonNode stats = expect(200, http.get("/stats"));

        assertThat(stats.get("smpp_connected_clients").asInt()).isEqualTo(1);
        assertThat(stats.get("smpp_clients")).hasSize(2);
        assertThat(stats.get("smpp_clients").get(0).get("ip_address").asText()).isEqualTo("192.0.2.1");
        assertThat(stats.get("smpp_clients").get(1).get("last_seen").asText()).isEqualTo("2026-03-01T10:00:09Z");
        assertThat(stats.get("mm4_connected_clients").asInt()).isEqualTo(1);
        JsonNode mm4 = stats.get("mm4_clients").get(0);
        assertThat(mm4.get("username").asText()).isEqualTo("pbx2");
        assertThat(mm4.get("active_sessions").asInt()).isEqualTo(2);
        assertThat(mm4.get("first_connect_at").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(mm4.get("last_activity_at").asText()).isEqualTo("2026-03-01T10:00:30Z");
    }

    @Test
    void smppStatusShowsTheClientAndItsFailovers() {
        long primary = createWebClient("primary", "pw");
        long backup = createWebClient("backup", "pw");
        expect(201, http.post("/clients/" + primary + "/failovers", "{\"fallback_client_id\": " + backup + "}"));

        JsonNode offline = expect(200, http.get("/clients/" + primary + "/smpp-status"));
        assertThat(offline.get("online").asBoolean()).isFalse();
        assertThat(offline.get("ip").asText()).isEmpty();
        assertThat(offline.get("failovers").get(0).get("username").asText()).isEqualTo("backup");
        assertThat(offline.get("failovers").get(0).get("online").asBoolean()).isFalse();

        liveSessions.add(new LiveSession("smpp", primary, "primary", "192.0.2.9", Instant.now(), null));
        liveSessions.add(new LiveSession("smpp", backup, "backup", "192.0.2.10", Instant.now(), null));
        JsonNode online = expect(200, http.get("/clients/" + primary + "/smpp-status"));
        assertThat(online.get("online").asBoolean()).isTrue();
        assertThat(online.get("ip").asText()).isEqualTo("192.0.2.9");
        assertThat(online.get("failovers").get(0).get("online").asBoolean()).isTrue();

        expect(404, http.get("/clients/999999/smpp-status"));
    }
}
