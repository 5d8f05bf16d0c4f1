package io.gomsggw.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A web client's webhook for crash tests: records the {@code id} of every message body it is sent
 * (status bodies aside) and answers 200 after a pause, on a few threads, so that deliveries queue
 * up in the gateway.
 */
final class RecordingWebhook implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads;
    private final Duration pause;
    private final Map<String, Integer> counts = new HashMap<>();

    private RecordingWebhook(HttpServer server, ExecutorService threads, Duration pause) {
        this.server = server;
        this.threads = threads;
        this.pause = pause;
    }

    static RecordingWebhook start(int threadCount, Duration pause) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        ExecutorService threads = Executors.newFixedThreadPool(threadCount);
        RecordingWebhook receiver = new RecordingWebhook(server, threads, pause);
        server.createContext("/hook", receiver::handle);
        server.setExecutor(threads);
        server.start();
        return receiver;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream body = exchange.getRequestBody()) {
            JsonNode json = JSON.readTree(body);
            if (!"status".equals(json.path("type").asText())) {
                record(json.path("id").asText());
            }
            Thread.sleep(pause.toMillis());
            exchange.sendResponseHeaders(200, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void record(String id) {
        counts.merge(id, 1, Integer::sum);
        notifyAll();
    }

    synchronized Set<String> messageIds() {
        return new HashSet<>(counts.keySet());
    }

    synchronized Map<String, Integer> counts() {
        return new HashMap<>(counts);
    }

    /** Waits until every one of {@code ids} has arrived; returns whether they did in time. */
    synchronized boolean awaitAll(Set<String> ids, Duration deadline) throws InterruptedException {
        Instant giveUp = Instant.now().plus(deadline);
        while (!counts.keySet().containsAll(ids)) {
            long left = Duration.between(Instant.now(), giveUp).toMillis();
            if (left <= 0) {
                return false;
            }
            wait(Math.min(left, 1_000));
        }
        return true;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
