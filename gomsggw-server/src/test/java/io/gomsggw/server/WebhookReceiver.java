package io.gomsggw.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A web application stand-in on loopback: records every webhook body it is sent and answers
 * {@link #status} (200 unless a test takes it down); {@link #delivered} holds the bodies answered 2xx.
 */
final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    final List<JsonNode> delivered = new CopyOnWriteArrayList<>();
    volatile int status = 200;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            bodies.add(body);
            int answer = status;
            if (answer / 100 == 2) {
                delivered.add(body);
            }
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The bodies whose {@code field} has {@code value}. */
    List<JsonNode> where(String field, String value) {
        return bodies.stream().filter(b -> value.equals(b.path(field).asText())).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
