package io.gomsggw.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * {@code bench http --setup}: prepares a gateway for the load over its admin API and says what it
 * created — a {@code loopback} carrier that reports every message delivered at once, a web client
 * with a fresh password and one number on that carrier, and a destination number that no client
 * owns, so every message leaves by the carrier. Names carry a random suffix, so setting up again
 * on the same gateway creates a second set instead of failing.
 */
final class BenchSetup {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String authorization;
    private final PrintStream out;
    private final RandomGenerator random;

    BenchSetup(URI base, String apiKey, PrintStream out, RandomGenerator random) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + apiKey).getBytes(StandardCharsets.UTF_8));
        this.out = out;
        this.random = random;
    }

    /**
     * Creates the carrier, the client and its number.
     *
     * @throws IOException when the gateway cannot be reached or refuses a step; the message says which
     */
    SendTarget create() throws IOException, InterruptedException {
        String suffix = HexFormat.of().toHexDigits(random.nextInt(1 << 24)).substring(2);
        Set<String> owned = ownedNumbers();
        String from = unowned(owned, "+1250555");
        owned.add(from);
        String to = unowned(owned, "+1250556");

        String carrier = "bench-loopback-" + suffix;
        post("/carriers", Map.of("name", carrier, "type", "loopback", "profile_id", "delay_ms=0"));
        String username = "bench-" + suffix;
        String password = HexFormat.of().toHexDigits(random.nextLong());
        JsonNode client = post("/clients", Map.of("username", username, "password", password,
                "name", "bench http", "type", "web"));
        long clientId = client.path("id").asLong();
        post("/clients/" + clientId + "/numbers", Map.of("number", from, "carrier", carrier));

        out.printf("setup: carrier %s (loopback, delay_ms=0)%n", carrier);
        out.printf("setup: web client %s id=%d password=%s number %s%n", username, clientId, password, from);
        out.printf("setup: destination %s (owned by no client: sent by %s)%n", to, carrier);
        return new SendTarget(username, password, from, to);
    }

    private Set<String> ownedNumbers() throws IOException, InterruptedException {
        Set<String> owned = new HashSet<>();
        for (JsonNode client : call("GET", "/clients", null)) {
            for (JsonNode number : client.path("numbers")) {
                owned.add(number.path("number").asText());
            }
        }
        return owned;
    }

    private String unowned(Set<String> owned, String prefix) {
        while (true) {
            String candidate = prefix + String.format("%04d", random.nextInt(10_000));
            if (!owned.contains(candidate)) {
                return candidate;
            }
        }
    }

    private JsonNode post(String path, Map<String, String> body) throws IOException, InterruptedException {
        return call("POST", path, JSON.writeValueAsString(new LinkedHashMap<>(body)));
    }

    private JsonNode call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(basePath() + path))
                .timeout(TIMEOUT)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("setup: cannot reach " + base + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("setup: " + method + " " + path + " answered " + response.statusCode()
                    + " " + response.body().strip());
        }
        return JSON.readTree(response.body());
    }

    private String basePath() {
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
