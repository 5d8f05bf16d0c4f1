package io.gomsggw.http.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gomsggw.core.model.ApiFormat;
import io.gomsggw.core.model.AuthMethod;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientSettings;
import io.gomsggw.core.model.UsageLimits;
import io.gomsggw.core.testing.Eventually;
import io.gomsggw.http.testing.Json;
import io.gomsggw.http.testing.MessagingFixture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A web client's webhook endpoint that goes down, is slow, or is small, as a mock server (the
 * JDK's {@link HttpServer}) sees it: messages wait parked while it is down and each arrives once
 * when it is back; a message past its delivery window is {@code undelivered} and redelivered on
 * request; one endpoint never sees more requests at once than the cap, on kept-alive connections.
 */
class WebhookOutageTest {
    private final MessagingFixture fx = new MessagingFixture();
    private final Endpoint endpoint = new Endpoint();

    @AfterEach
    void close() {
        endpoint.close();
        fx.close();
    }

    /** A webhook endpoint that answers 503 while down, else 200, and counts what it sees. */
    private static final class Endpoint implements AutoCloseable {
        final HttpServer server;
        final ExecutorService threads = Executors.newCachedThreadPool();
        volatile boolean down;
        volatile long holdMillis;
        /** When set, every request waits for it (at most 30 s) before it is answered. */
        volatile CountDownLatch hold;

        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger mostInFlight = new AtomicInteger();
        /** The client ports requests came from: one per connection. */
        final Set<Integer> connections = ConcurrentHashMap.newKeySet();

