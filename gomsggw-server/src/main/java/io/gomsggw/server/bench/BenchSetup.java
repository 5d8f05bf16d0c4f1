package io.gomsggw.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.HexFormat;
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
    private final BenchAdminClient admin;
    private final PrintStream out;
    private final RandomGenerator random;

    BenchSetup(URI base, String apiKey, PrintStream out, RandomGenerator random) {
        this.admin = new BenchAdminClient(base, apiKey);
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
        Set<String> owned = admin.ownedNumbers();
        String from = BenchAdminClient.unowned(owned, "+1250555", random);
        owned.add(from);
        String to = BenchAdminClient.unowned(owned, "+1250556", random);

        String carrier = "bench-loopback-" + suffix;
        admin.post("/carriers", Map.of("name", carrier, "type", "loopback", "profile_id", "delay_ms=0"));
        String username = "bench-" + suffix;
        String password = HexFormat.of().toHexDigits(random.nextLong());
        JsonNode client = admin.post(
                "/clients", Map.of("username", username, "password", password, "name", "bench http", "type", "web"));
        long clientId = client.path("id").asLong();
        admin.post("/clients/" + clientId + "/numbers", Map.of("number", from, "carrier", carrier));

        out.printf("setup: carrier %s (loopback, delay_ms=0)%n", carrier);
        out.printf("setup: web client %s id=%d password=%s number %s%n", username, clientId, password, from);
        out.printf("setup: destination %s (owned by no client: sent by %s)%n", to, carrier);
        return new SendTarget(username, password, from, to);
    }
}
