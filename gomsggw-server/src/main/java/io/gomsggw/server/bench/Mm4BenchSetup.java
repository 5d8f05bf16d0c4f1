package io.gomsggw.server.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * {@code bench mm4 --setup}: creates over the admin API a {@code loopback} carrier and a legacy client (a PBX)
 * whose address is {@value #ADDRESS}, so the bench's connections are it, with one number on that carrier.
 * The destination is a number no client owns: every message leaves through the loopback carrier, which
 * reports it delivered. Names carry a random suffix, so running the setup again creates a second set.
 */
final class Mm4BenchSetup {
    static final String ADDRESS = "127.0.0.1";

    /** The PBX's number and the destination. */
    record Numbers(String from, String to) {}

    private final BenchAdminClient admin;
    private final PrintStream out;
    private final RandomGenerator random;

    Mm4BenchSetup(URI base, String apiKey, PrintStream out, RandomGenerator random) {
        this.admin = new BenchAdminClient(base, apiKey);
        this.out = out;
        this.random = random;
    }

    Numbers create() throws IOException, InterruptedException {
        String suffix = HexFormat.of().toHexDigits(random.nextInt(1 << 24)).substring(2);
        Set<String> owned = admin.ownedNumbers();
        String from = BenchAdminClient.unowned(owned, "+1250557", random);
        owned.add(from);
        String to = BenchAdminClient.unowned(owned, "+1604559", random);
        String carrier = "bench-loopback-" + suffix;
        admin.post("/carriers", Map.of("name", carrier, "type", "loopback", "profile_id", "delay_ms=0"));
        String username = "bench-pbx-" + suffix;
        long id = admin.post(
                        "/clients",
                        Map.of(
                                "username",
                                username,
                                "password",
                                HexFormat.of().toHexDigits(random.nextInt()),
                                "name",
                                "bench mm4 PBX",
                                "type",
                                "legacy",
                                "address",
                                ADDRESS))
                .path("id")
                .asLong();
        admin.post("/clients/" + id + "/numbers", Map.of("number", from, "carrier", carrier));
        out.printf("setup: carrier %s (loopback, every message leaves through it)%n", carrier);
        out.printf(
                "setup: legacy client %s id=%d address %s number %s; destination %s, owned by no client%n",
                username, id, ADDRESS, from, to);
        return new Numbers(from, to);
    }
}
