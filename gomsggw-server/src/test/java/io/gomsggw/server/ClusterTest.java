package io.gomsggw.server;

import static io.gomsggw.core.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.gomsggw.server.cluster.ClusterNodes;
import io.gomsggw.server.database.EmptyPostgresSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several nodes, each a {@link Gateway} of its own (own directory, own ports), on one PostgreSQL:
 * what one node is told, the others act on. Skipped without {@code GOMSGGW_TEST_POSTGRES_URL}.
 */
class ClusterTest {
    @TempDir
    Path root;

    private EmptyPostgresSchema schema;
    private ClusterNodes nodes;
    private HttpServer telnyx;

    @BeforeEach
    void database() throws Exception {
        Optional<EmptyPostgresSchema> created = EmptyPostgresSchema.create();
        assumeTrue(created.isPresent(), "GOMSGGW_TEST_POSTGRES_URL is not set: cluster tests skipped");
        schema = created.get();
        nodes = new ClusterNodes(root, Map.of("DATABASE_URL", schema.jdbcUrl(), "CARRIER_RETRY_DELAY_SECS", "0"));
    }

    @AfterEach
    void stop() throws Exception {
        if (nodes != null) nodes.close();
        if (telnyx != null) telnyx.stop(0);
        if (schema != null) schema.close();
    }

    @Test
    void aNumberAddedOnOneNodeIsRoutedByAnother() throws Exception {
        Gateway node2 = nodes.start("node-2");
        Gateway node3 = nodes.start("node-3");
        HttpProbe admin2 = admin(node2);
        assertThat(admin2.post("/carriers", "{\"name\":\"loop\",\"type\":\"loopback\"}")
                        .status())
                .isEqualTo(201);
        long alice = admin2.post("/clients", "{\"username\":\"alice\",\"password\":\"pw-alice\",\"type\":\"web\"}")
                .body()
                .get("id")
                .asLong();
        assertThat(admin2.post("/clients/" + alice + "/numbers", "{\"number\":\"+12505550001\",\"carrier\":\"loop\"}")
                        .status())
                .isEqualTo(201);
        await(
                "node 3 knows alice and her first number",
                () -> send(node3, "+12505550001").status() == 202);
        assertThat(send(node3, "+12505550009").status())
                .as("not her number yet")
                .isEqualTo(403);

        assertThat(admin2.post("/clients/" + alice + "/numbers", "{\"number\":\"+12505550009\",\"carrier\":\"loop\"}")
                        .status())
                .isEqualTo(201);

        await(
                "node 3 routes from the number added on node 2",
                () -> send(node3, "+12505550009").status() == 202);

        com.fasterxml.jackson.databind.JsonNode stats =
                admin(node3).get("/stats").body();
        assertThat(stats.get("nodes").findValuesAsText("server_id")).containsExactlyInAnyOrder("node-2", "node-3");
        assertThat(stats.get("nodes").findValues("alive"))
                .allSatisfy(alive -> assertThat(alive.asBoolean()).isTrue());
    }

    @Test
    void aTelnyxReportPostedToAnotherNodeIsApplied() throws Exception {
        startTelnyx();
        Gateway node1 = nodes.start("node-1");
        Gateway node3 = nodes.start("node-3");
        HttpProbe admin1 = admin(node1);
        String carrierBase = "http://127.0.0.1:" + telnyx.getAddress().getPort();
        String uuid = admin1.post(
                        "/carriers",
                        "{\"name\":\"telnyx-main\",\"type\":\"telnyx\",\"password\":\"KEY0123\"," + "\"base_url\":\""
                                + carrierBase + "\"}")
                .body()
                .get("uuid")
                .asText();
        long shop = admin1.post("/clients", "{\"username\":\"shop\",\"password\":\"pw-shop\",\"type\":\"web\"}")
                .body()
                .get("id")
                .asLong();
        assertThat(admin1.post(
                                "/clients/" + shop + "/numbers",
                                "{\"number\":\"+14155550100\"," + "\"carrier\":\"telnyx-main\"}")
                        .status())
                .isEqualTo(201);

        HttpProbe.Reply sent = new HttpProbe(base(node1), "shop", "pw-shop")
                .post(
                        "/messages/send",
                        "{\"from\":\"+14155550100\",\"to\":\"+13125550001\",\"text\":\"your order shipped\"}");
        assertThat(sent.status()).isEqualTo(202);
        String id = sent.body().get("id").asText();
        HttpProbe shopOn3 = new HttpProbe(base(node3), "shop", "pw-shop");
        await("sent, as node 3 reads it", () -> "sent".equals(status(shopOn3, id)));
        await("node 3 knows the carrier", () -> postReport(node3, uuid, "queued-unknown") != 404);

        assertThat(postReport(node3, uuid, TELNYX_ID)).isEqualTo(200);

        await("delivered", () -> "delivered".equals(status(shopOn3, id)));
        assertThat(status(new HttpProbe(base(node1), "shop", "pw-shop"), id)).isEqualTo("delivered");
    }

