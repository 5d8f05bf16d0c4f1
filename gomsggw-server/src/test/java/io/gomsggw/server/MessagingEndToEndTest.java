package io.gomsggw.server;

import static io.gomsggw.core.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.server.config.ConfigLoader;
import io.gomsggw.server.config.GatewayConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assembled gateway, in-process on free ports with embedded H2: messages through real HTTP. */
class MessagingEndToEndTest {
    private static final String API_KEY = "e2e-admin-key";

    @TempDir
    Path workingDirectory;

    private Gateway gateway;
    private final WebhookReceiver receiver = new WebhookReceiver();

    MessagingEndToEndTest() throws Exception {}

    @AfterEach
    void stop() {
        if (gateway != null) gateway.close();
        receiver.close();
    }

    private void start() {
        Map<String, String> env = new HashMap<>();
        env.put("API_KEY", API_KEY);
        env.put("WEB_LISTEN", "127.0.0.1:0");
        env.put("PROMETHEUS_LISTEN", "127.0.0.1:0");
        env.put("SMPP_LISTEN", "127.0.0.1:0");
        env.put("MM4_LISTEN", "127.0.0.1:0");
        // no video here: spare each gateway of the test its video and audio worker process
        env.put("TRANSCODER_AV_WORKERS", "0");
        GatewayConfig config = new ConfigLoader("e2e-host", 2).load(env, workingDirectory);
        gateway = Gateway.start(
                config, Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private String base() {
        return "http://127.0.0.1:" + gateway.webAddress().getPort();
    }

    private HttpProbe admin() {
        return new HttpProbe(base(), API_KEY);
    }

    private long webClient(String username, String number) throws Exception {
        HttpProbe.Reply created = admin().post(
                        "/clients",
                        "{\"username\":\"" + username + "\",\"password\":\"pw-" + username + "\",\"type\":\"web\"}");
        assertThat(created.status()).isEqualTo(201);
        long id = created.body().get("id").asLong();
        assertThat(admin().put(
                                "/clients/" + id + "/settings",
                                "{\"default_webhook\":\"" + receiver.url("/" + username) + "\"}")
                        .status())
                .isEqualTo(200);
        assertThat(admin().post("/clients/" + id + "/numbers", "{\"number\":\"" + number + "\",\"carrier\":\"loop\"}")
                        .status())
                .isEqualTo(201);
        return id;
    }

    private HttpProbe.Reply send(String username, String from, String to, String text) throws Exception {
        return new HttpProbe(base(), username, "pw-" + username)
                .post("/messages/send", "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"text\":\"" + text + "\"}");
    }

    @Test
    void webToWebIsDeliveredInternallyAndWebToCarrierReportsDeliveredBack() throws Exception {
        start();
        assertThat(admin().post("/carriers", "{\"name\":\"loop\",\"type\":\"loopback\",\"profile_id\":\"delay_ms=20\"}")
                        .status())
                .isEqualTo(201);
        webClient("alice", "+12505550001");
        webClient("bob", "+12505550002");

        HttpProbe.Reply internal = send("alice", "2505550001", "(250) 555-0002", "hi bob");
        assertThat(internal.status()).isEqualTo(202);
        String internalId = internal.body().get("id").asText();
        // Bob's webhook gets the message; Alice's gets its "delivered" status, with the same id.
        await("bob's webhook", () -> receiver.where("id", internalId).stream().anyMatch(b -> b.has("text")));
        assertThat(receiver.where("id", internalId).stream().filter(b -> b.has("text")))
                .singleElement()
                .satisfies(body -> {
                    assertThat(body.get("from").asText()).isEqualTo("+12505550001");
                    assertThat(body.get("to").asText()).isEqualTo("+12505550002");
                    assertThat(body.get("text").asText()).isEqualTo("hi bob");
                });

        HttpProbe.Reply external = send("alice", "+12505550001", "+16045550003", "hello world");
        assertThat(external.status()).isEqualTo(202);
        String externalId = external.body().get("id").asText();
        await(
                "delivered status webhook",
                () -> receiver.where("id", externalId).stream()
                        .anyMatch(b -> "delivered".equals(b.path("status").asText())));
        // The status webhook leaves as the change is made; the record shows it once the change is
        // written, one group commit later (docs/web-clients.md, status webhooks).
        HttpProbe alice = new HttpProbe(base(), "alice", "pw-alice");
        await("the record shows delivered", () -> "delivered".equals(statusOf(alice, externalId)));
        assertThat(alice.get("/messages/" + externalId).status()).isEqualTo(200);

        // Bob cannot read Alice's message, nor send from her number.
        assertThat(new HttpProbe(base(), "bob", "pw-bob")
                        .get("/messages/" + externalId)
                        .status())
                .isEqualTo(404);
        assertThat(send("bob", "+12505550001", "+16045550003", "spoof").status())
                .isEqualTo(403);
    }

    @Test
    void usageLimitsHoldAcrossARestart() throws Exception {
        start();
        admin().post("/carriers", "{\"name\":\"loop\",\"type\":\"loopback\"}");
        long alice = webClient("alice", "+12505550001");
        admin().put("/clients/" + alice + "/settings", "{\"sms_daily_limit\": 2}");
        assertThat(send("alice", "+12505550001", "+16045550003", "one").status())
                .isEqualTo(202);
        assertThat(send("alice", "+12505550001", "+16045550003", "two").status())
                .isEqualTo(202);
        HttpProbe.Reply refused = send("alice", "+12505550001", "+16045550003", "three");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body().get("limit_type").asText()).isEqualTo("daily_sms_client");

        gateway.close();
        start();
        assertThat(send("alice", "+12505550001", "+16045550003", "four").status())
                .isEqualTo(429);
        assertThat(new HttpProbe(base(), "alice", "pw-alice")
                        .get("/messages/usage")
                        .body()
                        .at("/client/sms/daily/current_usage")
                        .asLong())
                .isEqualTo(2);
    }

    /** docs/grafana-dashboard.json queries only series a node that has done some work exposes. */
    @Test
    void theGrafanaDashboardQueriesOnlyMetricsTheGatewayExposes() throws Exception {
        start();
        admin().post("/carriers", "{\"name\":\"loop\",\"type\":\"loopback\"}");
        long alice = webClient("alice", "+12505550001");
        webClient("bob", "+12505550002");
        admin().put("/clients/" + alice + "/settings", "{\"sms_daily_limit\": 2}");
        assertThat(send("alice", "+12505550001", "+12505550002", "to bob").status())
                .isEqualTo(202);
        assertThat(send("alice", "+12505550001", "+16045550003", "out").status())
                .isEqualTo(202);
        assertThat(send("alice", "+12505550001", "+16045550003", "over").status())
                .isEqualTo(429);
        await("both delivered", () -> scrapeMetrics().contains("gomsggw_messages_out_total{channel=\"carrier\""));

        String exposition = scrapeMetrics();
        java.util.Set<String> exposed = new java.util.HashSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                exposed.add(line.split("[{ ]", 2)[0]);
            }
        }
        com.fasterxml.jackson.databind.JsonNode dashboard = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Path.of("..", "docs", "grafana-dashboard.json").toFile());
        java.util.List<String> queried = new java.util.ArrayList<>();
        java.util.regex.Pattern metric = java.util.regex.Pattern.compile("\\b(?:gomsggw|jvm)_[a-z0-9_]+");
        for (com.fasterxml.jackson.databind.JsonNode panel : dashboard.get("panels")) {
            for (com.fasterxml.jackson.databind.JsonNode target : panel.get("targets")) {
                metric.matcher(target.get("expr").asText())
                        .results()
                        .map(java.util.regex.MatchResult::group)
                        .forEach(queried::add);
            }
        }
        metric.matcher(dashboard.get("templating").toString())
                .results()
                .map(java.util.regex.MatchResult::group)
                .forEach(queried::add);

        assertThat(queried).hasSizeGreaterThan(10);
        assertThat(exposed).containsAll(queried);
    }

    private String scrapeMetrics() {
        try {
            return java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                                            + gateway.metricsAddress().getPort() + "/metrics"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException("scrape failed", e);
        }
    }

    private static String statusOf(HttpProbe client, String messageId) {
        try {
            return client.get("/messages/" + messageId).body().path("status").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
