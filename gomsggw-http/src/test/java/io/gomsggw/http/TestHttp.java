package io.gomsggw.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A real HTTP/1.1 client for tests, against a server on this machine. Every response body it
 * receives is kept, so a test can search all of them (for a secret that must never appear).
 */
public final class TestHttp {
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;
    private final List<String> bodies = new ArrayList<>();
    private String authorization;
    private final java.util.Map<String, String> extraHeaders = new java.util.LinkedHashMap<>();

    public TestHttp(InetSocketAddress server) {
        this.base = "http://127.0.0.1:" + server.getPort();
    }

    /** Sends HTTP Basic credentials with every later request; null sends none. */
    public TestHttp basic(String username, String password) {
        authorization = username == null
                ? null
                : "Basic "
                        + Base64.getEncoder()
                                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Sends this exact {@code Authorization} header with every later request; null sends none. */
    public TestHttp authorization(String header) {
        authorization = header;
        return this;
    }

    /** Sends this header with every later request; a null value stops sending it. */
    public TestHttp header(String name, String value) {
        if (value == null) {
            extraHeaders.remove(name);
        } else {
            extraHeaders.put(name, value);
        }
        return this;
    }

    public HttpResponse<String> get(String path) {
        return send("GET", path, (byte[]) null);
    }

    public HttpResponse<String> post(String path, String json) {
        return send("POST", path, json);
    }

    public HttpResponse<String> put(String path, String json) {
        return send("PUT", path, json);
    }

    public HttpResponse<String> patch(String path, String json) {
        return send("PATCH", path, json);
    }

    public HttpResponse<String> delete(String path) {
        return send("DELETE", path, (byte[]) null);
    }

    public HttpResponse<String> send(String method, String path, String json) {
        return send(method, path, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> send(String method, String path, byte[] body) {
        return send(method, path, body, "application/json");
    }

    /** A request whose body (if any) is of {@code contentType}. */
    public HttpResponse<String> send(String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        extraHeaders.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), BodyHandlers.ofString());
            synchronized (bodies) {
                bodies.add(response.body());
            }
            return response;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every response body received so far. */
    public List<String> bodies() {
        synchronized (bodies) {
            return List.copyOf(bodies);
        }
    }
}