    @Test
    void aDailyLimitOf100HoldsExactlyOver300SendsSpreadOverThreeNodes() throws Exception {
        Gateway[] three = {nodes.start("node-1"), nodes.start("node-2"), nodes.start("node-3")};
        HttpProbe admin = admin(three[0]);
        assertThat(admin.post("/carriers", "{\"name\":\"loop\",\"type\":\"loopback\"}")
                        .status())
                .isEqualTo(201);
        long alice = admin.post("/clients", "{\"username\":\"alice\",\"password\":\"pw-alice\",\"type\":\"web\"}")
                .body()
                .get("id")
                .asLong();
        assertThat(admin.put("/clients/" + alice + "/settings", "{\"sms_daily_limit\":100}")
                        .status())
                .isEqualTo(200);
        assertThat(admin.post("/clients/" + alice + "/numbers", "{\"number\":\"+12505550001\",\"carrier\":\"loop\"}")
                        .status())
                .isEqualTo(201);
        for (Gateway node : three) {
            await("every node knows alice's limit", () -> usageLimit(node) == 100);
        }

        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(12);
        java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                Gateway node = three[i % 3];
                answers.add(senders.submit(() -> send(node, "+12505550001").status()));
            }
            java.util.Map<Integer, Integer> byStatus = new java.util.TreeMap<>();
            for (java.util.concurrent.Future<Integer> answer : answers) {
                byStatus.merge(answer.get(60, java.util.concurrent.TimeUnit.SECONDS), 1, Integer::sum);
            }
            assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of(202, 100, 429, 200));
        } finally {
            senders.shutdownNow();
        }
        for (Gateway node : three) {
            assertThat(usage(node).get("sms").get("daily").get("current_usage").asLong())
                    .isEqualTo(100);
        }
    }

    private static long usageLimit(Gateway node) {
        try {
            com.fasterxml.jackson.databind.JsonNode usage = usage(node);
            return usage == null
                    ? -1
                    : usage.get("sms").get("daily").get("limit").asLong();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode usage(Gateway node) {
        try {
            HttpProbe.Reply reply = new HttpProbe(base(node), "alice", "pw-alice").get("/messages/usage");
            return reply.status() == 200 ? reply.body().get("client") : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final String TELNYX_ID = "40385f64-5717-4562-b3fc-2c963f66afa6";

    private void startTelnyx() throws IOException {
        telnyx = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        telnyx.createContext("/v2/messages", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("{\"data\":{\"record_type\":\"message\",\"direction\":\"outbound\",\"id\":\"" + TELNYX_ID
                            + "\",\"type\":\"SMS\",\"to\":[{\"status\":\"queued\"}]}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        telnyx.start();
    }

    /** Posts Telnyx's {@code message.finalized} (delivered) for {@code carrierId}; the HTTP status. */
    private static int postReport(Gateway node, String carrierUuid, String carrierId) {
        String finalized = "{\"data\":{\"event_type\":\"message.finalized\",\"id\":\"" + UUID.randomUUID()
                + "\",\"occurred_at\":\"2026-01-01T00:00:00Z\",\"payload\":{\"id\":\"" + carrierId
                + "\",\"direction\":\"outbound\",\"to\":[{\"phone_number\":\"+13125550001\",\"status\":\"delivered\"}],"
                + "\"errors\":[]}}}";
        try {
            return new HttpProbe(base(node), null)
                    .post("/inbound/" + carrierUuid, finalized)
                    .status();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String status(HttpProbe client, String id) {
        try {
            HttpProbe.Reply reply = client.get("/messages/" + id);
            return reply.status() == 200 ? reply.body().get("status").asText() : "http " + reply.status();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpProbe.Reply send(Gateway node, String from) {
        try {
            return new HttpProbe(base(node), "alice", "pw-alice")
                    .post("/messages/send", "{\"from\":\"" + from + "\",\"to\":\"+16045550003\",\"text\":\"hello\"}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpProbe admin(Gateway node) {
        return new HttpProbe(base(node), ClusterNodes.API_KEY);
    }

    private static String base(Gateway node) {
        return "http://127.0.0.1:" + node.webAddress().getPort();
    }
}
