package io.gomsggw.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsNeverReturnedTest extends AdminServerTest {
    private static final String CLIENT_PASSWORD = "Client-Plaintext-91x";
    private static final String NEW_CLIENT_PASSWORD = "Client-Changed-72y";
    private static final String CARRIER_PASSWORD = "Carrier-Token-55z";
    private static final String NEW_CARRIER_PASSWORD = "Carrier-Rotated-38w";

    @Test
    void noResponseEverHoldsAPassword() {
        long client = createWebClient("app", CLIENT_PASSWORD);
        long carrier = createCarrier("main", CARRIER_PASSWORD);
        long number = addNumber(client, "2505551234", "main");
        long other = createWebClient("other", CLIENT_PASSWORD);
        long failover = http.post("/clients/" + client + "/failovers", "{\"fallback_client_id\": " + other + "}")
                .statusCode();
        expect(
                200,
                http.patch("/clients/" + client + "/password", "{\"new_password\": \"" + NEW_CLIENT_PASSWORD + "\"}"));
        expect(200, http.put("/carriers/" + carrier, "{\"password\": \"" + NEW_CARRIER_PASSWORD + "\"}"));
        expect(200, http.put("/clients/" + client + "/settings", "{\"sms_daily_limit\": 5}"));
        expect(200, http.put("/clients/" + client + "/numbers/" + number, "{\"tag\": \"t\"}"));

        for (String path : new String[] {
            "/clients",
            "/clients/" + client,
            "/clients/" + client + "/settings",
            "/clients/" + client + "/numbers",
            "/clients/" + client + "/failovers",
            "/clients/" + client + "/smpp-status",
            "/numbers/" + number + "/settings",
            "/numbers/" + number + "/auto-reply",
            "/carriers",
            "/carriers/" + carrier,
            "/stats",
            "/health"
        }) {
            expect(200, http.get(path));
        }
        expect(200, http.post("/clients/reload", null));
        expect(200, http.post("/carriers/reload", null));

        assertThat(failover).isEqualTo(201);
        assertThat(http.bodies())
                .hasSizeGreaterThan(15)
                .allSatisfy(body -> assertThat(body)
                        .doesNotContain(CLIENT_PASSWORD, NEW_CLIENT_PASSWORD, CARRIER_PASSWORD, NEW_CARRIER_PASSWORD)
                        .doesNotContain("\"password\""));
    }
}
