package io.gomsggw.server.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * {@code bench smpp --setup}: prepares a gateway for the load over its admin API and says what it
 * created — a {@code loopback} carrier (numbers need one), and two legacy clients that may bind
 * from {@value #ADDRESS}, each with a fresh 8-character password and {@code conversations} numbers on
 * that carrier. The first submits to the second's numbers, one conversation per pair, so every
 * message is delivered internally to the second client's binds and no carrier sends anything. With
 * {@code toCarrier}, only the first client is created, and it submits to numbers no client owns:
 * every message leaves through the loopback carrier, which reports it delivered. Names carry a
 * random suffix, so setting up again on the same gateway creates a second set instead of failing.
 */
final class SmppBenchSetup {
    static final String ADDRESS = "127.0.0.1";

    private final BenchAdminClient admin;
    private final PrintStream out;
    private final RandomGenerator random;

    SmppBenchSetup(URI base, String apiKey, PrintStream out, RandomGenerator random) {
        this.admin = new BenchAdminClient(base, apiKey);
        this.out = out;
        this.random = random;
    }

    /**
     * Creates the carrier, the two clients and their numbers.
     *
     * @throws IOException when the gateway cannot be reached or refuses a step; the message says which
     */
    SmppTarget create(int conversations, boolean toCarrier) throws IOException, InterruptedException {
        String suffix = HexFormat.of().toHexDigits(random.nextInt(1 << 24)).substring(2);
        Set<String> owned = admin.ownedNumbers();
        List<String> from = numbers(owned, "+1250557", conversations);
        List<String> to = numbers(owned, toCarrier ? "+1604559" : "+1250558", conversations);

        String carrier = "bench-loopback-" + suffix;
        admin.post("/carriers", Map.of("name", carrier, "type", "loopback", "profile_id", "delay_ms=0"));
        out.printf(
                "setup: carrier %s (loopback%s)%n",
                carrier,
                toCarrier ? ", every message leaves through it" : ", for the numbers; nothing is sent through it");
        SmppCredentials sender = legacyClient("bench-a-" + suffix, "bench smpp sender", from, carrier);
        if (toCarrier) {
            out.printf("setup: destination numbers %s… (%d), owned by no client%n", to.get(0), to.size());
            return new SmppTarget(sender, from, to, Optional.empty());
        }
        SmppCredentials receiver = legacyClient("bench-b-" + suffix, "bench smpp receiver", to, carrier);
        return new SmppTarget(sender, from, to, Optional.of(receiver));
    }

    private List<String> numbers(Set<String> owned, String prefix, int count) {
        List<String> numbers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String number = BenchAdminClient.unowned(owned, prefix, random);
            owned.add(number);
            numbers.add(number);
        }
        return numbers;
    }

    private SmppCredentials legacyClient(String username, String name, List<String> numbers, String carrier)
            throws IOException, InterruptedException {
        String password = HexFormat.of().toHexDigits(random.nextInt());
        long id = admin.post(
                        "/clients",
                        Map.of(
                                "username",
                                username,
                                "password",
                                password,
                                "name",
                                name,
                                "type",
                                "legacy",
                                "address",
                                ADDRESS))
                .path("id")
                .asLong();
        for (String number : numbers) {
            admin.post("/clients/" + id + "/numbers", Map.of("number", number, "carrier", carrier));
        }
        out.printf(
                "setup: legacy client %s id=%d password=%s address %s numbers %s (%d)%n",
                username,
                id,
                password,
                ADDRESS,
                numbers.size() == 1 ? numbers.get(0) : numbers.get(0) + "…",
                numbers.size());
        return new SmppCredentials(username, password);
    }
}
