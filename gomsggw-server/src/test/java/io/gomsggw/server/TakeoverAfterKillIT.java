package io.gomsggw.server;

import static io.gomsggw.core.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gomsggw.server.database.EmptyPostgresSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes of the shaded jar on one PostgreSQL; node 1 is killed with SIGKILL while a web client
 * sends to an app whose webhook is down, and node 2 takes its work over once its lease has ended
 * (docs/scale-out.md, "Who works on a message"). Skipped without {@code GOMSGGW_TEST_POSTGRES_URL}.
 */
class TakeoverAfterKillIT {
    private static final String API_KEY = "takeover-admin-key";
    private static final String SENDER = "+12505550001";
    private static final String APP = "+12505550002";
    private static final int ACKNOWLEDGED_BEFORE_KILL = 60;

    @TempDir
    Path root;

    private EmptyPostgresSchema schema;
    private WebhookReceiver app;
    private GatewayProcess node1;
    private GatewayProcess node2;

    @AfterEach
    void stopEverything() throws Exception {
        if (node1 != null) node1.close();
        if (node2 != null) node2.close();
        if (app != null) app.close();
        if (schema != null) schema.close();
    }

    /**
     * Every message node 1 answered 202 for is delivered to the app once its webhook is back, by
     * node 2, and none twice (the webhook refused every attempt while node 1 lived).
     */
    @Test
    void everyMessageADeadNodeAcknowledgedIsDeliveredOnceByTheNodeThatTookItOver() throws Exception {
        GatewayProcess.jar();
        Optional<EmptyPostgresSchema> created = EmptyPostgresSchema.create();
        assumeTrue(created.isPresent(), "GOMSGGW_TEST_POSTGRES_URL is not set: the takeover test is skipped");
        schema = created.get();
        app = new WebhookReceiver();
        app.status = 503;
        node1 = start("node-1");
        node1.awaitHealthy();
        setUp(node1.admin(), app.url("/app"));
        node2 = start("node-2");
        node2.awaitHealthy();

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService senders = Executors.newFixedThreadPool(2);
        HttpProbe alice = new HttpProbe(node1.baseUrl(), "alice", "pw-alice");
        AtomicInteger next = new AtomicInteger();
        for (int t = 0; t < 2; t++) {
            senders.execute(() -> {
                while (!stop.get()) {
                    try {
                        HttpProbe.Reply reply = alice.post(
                                "/messages/send",
                                "{\"from\":\"" + SENDER + "\",\"to\":\"" + APP + "\",\"text\":\"before the kill "
                                        + next.getAndIncrement() + "\"}");
                        if (reply.status() == 202) {
                            acknowledged.add(reply.body().get("id").asText());
                        }
                    } catch (Exception refusedOrGone) {
                        // the kill cuts requests in flight: those were not acknowledged
                    }
                }
            });
        }
        try {
            await("node 1 acknowledged messages", () -> acknowledged.size() >= ACKNOWLEDGED_BEFORE_KILL);
            node1.kill();
        } finally {
            stop.set(true);
            senders.shutdown();
            assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        int atTheKill = count("messages WHERE server_id = 'node-1' AND status IN ('queued', 'dispatching')");

        await(
                "node 2 took node 1 over",
                Duration.ofSeconds(60),
                () -> count("cluster_nodes WHERE server_id = 'node-1' AND taken_over_by = 'node-2'") == 1);
        assertThat(count("messages WHERE server_id = 'node-1' AND status IN ('queued', 'dispatching')"))
                .isZero();
        app.status = 200;

        await(
                "every acknowledged message delivered",
                Duration.ofSeconds(180),
                () -> acknowledged.stream().allMatch(id -> !deliveriesOf(id).isEmpty()));
        for (String id : acknowledged) {
            assertThat(deliveriesOf(id)).as("deliveries of " + id).hasSize(1);
        }
        assertThat(atTheKill).as("messages undelivered at the kill").isPositive();
        System.out.println("takeover after SIGKILL: acknowledged=" + acknowledged.size() + " undelivered_at_kill="
                + atTheKill + " delivered_once=" + acknowledged.size());
    }

    private java.util.List<com.fasterxml.jackson.databind.JsonNode> deliveriesOf(String id) {
        return app.delivered.stream()
                .filter(body -> id.equals(body.path("id").asText()))
                .toList();
    }

    private GatewayProcess start(String serverId) throws Exception {
        Path directory = Files.createDirectories(root.resolve(serverId));
        Path logs = Files.createDirectories(root.resolve("logs"));
        Map<String, String> environment = new HashMap<>();
        environment.put("DATABASE_URL", schema.jdbcUrl());
        environment.put("SERVER_ID", serverId);
        environment.put("ENCRYPTION_KEY", "takeover-encryption-key");
        environment.put("NODE_LEASE_SECS", "3");
        environment.put("WEBHOOK_RETRIES", "0");
        environment.put("WEBHOOK_RETRY_DELAY_SECS", "1");
        environment.put("TRANSCODER_AV_WORKERS", "0");
        return GatewayProcess.start(directory, logs, serverId, API_KEY, environment);
    }

    /** alice (web, the sender) and app (web, its webhook at {@code webhook}) on a loopback carrier. */
    private static void setUp(HttpProbe admin, String webhook) throws Exception {
        assertThat(admin.post("/carriers", "{\"name\":\"loop\",\"type\":\"loopback\"}")
                        .status())
                .isEqualTo(201);
        long alice = admin.post("/clients", "{\"username\":\"alice\",\"password\":\"pw-alice\",\"type\":\"web\"}")
                .body()
                .get("id")
                .asLong();
        assertThat(admin.post("/clients/" + alice + "/numbers", "{\"number\":\"" + SENDER + "\",\"carrier\":\"loop\"}")
                        .status())
                .isEqualTo(201);
        long appId = admin.post("/clients", "{\"username\":\"app\",\"password\":\"pw-app\",\"type\":\"web\"}")
                .body()
                .get("id")
                .asLong();
        assertThat(admin.put("/clients/" + appId + "/settings", "{\"default_webhook\":\"" + webhook + "\"}")
                        .status())
                .isEqualTo(200);
        assertThat(admin.post("/clients/" + appId + "/numbers", "{\"number\":\"" + APP + "\",\"carrier\":\"loop\"}")
                        .status())
                .isEqualTo(201);
    }

    private int count(String table) {
        try (Connection connection = DriverManager.getConnection(schema.jdbcUrl());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
