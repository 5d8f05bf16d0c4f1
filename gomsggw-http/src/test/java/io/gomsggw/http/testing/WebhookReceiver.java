package io.gomsggw.http.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A web client's webhook endpoint for tests: the JDK's HTTP server on 127.0.0.1 and a free port,
 * recording every request. It answers with the scripted replies in order, then with the default
 * reply (200 {@code {"status":"success"}} unless changed); it can also serve fixed content.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One recorded request. */
    public record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A reply: status, content type and body. */
    public record Reply(int status, String contentType, byte[] body) {
        public static Reply json(int status, String json) {
            return new Reply(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Reply> scripted = new ConcurrentLinkedQueue<>();
    private volatile Reply fallback = Reply.json(200, "{\"status\":\"success\"}");

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** The URL of {@code path} on this receiver. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers the next requests with these replies, in order. */
    public WebhookReceiver thenReply(Reply... replies) {
        scripted.addAll(List.of(replies));
        return this;
    }

    /** Answers every request not scripted with {@code reply}. */
    public WebhookReceiver alwaysReply(Reply reply) {
        fallback = reply;
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests to {@code path}. */
    public List<Received> receivedAt(String path) {
        List<Received> matching = new ArrayList<>();
        for (Received r : received) {
            if (r.path().equals(path)) {
                matching.add(r);
            }
        }
        return matching;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        received.add(new Received(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()),
                body));
        Reply reply = scripted.poll();
        if (reply == null) {
            reply = fallback;
        }
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