        Endpoint() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1_000);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.setExecutor(threads);
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        private void handle(HttpExchange exchange) throws IOException {
            int now = inFlight.incrementAndGet();
            mostInFlight.accumulateAndGet(now, Math::max);
            connections.add(exchange.getRemoteAddress().getPort());
            try {
                String id = Json.parse(exchange.getRequestBody().readAllBytes())
                        .get("id")
                        .asText();
                attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                if (holdMillis > 0) {
                    Thread.sleep(holdMillis);
                }
                CountDownLatch gate = hold;
                if (gate != null) {
                    gate.await(30, TimeUnit.SECONDS);
                }
                boolean refuse = down;
                if (!refuse) {
                    delivered.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                }
                byte[] answer =
                        (refuse ? "{\"error\":\"down for maintenance\"}" : "{}").getBytes(StandardCharsets.UTF_8);
                inFlight.decrementAndGet();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(refuse ? 503 : 200, answer.length);
                exchange.getResponseBody().write(answer);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                inFlight.decrementAndGet();
            } finally {
                exchange.close();
            }
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    private Client sender() {
        Client alice = fx.webClient("alice", MessagingFixture.settings(ApiFormat.GENERIC, null));
        fx.number(alice, "+12505550100", null, null);
        return alice;
    }

    private Client recipient(ClientSettings settings) {
        Client bob = fx.webClient("bob", settings);
        fx.number(bob, "+12505550200", null, null);
        return bob;
    }

    /** Bob's settings: no delivery settings of his own, so the environment's defaults apply. */
    private ClientSettings defaultsWithWebhook() {
        return new ClientSettings(
                AuthMethod.BASIC, ApiFormat.GENERIC, false, null, 5, false, endpoint.url(), UsageLimits.NONE, false);
    }

    private String send(Client from, String text) throws Exception {
        HttpResponse<String> response = fx.as(from)
                .post("/messages/send", Json.write(Map.of("from", "+12505550100", "to", "+12505550200", "text", text)));
        assertThat(response.statusCode()).isEqualTo(202);
        return Json.parse(response.body()).get("id").asText();
    }

    private String status(Client viewer, String id) {
        try {
            return Json.parse(fx.as(viewer).get("/messages/" + id).body())
                    .get("status")
                    .asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aWebhookDownLongerThanTheOldRetryBudgetReceivesEveryMessageOnceWhenBack() throws Exception {
        Client alice = sender();
        Client bob = recipient(defaultsWithWebhook());
        endpoint.down = true;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(send(alice, "message " + i));
        }

        // Before: WEBHOOK_RETRIES 3 meant 4 attempts, then failed. Wait for twice as many.
        Eventually.await(
                "8 attempts of every message while down",
                () -> ids.stream()
                        .allMatch(id -> endpoint.attempts
                                        .getOrDefault(id, new AtomicInteger())
                                        .get()
                                >= 8));
        for (String id : ids) {
            JsonNode view = Json.parse(fx.as(bob).get("/messages/" + id).body());
            assertThat(view.get("status").asText()).isIn("queued", "dispatching");
            assertThat(view.get("error").asText()).isEqualTo("HTTP 503: {\"error\":\"down for maintenance\"}");
        }
        assertThat(endpoint.delivered).isEmpty();

        int attemptsWhileDown =
                endpoint.attempts.values().stream().mapToInt(AtomicInteger::get).sum();
        endpoint.down = false;
        Eventually.await(
                "all delivered",
                () -> ids.stream().allMatch(id -> status(bob, id).equals("delivered")));
        System.out.printf(
                "webhook outage: %d attempts refused while down, 10 of 10 delivered once after%n", attemptsWhileDown);
        assertThat(endpoint.delivered)
                .hasSize(10)
                .allSatisfy((id, times) -> assertThat(times.get()).isEqualTo(1));
        for (String id : ids) {
            JsonNode history =
                    Json.parse(fx.as(alice).get("/messages/" + id).body()).get("history");
            assertThat(history.findValuesAsText("status")).doesNotContain("failed", "undelivered");
        }
    }

    @Test
    void aMessagePastItsWindowIsUndeliveredAndRedeliverSendsIt() throws Exception {
        Client alice = sender();
        Client bob = recipient(defaultsWithWebhook());
        endpoint.down = true;
        String id = send(alice, "while you were out");
        Eventually.await(
                "tried twice",
                () -> endpoint.attempts.getOrDefault(id, new AtomicInteger()).get() >= 2);

        fx.clock.advance(Duration.ofHours(25)); // past DELIVERY_WINDOW_HOURS (24)
        Eventually.await("undelivered", () -> status(bob, id).equals("undelivered"));
        JsonNode view = Json.parse(fx.as(alice).get("/messages/" + id).body());
        assertThat(view.get("error").asText()).startsWith("HTTP 503").contains("delivery window of 24 h over");
        assertThat(view.has("next_attempt_at")).isFalse();
        HttpResponse<String> history = fx.as(bob).get("/messages/history");
        assertThat(Json.parse(history.body()).findValuesAsText("status")).contains("undelivered");

        HttpResponse<String> redelivered = fx.as(bob).post("/messages/" + id + "/redeliver", "");
        assertThat(redelivered.statusCode()).isEqualTo(202);
        assertThat(Json.parse(redelivered.body()).get("status").asText()).isEqualTo("queued");
        // still down: a redelivery gets a whole new window, so it is parked, not given up at once
        Eventually.await("tried again", () -> endpoint.attempts.get(id).get() >= 4);
        assertThat(status(bob, id)).isIn("queued", "dispatching");

        endpoint.down = false;
        Eventually.await("delivered", () -> status(bob, id).equals("delivered"));
        assertThat(endpoint.delivered.get(id).get()).isEqualTo(1);
        HttpResponse<String> again = fx.as(bob).post("/messages/" + id + "/redeliver", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(Json.parse(again.body()).get("error").asText()).contains("only undelivered or failed");
        Client carol = fx.webClient("carol", MessagingFixture.settings(ApiFormat.GENERIC, null));
        assertThat(fx.as(carol).post("/messages/" + id + "/redeliver", "").statusCode())
                .isEqualTo(404);
    }

    @Test
    void theOperatorRedeliversTheUndeliveredMessagesOfAClientInOneCall() throws Exception {
        Client alice = sender();
        Client bob = recipient(defaultsWithWebhook());
        endpoint.down = true;
        List<String> ids = List.of(send(alice, "one"), send(alice, "two"), send(alice, "three"));
        Eventually.await("all tried", () -> ids.stream().allMatch(id -> endpoint.attempts.containsKey(id)));
        fx.clock.advance(Duration.ofHours(25));
        Eventually.await(
                "all undelivered",
                () -> ids.stream().allMatch(id -> status(bob, id).equals("undelivered")));
        endpoint.down = false;

        HttpResponse<String> refused = fx.admin()
                .post(
                        "/clients/" + bob.id() + "/redeliver",
                        Json.write(Map.of("since", "2030-01-01T00:00:00Z", "until", "2020-01-01T00:00:00Z")));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(fx.as(bob).post("/clients/" + bob.id() + "/redeliver", "{}").statusCode())
                .isEqualTo(401);
        HttpResponse<String> response = fx.admin()
                .post("/clients/" + bob.id() + "/redeliver", Json.write(Map.of("since", "2020-01-01T00:00:00Z")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.parse(response.body()).get("redelivered").asLong()).isEqualTo(3);
        Eventually.await("all delivered", () -> endpoint.delivered.size() == 3);
        assertThat(endpoint.delivered.values())
                .allSatisfy(times -> assertThat(times.get()).isEqualTo(1));
        assertThat(Json.parse(fx.admin()
                                .post("/clients/" + bob.id() + "/redeliver", "")
                                .body())
                        .get("redelivered")
                        .asLong())
                .isZero();
    }

    @Test
    void threeHundredQueuedMessagesNeverOpenMoreThanTheCapOfConcurrentRequests() throws Exception {
        Client alice = sender();
        recipient(defaultsWithWebhook());
        endpoint.holdMillis = 20;
        for (int i = 0; i < 300; i++) {
            send(alice, "burst " + i);
        }
        Eventually.await("all delivered", () -> endpoint.delivered.size() == 300);

        System.out.printf(
                "webhook burst: 300 delivered, at most %d requests at once on %d connections%n",
                endpoint.mostInFlight.get(), endpoint.connections.size());
        assertThat(endpoint.delivered.values())
                .allSatisfy(times -> assertThat(times.get()).isEqualTo(1));
        assertThat(endpoint.mostInFlight.get()).isBetween(2, 16);
        assertThat(endpoint.connections).hasSizeBetween(1, 16);
    }

    @Test
    void aClientsOwnConcurrencyCapWins() throws Exception {
        Client alice = sender();
        recipient(new ClientSettings(
                AuthMethod.BASIC,
                ApiFormat.GENERIC,
                false,
                null,
                60, // held requests must not time out and come again, even on a slow machine
                false,
                endpoint.url(),
                UsageLimits.NONE,
                false,
                null,
                null,
                3,
                null));
        endpoint.hold = new CountDownLatch(1);
        for (int i = 0; i < 100; i++) {
            send(alice, "burst " + i);
        }
        // the endpoint answers nothing until released: 3 in flight, 97 waiting their turn
        Eventually.await("the client's cap reached", () -> endpoint.inFlight.get() == 3);
        endpoint.hold.countDown();
        Eventually.await("all delivered", () -> endpoint.delivered.size() == 100);

        assertThat(endpoint.delivered.values())
                .allSatisfy(times -> assertThat(times.get()).isEqualTo(1));
        assertThat(endpoint.mostInFlight.get()).isEqualTo(3);
        assertThat(endpoint.connections).hasSizeBetween(1, 3);
    }
}
