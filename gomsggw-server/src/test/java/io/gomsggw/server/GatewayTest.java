package io.gomsggw.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gomsggw.server.config.ConfigException;
import io.gomsggw.server.config.ConfigLoader;
import io.gomsggw.server.config.GatewayConfig;
import io.gomsggw.server.database.EmptyPostgresSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayTest {
    private static final String API_KEY = "test-admin-key";

    @TempDir
    Path workingDirectory;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void answersHealthWithoutCredentials() throws Exception {
        gateway = start(Map.of("API_KEY", API_KEY));

        HttpProbe.Reply health = probe(null).get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().toString()).contains("http");
        assertThat(probe(null).get("/clients").status()).isEqualTo(401);
        assertThat(probe("wrong").get("/clients").status()).isEqualTo(401);
        assertThat(probe(API_KEY).get("/clients").status()).isEqualTo(200);
    }

    @Test
    void dataCreatedOverTheAdminApiSurvivesARestart() throws Exception {
        gateway = start(Map.of("API_KEY", API_KEY));
        HttpProbe admin = probe(API_KEY);
        assertThat(admin.post("/carriers", """
                {"name": "telnyx-main", "type": "telnyx", "password": "KEY0123", "profile_id": "p-1"}
                """).status()).isEqualTo(201);
        HttpProbe.Reply created = admin.post("/clients", """
                {"username": "pbx1", "password": "s3cret", "name": "Office PBX", "type": "legacy", "address": "192.0.2.10"}
                """);
        assertThat(created.status()).isEqualTo(201);
        long clientId = created.body().get("id").asLong();
        assertThat(admin.post("/clients/" + clientId + "/numbers", """
                {"number": "(250) 555-1234", "carrier": "telnyx-main", "tag": "front desk"}
                """).status())
                .isEqualTo(201);
        gateway.close();

        gateway = start(Map.of("API_KEY", API_KEY));
        HttpProbe restarted = probe(API_KEY);

        JsonNode carriers = restarted.get("/carriers").body();
        assertThat(carriers).hasSize(1);
        assertThat(carriers.get(0).get("name").asText()).isEqualTo("telnyx-main");
        assertThat(carriers.get(0).has("password")).isFalse();
        JsonNode client = restarted.get("/clients/" + clientId).body();
        assertThat(client.get("username").asText()).isEqualTo("pbx1");
        JsonNode numbers = restarted.get("/clients/" + clientId + "/numbers").body();
        assertThat(numbers).hasSize(1);
        assertThat(numbers.get(0).get("number").asText()).isEqualTo("+12505551234");
    }

    @Test
    void refusesACarrierOfAnUnknownType() throws Exception {
        gateway = start(Map.of("API_KEY", API_KEY));

        HttpProbe.Reply reply = probe(API_KEY).post("/carriers", """
                {"name": "other", "type": "carrier-pigeon", "password": "x"}
                """);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("error").asText())
                .contains("unknown carrier type 'carrier-pigeon'", "telnyx", "twilio");
    }

    @Test
    void generatesTheAdminKeyOnFirstStartAndShowsItOnce() throws Exception {
        gateway = start(Map.of());
        String apiKey =
                Files.readString(workingDirectory.resolve("data/api_key")).strip();

        assertThat(consoleText())
                .contains("Admin API key (shown once, stored in ")
                .contains(apiKey);
        assertThat(probe(apiKey).get("/clients").status()).isEqualTo(200);

        gateway.close();
        console.reset();
        gateway = start(Map.of());

        assertThat(consoleText()).doesNotContain(apiKey);
        assertThat(probe(apiKey).get("/clients").status()).isEqualTo(200);
    }

    @Test
    void aTakenWebPortIsNamedAndReleasesWhatWasOpened() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + taken.getLocalPort();

            assertThatThrownBy(() -> start(Map.of("API_KEY", API_KEY, "WEB_LISTEN", address)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("WEB_LISTEN: address " + address + " is already in use");
        }
        gateway = start(Map.of("API_KEY", API_KEY));
        assertThat(probe(null).get("/health").status()).isEqualTo(200);
    }

    @Test
    void exposesPrometheusMetricsOnItsOwnListener() throws Exception {
        gateway = start(Map.of("API_KEY", API_KEY, "PROMETHEUS_PATH", "/prom"));
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                                        + gateway.metricsAddress().getPort() + "/prom"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .get()
                .asString()
                .startsWith("text/plain");
        assertThat(response.body())
                .contains("gomsggw_queue_depth{queue=\"in_flight\"}")
                .contains("jvm_memory_used_bytes");
    }

    /** Runs where {@code .ci/run} provides a PostgreSQL server. */
    @Test
    void dataSurvivesARestartOnPostgres() throws Exception {
        Optional<EmptyPostgresSchema> schema = EmptyPostgresSchema.create();
        assumeTrue(schema.isPresent(), "GOMSGGW_TEST_POSTGRES_URL is not set");
        try (EmptyPostgresSchema dropped = schema.get()) {
            Map<String, String> env = Map.of(
                    "API_KEY", API_KEY, "ENCRYPTION_KEY", "test-encryption-key", "DATABASE_URL", dropped.jdbcUrl());
            gateway = start(env);
            assertThat(probe(API_KEY).post("/carriers", """
                    {"name": "twilio-main", "type": "twilio", "username": "AC123", "password": "token"}
                    """).status()).isEqualTo(201);
            gateway.close();

            gateway = start(env);

            assertThat(probe(null).get("/health").status()).isEqualTo(200);
            assertThat(probe(API_KEY).get("/carriers").body().findValuesAsText("name"))
                    .containsExactly("twilio-main");
            gateway.close();
        }
    }

    @Test
    void theWebServerTakesItsLimitsFromTheConfigurationAndThrottlesFailedLogins() throws Exception {
        gateway = start(Map.of("API_KEY", API_KEY, "HTTP_MAX_BODY_BYTES", "1024"));

        HttpProbe.Reply tooLarge = probe(API_KEY).post("/clients", "{\"name\":\"" + "x".repeat(2000) + "\"}");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.body().get("error").asText()).isEqualTo("request body exceeds 1024 bytes");

        HttpProbe guesser = probe("wrong-key");
        for (int i = 0; i < 6; i++) {
            assertThat(guesser.get("/clients").status()).isEqualTo(401);
        }
        assertThat(guesser.get("/clients").status()).isEqualTo(429);
        assertThat(probe(API_KEY).get("/clients").status()).isEqualTo(429);
    }

    private Gateway start(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("WEB_LISTEN", "127.0.0.1:0");
        env.putIfAbsent("PROMETHEUS_LISTEN", "127.0.0.1:0");
        env.putIfAbsent("SMPP_LISTEN", "127.0.0.1:0");
        env.putIfAbsent("MM4_LISTEN", "127.0.0.1:0");
        // no video here: spare each gateway of the test its video and audio worker process
        env.putIfAbsent("TRANSCODER_AV_WORKERS", "0");
        GatewayConfig config = new ConfigLoader("test-host", 2).load(env, workingDirectory);
        return Gateway.start(config, Clock.systemUTC(), new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    private HttpProbe probe(String apiKey) {
        return new HttpProbe("http://127.0.0.1:" + gateway.webAddress().getPort(), apiKey);
    }

    private String consoleText() {
        return console.toString(StandardCharsets.UTF_8);
    }
}
