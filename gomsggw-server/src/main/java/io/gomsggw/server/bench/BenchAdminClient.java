package io.gomsggw.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The few admin API calls the {@code --setup} of a bench target makes, with the admin key: JSON in,
 * JSON out, and an {@link IOException} that says which step failed when the gateway cannot be
 * reached or answers other than 2xx.
 */
final class BenchAdminClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String authorization;

    BenchAdminClient(URI base, String apiKey) {
        this.base = base;
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString(("admin:" + apiKey).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code POST path} with {@code body} as a JSON object; returns the answer's JSON. */
    JsonNode post(String path, Map<String, String> body) throws IOException, InterruptedException {
        return call("POST", path, JSON.writeValueAsString(new LinkedHashMap<>(body)));
    }

    /** {@code GET path}; returns the answer's JSON. */
    JsonNode get(String path) throws IOException, InterruptedException {
        return call("GET", path, null);
    }

    /** Every number some client owns. */
    Set<String> ownedNumbers() throws IOException, InterruptedException {
        Set<String> owned = new HashSet<>();
        for (JsonNode client : get("/clients")) {
            for (JsonNode number : client.path("numbers")) {
                owned.add(number.path("number").asText());
            }
        }
        return owned;
    }

    /** A number {@code prefix} followed by four random digits that is not in {@code owned}. */
    static String unowned(Set<String> owned, String prefix, RandomGenerator random) {
        while (true) {
            String candidate = prefix + String.format("%04d", random.nextInt(10_000));
            if (!owned.contains(candidate)) {
                return candidate;
            }
        }
    }

    private JsonNode call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(basePath() + path))
                .timeout(TIMEOUT)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException(
                    "setup: cannot reach " + base + " (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")",
                    e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("setup: " + method + " " + path + " answered " + response.statusCode() + " "
                    + response.body().strip());
        }
        return JSON.readTree(response.body());
    }

    private String basePath() {
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
