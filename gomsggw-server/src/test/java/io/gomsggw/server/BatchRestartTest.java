package io.gomsggw.server;

import static io.gomsggw.core.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gomsggw.server.config.ConfigLoader;
import io.gomsggw.server.config.GatewayConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled gateway stopped in the middle of a batch sent with an API key and started again on
 * the same data directory: the batch resumes where it was and every row becomes exactly one
 * message. (A real SIGKILL is {@link CrashSafetyIT}'s.)
 */
class BatchRestartTest {
    private static final String API_KEY = "batch-admin-key";
    private static final int ROWS = 200;

    @TempDir
    Path workingDirectory;

    private Gateway gateway;
    private final WebhookReceiver receiver = new WebhookReceiver();

    BatchRestartTest() throws Exception {}

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
        GatewayConfig config = new ConfigLoader("batch-host", 2).load(env, workingDirectory);
        gateway = Gateway.start(
                config, Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private String base() {
        return "http://127.0.0.1:" + gateway.webAddress().getPort();
    }

    private long webClient(HttpProbe admin, String username, String number, String webhook) throws Exception {
        HttpProbe.Reply created = admin.post(
                "/clients",
                "{\"username\":\"" + username + "\",\"password\":\"pw-" + username + "\",\"type\":\"web\"}");
        assertThat(created.status()).isEqualTo(201);
        long id = created.body().get("id").asLong();
        if (webhook != null) {
            assertThat(admin.put("/clients/" + id + "/settings", "{\"default_webhook\":\"" + webhook + "\"}")
                            .status())
                    .isEqualTo(200);
        }
        assertThat(admin.post("/clients/" + id + "/numbers", "{\"number\":\"" + number + "\",\"carrier\":\"loop\"}")
                        .status())
                .isEqualTo(201);
        return id;
    }

    @Test
    void aBatchStoppedHalfWayResumesAfterARestartAndSendsEachRowOnce() throws Exception {
        start();
        HttpProbe admin = new HttpProbe(base(), API_KEY);
        assertThat(admin.post("/carriers", "{\"name\":\"loop\",\"type\":\"loopback\"}")
                        .status())
                .isEqualTo(201);
        long alice = webClient(admin, "alice", "+12505550001", null);
        webClient(admin, "bob", "+12505550002", receiver.url("/bob"));
        HttpProbe.Reply key =
                admin.post("/clients/" + alice + "/api-keys", "{\"name\":\"campaigns\",\"scopes\":\"batch\"}");
        assertThat(key.status()).isEqualTo(201);
        String rawKey = key.body().get("key").asText();
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < ROWS; i++) {
            rows.append(i == 0 ? "" : ",")
                    .append("{\"to\":\"+12505550002\",\"variables\":{\"n\":\"")
                    .append(i)
                    .append("\"}}");
        }

        HttpProbe.Reply accepted = keyProbe(rawKey)
                .post(
                        "/messages/batch",
                        "{\"from\":\"+12505550001\","
                                + "\"text_template\":\"row {{n}}\",\"throttle_per_second\":100,\"messages\":[" + rows
                                + "]}");
        assertThat(accepted.status()).as(String.valueOf(accepted.body())).isEqualTo(202);
        String batch = accepted.body().get("id").asText();
        await("a quarter delivered", () -> delivered().size() >= ROWS / 4);
        gateway.close();
        int beforeRestart = delivered().size();
        assertThat(beforeRestart).as("stopped in the middle").isLessThan(ROWS);

        start();
        HttpProbe client = keyProbe(rawKey);
        await("batch completed", () -> "completed".equals(status(client, batch)));

        JsonNode job = client.get("/messages/batch/" + batch).body();
        assertThat(job.get("sent_count").asInt()).isEqualTo(ROWS);
        assertThat(job.get("pending_count").asInt()).isZero();
        HttpProbe.Reply items = client.get("/messages/batch/" + batch + "/messages?per_page=500");
        Set<String> rowIds = new HashSet<>();
        items.body().forEach(item -> rowIds.add(item.get("id").asText()));
        assertThat(rowIds).hasSize(ROWS);
        HttpProbe.Reply history =
                new HttpProbe(base(), "alice", "pw-alice").get("/messages/history?direction=outbound&per_page=200");
        Set<String> messageIds = new HashSet<>();
        history.body().get("messages").forEach(m -> messageIds.add(m.get("id").asText()));
        assertThat(messageIds)
                .as("one message per row, under the row's id, and no other")
                .isEqualTo(rowIds);
        await("every row at bob's webhook", () -> delivered().containsAll(rowIds));
        Map<String, Long> deliveries = receiver.bodies.stream()
                .filter(b -> b.has("text"))
                .collect(Collectors.groupingBy(b -> b.get("text").asText(), Collectors.counting()));
        assertThat(deliveries).hasSize(ROWS);
        System.out.printf(
                "batch restart: rows=%d delivered before the stop=%d delivered twice=%d%n",
                ROWS,
                beforeRestart,
                deliveries.values().stream().filter(n -> n > 1).count());
    }

    private static String status(HttpProbe client, String batch) {
        try {
            return client.get("/messages/batch/" + batch).body().path("status").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpProbe keyProbe(String rawKey) {
        return HttpProbe.bearer(base(), rawKey);
    }

    private Set<String> delivered() {
        List<JsonNode> messages =
                receiver.bodies.stream().filter(b -> b.has("text")).toList();
        return messages.stream().map(b -> b.get("id").asText()).collect(Collectors.toSet());
    }
}
