package io.gomsggw.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** A small JSON client for the admin API of a gateway under test. */
final class HttpProbe {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String authorization;

    /** @param apiKey the admin key, or null for requests without credentials */
    HttpProbe(String baseUrl, String apiKey) {
        this(baseUrl, "admin", apiKey);
    }

    /** A probe that authenticates as {@code username} with HTTP Basic (a web client), or not at all when password is null. */
    HttpProbe(String baseUrl, String username, String password) {
        this(
                baseUrl,
                Optional.ofNullable(password)
                        .map(p -> "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((username + ":" + p).getBytes(StandardCharsets.UTF_8))));
    }

    private HttpProbe(String baseUrl, Optional<String> authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization.orElse(null);
    }

    /** A probe that sends {@code Authorization: Bearer <token>} (a tenant API key). */
    static HttpProbe bearer(String baseUrl, String token) {
        return new HttpProbe(baseUrl, Optional.of("Bearer " + token));
    }

    /** A response: its status and its body read as JSON. */
    record Reply(int status, JsonNode body) {}

    Reply get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    Reply post(String path, String jsonBody) throws IOException, InterruptedException {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    Reply put(String path, String jsonBody) throws IOException, InterruptedException {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    /**
     * Polls {@code GET /health} until it answers 200 or the deadline passes.
     *
     * @return whether it answered 200 in time
     */
    boolean awaitHealthy(Duration deadline, ProcessHandle process) throws InterruptedException {
        Instant giveUp = Instant.now().plus(deadline);
        while (Instant.now().isBefore(giveUp) && (process == null || process.isAlive())) {
            try {
                if (get("/health").status() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        return false;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return new Reply(response.statusCode(), body == null || body.isEmpty() ? null : JSON.readTree(body));
    }
}
