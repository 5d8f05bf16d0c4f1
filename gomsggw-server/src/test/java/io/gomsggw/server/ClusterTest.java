package io.gomsggw.server;

import static io.gomsggw.core.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.gomsggw.mm4.codec.DeliveryReport;
import io.gomsggw.mm4.codec.MmStatus;
import io.gomsggw.server.cluster.ClusterNodes;
import io.gomsggw.server.database.EmptyPostgresSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
        loopbackCarrier(admin2);
        long alice = webClient(admin2, "alice");
        number(admin2, alice, "+12505550001");
        await(
                "node 3 knows alice and her first number",
                () -> send(node3, "+12505550001").status() == 202);
        assertThat(send(node3, "+12505550009").status())
                .as("not her number yet")
                .isEqualTo(403);

        number(admin2, alice, "+12505550009");

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
        long shop = webClient(admin1, "shop");
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
        loopbackCarrier(admin);
        long alice = webClient(admin, "alice");
        assertThat(admin.put("/clients/" + alice + "/settings", "{\"sms_daily_limit\":100}")
                        .status())
                .isEqualTo(200);
        number(admin, alice, "+12505550001");
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
            // each node shows its own use at once, the others' after their next flush (every second)
            await(
                    "every node shows 100 used",
                    () -> usage(node)
                                    .get("sms")
                                    .get("daily")
                                    .get("current_usage")
                                    .asLong()
                            == 100);
        }
        assertThat(count("usage_counters WHERE amount > 100")).isZero();
    }

    /**
     * Far from a limit a node takes grants of many units (UsageLimiter): 300 sends over three nodes
     * cost a few database transactions for the limit, not 300.
     */
    @Test
    void farFromTheLimitNodesGoToTheDatabaseOncePerGrantNotOncePerMessage() throws Exception {
        Gateway[] three = {nodes.start("node-1"), nodes.start("node-2"), nodes.start("node-3")};
        long alice = aliceWithDailyLimit(three, 100_000);
        assertThat(alice).isPositive();

        assertThat(sendConcurrently(three, 300)).containsExactlyInAnyOrderEntriesOf(Map.of(202, 300));

        long transactions = 0;
        for (Gateway node : three) {
            transactions += limitTransactions(node);
        }
        // grants of up to 64 units: about 2 per node, a few more when senders of one node miss at once
        assertThat(transactions).as("limit transactions for 300 messages").isBetween(3L, 30L);
        for (Gateway node : three) {
            await(
                    "every node shows 300 used",
                    () -> usage(node)
                                    .get("sms")
                                    .get("daily")
                                    .get("current_usage")
                                    .asLong()
                            == 300);
        }
    }

    /**
     * Units that a node holds unused go back when it stops (node 1) or, when it died (a node that
     * registered and stopped heartbeating with a grant of 50), through the node that takes it
     * over; the other nodes then reach the limit exactly.
     */
    @Test
    void unitsHeldByAStoppedOrDeadNodeGoBackAndTheOthersStillReachTheLimitExactly() throws Exception {
        Gateway[] three = {
            nodes.start("node-1", RETRY_QUICKLY),
            nodes.start("node-2", RETRY_QUICKLY),
            nodes.start("node-3", RETRY_QUICKLY)
        };
        aliceWithDailyLimit(three, 200);
        for (int i = 0; i < 10; i++) {
            assertThat(send(three[0], "+12505550001").status()).isEqualTo(202);
        }
        assertThat(count("usage_grants WHERE server_id = 'node-1' AND units > 0"))
                .as("node 1 holds units it has not used")
                .isEqualTo(1);
        // the grant first, then the node: a live node may take the node over as soon as its row exists
        execute("UPDATE usage_counters SET amount = amount + 50 WHERE counter LIKE 'client:%:sms:daily'");
        execute("INSERT INTO usage_grants (counter, period_start, server_id, units, recalled) "
                + "SELECT counter, period_start, 'node-dead', 50, FALSE FROM usage_counters "
                + "WHERE counter LIKE 'client:%:sms:daily'");

        execute("INSERT INTO cluster_nodes (server_id, incarnation, started_at, heartbeat_at, lease_until) "
                + "VALUES ('node-dead', 'gone', now() - interval '1 minute', now() - interval '1 minute', "
                + "now() - interval '50 seconds')");

        nodes.stop(three[0]);
        assertThat(count("usage_grants WHERE server_id = 'node-1'"))
                .as("given back at shutdown")
                .isZero();
        await("the dead node's units given back", () -> count("usage_grants WHERE server_id = 'node-dead'") == 0);
        assertThat(count("cluster_nodes WHERE server_id = 'node-dead' AND taken_over_by IS NOT NULL"))
                .isEqualTo(1);

        Gateway[] two = {three[1], three[2]};
        assertThat(sendConcurrently(two, 300)).containsExactlyInAnyOrderEntriesOf(Map.of(202, 190, 429, 110));
        await(
                "200 used",
                () -> usage(two[0]).get("sms").get("daily").get("current_usage").asLong() == 200);
    }

    /** alice (web, +12505550001 on a loopback carrier) with an SMS daily limit, known to every node. */
    private static long aliceWithDailyLimit(Gateway[] nodes, long limit) throws Exception {
        HttpProbe admin = admin(nodes[0]);
        loopbackCarrier(admin);
        long alice = webClient(admin, "alice");
        assertThat(admin.put("/clients/" + alice + "/settings", "{\"sms_daily_limit\":" + limit + "}")
                        .status())
                .isEqualTo(200);
        number(admin, alice, "+12505550001");
        for (Gateway node : nodes) {
            await("every node knows alice's limit", () -> usageLimit(node) == limit);
        }
        return alice;
    }

    /** Sends {@code total} messages from alice, spread over {@code over} by 12 senders; the count per HTTP status. */
    private static Map<Integer, Integer> sendConcurrently(Gateway[] over, int total) throws Exception {
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < total; i++) {
                Gateway node = over[i % over.length];
                answers.add(senders.submit(() -> send(node, "+12505550001").status()));
            }
            Map<Integer, Integer> byStatus = new java.util.TreeMap<>();
            for (java.util.concurrent.Future<Integer> answer : answers) {
                byStatus.merge(answer.get(60, java.util.concurrent.TimeUnit.SECONDS), 1, Integer::sum);
            }
            return byStatus;
        } finally {
            senders.shutdownNow();
        }
    }

    /** The node's {@code gomsggw_usage_limit_transactions}, from its metrics endpoint. */
    private static long limitTransactions(Gateway node) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                                        + node.metricsAddress().getPort() + "/metrics"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.body()
                .lines()
                .filter(line -> line.startsWith("gomsggw_usage_limit_transactions "))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no limit transactions in "
                        + response.body()
                                .lines()
                                .filter(line -> line.contains("usage") || line.contains("mm4"))
                                .toList()));
    }

    private void execute(String sql) {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(schema.jdbcUrl());
                java.sql.Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Each node takes up only the parked deliveries it accepted: with both nodes alive and their
     * schedulers looking at the same table, every message reaches the webhook once.
     */
    @Test
    void parkedDeliveriesOfTwoLiveNodesAreEachDeliveredOnce() throws Exception {
        try (WebhookReceiver app = new WebhookReceiver()) {
            app.status = 503;
            Gateway node1 = nodes.start("node-1", RETRY_QUICKLY);
            Gateway node2 = nodes.start("node-2", RETRY_QUICKLY);
            appWithWebhook(admin(node1), app.url("/app"));
            await("node 2 knows the app", () -> sendToApp(node2, "known?").status() == 202);
            java.util.List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add(accepted(sendToApp(i % 2 == 0 ? node1 : node2, "parked " + i)));
            }
            // the probe message node 2 accepted parks too
            await(
                    "every message parked",
                    () -> count("messages WHERE retry_at IS NOT NULL AND status = 'queued'") == 21);

            app.status = 200;

            await(
                    "every message delivered",
                    Duration.ofSeconds(120),
                    () -> count("messages WHERE status = 'delivered'") == 21);
            for (String id : ids) {
                assertThat(app.delivered.stream()
                                .filter(body -> id.equals(body.path("id").asText())))
                        .as("deliveries of " + id)
                        .hasSize(1);
            }
            assertThat(count("messages WHERE server_id = 'node-1'")).isEqualTo(10);
        }
    }

    /**
     * Node 1 accepts messages for an app whose webhook is down (they park) and stops; node 2 finds
     * its lease ended, takes its messages over and, once the webhook is up, delivers every one once.
     */
    @Test
    void aStoppedNodesParkedDeliveriesAreTakenOverAndDeliveredOnce() throws Exception {
        try (WebhookReceiver app = new WebhookReceiver()) {
            app.status = 503;
            Gateway node1 = nodes.start("node-1", RETRY_QUICKLY);
            appWithWebhook(admin(node1), app.url("/app"));
            java.util.List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add(accepted(sendToApp(node1, "parked " + i)));
            }
            await(
                    "every message parked",
                    () -> count("messages WHERE retry_at IS NOT NULL AND status = 'queued'") == 20);
            Gateway node2 = nodes.start("node-2", RETRY_QUICKLY);

            nodes.stop(node1);

            await(
                    "node 2 took node 1 over",
                    () -> count("cluster_nodes WHERE server_id = 'node-1' " + "AND taken_over_by = 'node-2'") == 1);
            assertThat(count("messages WHERE server_id = 'node-2'")).isEqualTo(20);
            // /health reads the nodes at most once a second
            await(
                    "/health shows the takeover",
                    () -> health(node2)
                            .path("cluster")
                            .path("nodes")
                            .findValuesAsText("taken_over_by")
                            .contains("node-2"));
            com.fasterxml.jackson.databind.JsonNode health = health(node2);
            assertThat(health.path("status").asText()).isEqualTo("ok");
            assertThat(health.path("cluster").path("server_id").asText()).isEqualTo("node-2");
            assertThat(health.path("cluster").path("holds_lease").asBoolean()).isTrue();
            assertThat(health.path("cluster").path("nodes").findValues("alive"))
                    .extracting(com.fasterxml.jackson.databind.JsonNode::asBoolean)
                    .containsExactlyInAnyOrder(true, false);
            app.status = 200;

            await(
                    "every message delivered by node 2",
                    Duration.ofSeconds(120),
                    () -> count("messages WHERE status = 'delivered'") == 20);
            for (String id : ids) {
                assertThat(app.delivered.stream()
                                .filter(body -> id.equals(body.path("id").asText())))
                        .as("deliveries of " + id)
                        .hasSize(1);
            }
        }
    }

    /**
     * A PBX asks node 1 for a delivery report while its SMTP server is down; node 1 stops with the report
     * owed, node 2 takes it over and sends it once the PBX's server is up.
     */
    @Test
    void anMm4DeliveryReportOwedByAStoppedNodeIsSentByTheNodeThatTookItOver() throws Exception {
        int pbxSmtpPort = JakartaMm4Pbx.closedPort();
        try (WebhookReceiver app = new WebhookReceiver()) {
            Gateway node1 = nodes.start("node-1", RETRY_QUICKLY);
            HttpProbe admin = admin(node1);
            appWithWebhook(admin, app.url("/app"));
            long pbx = admin.post(
                            "/clients",
                            "{\"username\":\"pbx\",\"password\":\"pw-pbx\",\"type\":\"legacy\","
                                    + "\"address\":\"127.0.0.1:" + pbxSmtpPort + "\"}")
                    .body()
                    .get("id")
                    .asLong();
            number(admin, pbx, "+12505550003");
            JakartaMm4Pbx.sendAskingForAReport(
                    node1.mm4Address(), "+12505550003", "+12505550002", "PBX-MSG-5@pbx.example.net", "owed");
            await("the report owed by node 1", () -> count("owed_reports WHERE server_id = 'node-1'") == 1);
            nodes.start("node-2", RETRY_QUICKLY);

            nodes.stop(node1);
            GreenMail pbxSmtp = new GreenMail(new ServerSetup(pbxSmtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            pbxSmtp.start();
            try {
                await(
                        "node 2 took node 1 over",
                        () -> count("cluster_nodes WHERE server_id = 'node-1' AND taken_over_by = 'node-2'") == 1);
                await("the report at the PBX", Duration.ofSeconds(60), () -> pbxSmtp.getReceivedMessages().length == 1);
                DeliveryReport report = JakartaMm4Pbx.receivedReport(pbxSmtp, 0);
                assertThat(report.messageId()).isEqualTo("<PBX-MSG-5@pbx.example.net>");
                assertThat(report.mmStatus()).isEqualTo(MmStatus.RETRIEVED);
                await("forgotten once taken", () -> count("owed_reports") == 0);
            } finally {
                pbxSmtp.stop();
            }
        }
    }

    /**
     * A throttled batch accepted by node 1 is run by node 1 only; node 1 stops half-way, node 2
     * takes the job over and finishes it: every row sent once, the job completed.
     */
    @Test
    void aStoppedNodesBatchJobIsFinishedByTheNodeThatTookItOver() throws Exception {
        Gateway node1 = nodes.start("node-1", RETRY_QUICKLY);
        nodes.start("node-2", RETRY_QUICKLY);
        HttpProbe admin = admin(node1);
        loopbackCarrier(admin);
        long alice = webClient(admin, "alice");
        number(admin, alice, "+12505550001");
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            rows.append(i == 0 ? "" : ",").append(String.format("{\"to\":\"+1604555%04d\"}", i));
        }
        HttpProbe.Reply created = new HttpProbe(base(node1), "alice", "pw-alice")
                .post(
                        "/messages/batch",
                        "{\"from\":\"+12505550001\",\"text_template\":\"batch row\",\"throttle_per_second\":5,"
                                + "\"messages\":[" + rows + "]}");
        assertThat(created.status()).isEqualTo(202);
        String batch = created.body().get("id").asText();
        await("node 1 sent some rows", () -> count("batch_messages WHERE status = 'sent'") >= 5);
        assertThat(count("batch_jobs WHERE server_id = 'node-1'"))
                .as("the job is node 1's")
                .isEqualTo(1);

        nodes.stop(node1);

        await("node 2 took the job over", () -> count("batch_jobs WHERE server_id = 'node-2'") == 1);
        await(
                "the job completed",
                Duration.ofSeconds(60),
                () -> count("batch_jobs WHERE id = '" + batch + "' AND status = 'completed'") == 1);
        assertThat(count("batch_messages WHERE status = 'sent'")).isEqualTo(30);
        assertThat(count("messages WHERE text = 'batch row'")).isEqualTo(30);
        assertThat(count("messages m JOIN batch_messages b ON b.message_id = m.id"))
                .as("each row is one message, under its reserved id")
                .isEqualTo(30);
    }

    /** Webhook deliveries parked at once and retried within seconds; leases of 3 s. */
    private static final Map<String, String> RETRY_QUICKLY =
            Map.of("NODE_LEASE_SECS", "3", "WEBHOOK_RETRIES", "0", "WEBHOOK_RETRY_DELAY_SECS", "1");

    /** alice (web, +12505550001) and app (web, +12505550002, webhook at {@code webhook}) on a loopback carrier. */
    private static void appWithWebhook(HttpProbe admin, String webhook) throws Exception {
        loopbackCarrier(admin);
        long alice = webClient(admin, "alice");
        number(admin, alice, "+12505550001");
        long app = webClient(admin, "app");
        assertThat(admin.put("/clients/" + app + "/settings", "{\"default_webhook\":\"" + webhook + "\"}")
                        .status())
                .isEqualTo(200);
        number(admin, app, "+12505550002");
    }

    private static HttpProbe.Reply sendToApp(Gateway node, String text) {
        try {
            return new HttpProbe(base(node), "alice", "pw-alice")
                    .post(
                            "/messages/send",
                            "{\"from\":\"+12505550001\",\"to\":\"+12505550002\",\"text\":\"" + text + "\"}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String accepted(HttpProbe.Reply reply) {
        assertThat(reply.status()).isEqualTo(202);
        return reply.body().get("id").asText();
    }

    /** Rows of {@code table} (with its condition) in the shared database. */
    private int count(String table) {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(schema.jdbcUrl());
                java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
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

    private static com.fasterxml.jackson.databind.JsonNode health(Gateway node) {
        try {
            return new HttpProbe(base(node), null).get("/health").body();
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

    private static void loopbackCarrier(HttpProbe admin) throws Exception {
        assertThat(admin.post("/carriers", "{\"name\":\"loop\",\"type\":\"loopback\"}")
                        .status())
                .isEqualTo(201);
    }

    /** A web client {@code name} with the password {@code pw-<name>}; its id. */
    private static long webClient(HttpProbe admin, String name) throws Exception {
        return admin.post(
                        "/clients", "{\"username\":\"" + name + "\",\"password\":\"pw-" + name + "\",\"type\":\"web\"}")
                .body()
                .get("id")
                .asLong();
    }

    /** Gives {@code client} the number {@code e164} on the carrier {@code loop}. */
    private static void number(HttpProbe admin, long client, String e164) throws Exception {
        assertThat(admin.post("/clients/" + client + "/numbers", "{\"number\":\"" + e164 + "\",\"carrier\":\"loop\"}")
                        .status())
                .isEqualTo(201);
    }
}
