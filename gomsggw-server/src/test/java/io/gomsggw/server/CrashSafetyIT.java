package io.gomsggw.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Persist, then acknowledge" with a real crash: the shaded jar runs as a process, client A sends
 * messages to client B over HTTP, B's webhook (a server in this test) answers slowly so delivery
 * lags acceptance, and the gateway is killed with SIGKILL right after the last acknowledgement,
 * while deliveries are pending. Restarted on the same data directory, it must deliver every
 * message it acknowledged with 202, at least once, and nothing it did not acknowledge. Prints how
 * many were delivered before the kill, after the restart, and twice. Run by failsafe after
 * {@code package}.
 */
class CrashSafetyIT {
    private static final Duration DELIVERY_DEADLINE = Duration.ofMinutes(5);
    private static final String API_KEY = "crash-safety-key";
    private static final int MESSAGES = 500;
    private static final int QUIET_TAIL = 10;
    private static final int SENDERS = 8;
    private static final int BATCH_ROWS = 300;
    private static final String NUMBER_A = "+12505550101";
    private static final String NUMBER_B = "+12505550102";
    private static final String NUMBER_PBX = "+12505550103";
    private static final int MM4_MESSAGES = 40;
    /** A 1x1 PNG. */
    private static final String PNG =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workingDirectory;

    @TempDir
    Path logs;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private GatewayProcess gateway;
    private RecordingWebhook receiver;

    @BeforeEach
    void findJar() {
        GatewayProcess.jar();
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void everyAcceptedMessageIsDeliveredAfterAKillAndARestart() throws Exception {
        receiver = RecordingWebhook.start(4, Duration.ofMillis(50));
        gateway = start("first");
        gateway.awaitHealthy();
        setUp(gateway.admin());

        Set<String> accepted = sendAll(gateway.webPort());
        int refused = MESSAGES + QUIET_TAIL - accepted.size();
        assertThat(accepted).as("202 answers; " + gateway.output()).isNotEmpty();

        gateway.kill();
        Set<String> deliveredBeforeKill = receiver.messageIds();
        Set<String> pendingAtKill = new HashSet<>(accepted);
        pendingAtKill.removeAll(deliveredBeforeKill);
        assertThat(pendingAtKill)
                .as("the kill came while deliveries were pending, or the test proves nothing")
                .isNotEmpty();

        gateway = start("second");
        gateway.awaitHealthy();
        boolean complete = receiver.awaitAll(accepted, DELIVERY_DEADLINE);

        Map<String, Integer> received = receiver.counts();
        Map<String, Integer> duplicates = received.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Set<String> deliveredAfterRestart = new HashSet<>(received.keySet());
        deliveredAfterRestart.removeAll(deliveredBeforeKill);
        long duplicatedBeforeKill = duplicates.keySet().stream()
                .filter(deliveredBeforeKill::contains)
                .count();
        System.out.printf(
                "crash safety: sent=%d accepted=%d refused=%d delivered before the kill=%d pending at the kill=%d "
                        + "delivered after the restart=%d duplicates=%d (%d first delivered before the kill, %d extra "
                        + "deliveries)%n",
                MESSAGES + QUIET_TAIL,
                accepted.size(),
                refused,
                deliveredBeforeKill.size(),
                pendingAtKill.size(),
                deliveredAfterRestart.size(),
                duplicates.size(),
                duplicatedBeforeKill,
                duplicates.values().stream().mapToInt(count -> count - 1).sum());

        Set<String> missing = new HashSet<>(accepted);
        missing.removeAll(received.keySet());
        assertThat(missing)
                .as("accepted ids never delivered (complete=%s); %s", complete, gateway.output())
                .isEmpty();
        assertThat(received.keySet()).as("every delivered id was accepted").isSubsetOf(accepted);
        assertThat(duplicates.keySet()).as("duplicates carry accepted ids").isSubsetOf(accepted);
    }

    /**
     * A quiet gateway: a few messages a second, delivered as fast as they come, and a kill right
     * after the last acknowledgement. An embedded database that keeps recent commits in memory
     * (H2's default write delay) loses the last messages here, while a busy one may not.
     */
    @Test
    void aQuietGatewayKilledRightAfterAnAcknowledgementLosesNothing() throws Exception {
        receiver = RecordingWebhook.start(2, Duration.ZERO);
        gateway = start("first");
        gateway.awaitHealthy();
        setUp(gateway.admin());

        URI send = URI.create(gateway.baseUrl() + "/messages/send");
        String authorization =
                "Basic " + Base64.getEncoder().encodeToString("client-a:pw-client-a".getBytes(StandardCharsets.UTF_8));
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 40; i++) {
            Thread.sleep(50);
            sendOne(send, authorization, i, accepted);
        }
        gateway.kill();

        gateway = start("second");
        gateway.awaitHealthy();
        boolean complete = receiver.awaitAll(accepted, DELIVERY_DEADLINE);
        Set<String> missing = new HashSet<>(accepted);
        missing.removeAll(receiver.counts().keySet());
        assertThat(accepted).hasSize(40);
        assertThat(missing)
                .as("accepted ids never delivered (complete=%s); %s", complete, gateway.output())
                .isEmpty();
    }

    /**
     * A batch killed half-way: A sends {@value #BATCH_ROWS} rows to B with an API key at 100 a
     * second, and the gateway is SIGKILLed once a fifth of them reached B. After the restart the
     * batch completes, and every row became exactly one message, under the id reserved for it: rows
     * submitted just before the kill are recognised, not sent a second time.
     */
    @Test
    void aBatchKilledHalfWayEndsWithOneMessagePerRow() throws Exception {
        receiver = RecordingWebhook.start(4, Duration.ZERO);
        gateway = start("first");
        gateway.awaitHealthy();
        String base = gateway.baseUrl();
        HttpProbe admin = gateway.admin();
        setUp(admin);
        long clientA = -1;
        for (JsonNode client : admin.get("/clients").body()) {
            if (client.get("username").asText().equals("client-a"))
                clientA = client.get("id").asLong();
        }
        HttpProbe.Reply key = admin.post("/clients/" + clientA + "/api-keys", "{\"scopes\": \"batch,usage\"}");
        assertThat(key.status()).isEqualTo(201);
        String rawKey = key.body().get("key").asText();
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < BATCH_ROWS; i++) {
            rows.append(i == 0 ? "" : ",").append("{\"to\": \"" + NUMBER_B + "\", \"text\": \"batch row " + i + "\"}");
        }
        HttpProbe.Reply accepted = HttpProbe.bearer(base, rawKey)
                .post(
                        "/messages/batch",
                        "{\"from\": \"" + NUMBER_A + "\", \"throttle_per_second\": 100, \"messages\": [" + rows + "]}");
        assertThat(accepted.status()).as(String.valueOf(accepted.body())).isEqualTo(202);
        String batch = accepted.body().get("id").asText();
        Set<String> rowIds = new HashSet<>();
        HttpProbe.bearer(base, rawKey)
                .get("/messages/batch/" + batch + "/messages?per_page=500")
                .body()
                .forEach(row -> rowIds.add(row.get("id").asText()));
        assertThat(rowIds).hasSize(BATCH_ROWS);
        Instant giveUp = Instant.now().plus(DELIVERY_DEADLINE);
        while (receiver.messageIds().size() < BATCH_ROWS / 5 && Instant.now().isBefore(giveUp)) {
            Thread.sleep(20);
        }
        gateway.kill();
        int deliveredBeforeKill = receiver.messageIds().size();
        assertThat(deliveredBeforeKill).as("killed in the middle of the batch").isBetween(1, BATCH_ROWS - 1);

        gateway = start("second");
        gateway.awaitHealthy();
        String restarted = gateway.baseUrl();
        HttpProbe client = HttpProbe.bearer(restarted, rawKey);
        JsonNode job = client.get("/messages/batch/" + batch).body();
        while (!"completed".equals(job.path("status").asText()) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(200);
            job = client.get("/messages/batch/" + batch).body();
        }
        assertThat(job.path("status").asText())
                .as(job + "; " + gateway.output())
                .isEqualTo("completed");
        assertThat(job.path("sent_count").asInt()).isEqualTo(BATCH_ROWS);
        boolean complete = receiver.awaitAll(rowIds, DELIVERY_DEADLINE);

        Set<String> messageIds = new HashSet<>();
        new HttpProbe(restarted, "client-a", "pw-client-a")
                .get("/messages/history?direction=outbound&per_page=200&page=1")
                .body()
                .get("messages")
                .forEach(m -> messageIds.add(m.get("id").asText()));
        new HttpProbe(restarted, "client-a", "pw-client-a")
                .get("/messages/history?direction=outbound&per_page=200&page=2")
                .body()
                .get("messages")
                .forEach(m -> messageIds.add(m.get("id").asText()));
        long twice = receiver.counts().values().stream().filter(n -> n > 1).count();
        System.out.printf(
                "crash safety (batch): rows=%d delivered before the kill=%d delivered twice=%d complete=%s%n",
                BATCH_ROWS, deliveredBeforeKill, twice, complete);
        assertThat(messageIds).as("one message per row, under its reserved id").isEqualTo(rowIds);
        assertThat(receiver.counts().keySet())
                .as("every row reached B (complete=%s)", complete)
                .isEqualTo(rowIds);
    }

    /**
     * MM4: a PBX sends {@value #MM4_MESSAGES} MMS to web client B over SMTP, each answered {@code 250} once
     * stored; B's webhook is slow, so deliveries lag; SIGKILL right after the last {@code 250}. After the
     * restart B's history holds exactly one message per {@code 250}, and every one reaches B's webhook.
     */
    @Test
    void everyMm4MessageAnswered250IsDeliveredAfterAKill() throws Exception {
        receiver = RecordingWebhook.start(1, Duration.ofMillis(200));
        int mm4Port = GatewayProcess.freePort();
        gateway = GatewayProcess.start(
                workingDirectory, logs, "first", API_KEY, Map.of("MM4_LISTEN", "127.0.0.1:" + mm4Port));
        gateway.awaitHealthy();
        setUp(gateway.admin());
        HttpProbe.Reply pbx = gateway.admin()
                .post(
                        "/clients",
                        "{\"username\": \"pbx\", \"password\": \"pw-pbx\", \"type\": \"legacy\", \"address\": \"127.0.0.1\"}");
        assertThat(pbx.status()).as(String.valueOf(pbx.body())).isEqualTo(201);
        assertThat(gateway.admin()
                        .post(
                                "/clients/" + pbx.body().get("id").asLong() + "/numbers",
                                "{\"number\": \"" + NUMBER_PBX + "\", \"carrier\": \"loop\"}")
                        .status())
                .isEqualTo(201);

        int answered250 = 0;
        try (RawSmtp smtp = RawSmtp.connect("127.0.0.1", mm4Port)) {
            assertThat(smtp.greeting()).startsWith("220");
            assertThat(smtp.command("EHLO pbx.example.net")).startsWith("250");
            for (int i = 0; i < MM4_MESSAGES; i++) {
                assertThat(smtp.command("MAIL FROM:<" + NUMBER_PBX + "/TYPE=PLMN@pbx.example.net>"))
                        .startsWith("250");
                assertThat(smtp.command("RCPT TO:<" + NUMBER_B + "/TYPE=PLMN@gw.example.com>"))
                        .startsWith("250");
                assertThat(smtp.command("DATA")).startsWith("354");
                String reply = smtp.command(mm4Request(i) + "\r\n.");
                if (reply.startsWith("250")) {
                    answered250++;
                } else {
                    System.out.println("crash safety: mm4 message " + i + " answered " + reply);
                }
            }
        }
        gateway.kill();
        Set<String> deliveredBeforeKill = receiver.messageIds();

        gateway = GatewayProcess.start(workingDirectory, logs, "second", API_KEY, Map.of());
        gateway.awaitHealthy();
        HttpProbe asB = new HttpProbe(gateway.baseUrl(), "client-b", "pw-client-b");
        JsonNode history = asB.get("/messages/history?from=" + URLEncoder.encode(NUMBER_PBX, StandardCharsets.UTF_8)
                        + "&per_page=200")
                .body();
        Set<String> stored = new HashSet<>();
        history.path("messages").forEach(m -> stored.add(m.path("id").asText()));
        boolean complete = receiver.awaitAll(stored, DELIVERY_DEADLINE);
        System.out.printf(
                "crash safety mm4: sent=%d answered 250=%d stored after the restart=%d delivered before "
                        + "the kill=%d delivered in all=%d%n",
                MM4_MESSAGES,
                answered250,
                stored.size(),
                deliveredBeforeKill.size(),
                receiver.messageIds().size());
        assertThat(answered250).as("250 answers").isPositive();
        assertThat(stored).as("one stored message per 250; %s", history).hasSize(answered250);
        assertThat(deliveredBeforeKill)
                .as("the kill came while deliveries were pending")
                .hasSizeLessThan(answered250);
        Set<String> missing = new HashSet<>(stored);
        missing.removeAll(receiver.messageIds());
        assertThat(missing)
                .as("answered 250, never delivered (complete=%s); %s", complete, gateway.output())
                .isEmpty();
    }

    /** An MM4_forward.REQ with a small text part, dot-stuffing not needed. */
    private static String mm4Request(int i) {
        return "X-Mms-3GPP-MMS-Version: 6.10.0\r\n"
                + "X-Mms-Message-Type: MM4_forward.REQ\r\n"
                + "X-Mms-Transaction-ID: crash-" + i + "\r\n"
                + "X-Mms-Message-ID: <crash-" + i + "@pbx.example.net>\r\n"
                + "From: " + NUMBER_PBX + "/TYPE=PLMN@pbx.example.net\r\n"
                + "To: " + NUMBER_B + "/TYPE=PLMN@gw.example.com\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/related; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nmm4 crash test " + i + "\r\n"
                + "--b\r\nContent-Type: image/png; name=dot.png\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + PNG + "\r\n--b--";
    }

    /** A loopback carrier for the numbers, and web clients A and B; B's webhook is the receiver. */
    private void setUp(HttpProbe admin) throws IOException, InterruptedException {
        assertThat(admin.post("/carriers", """
                {"name": "loop", "type": "loopback", "profile_id": "delay_ms=0"}
                """).status()).isEqualTo(201);
        long a = createClient(admin, "client-a", NUMBER_A);
        long b = createClient(admin, "client-b", NUMBER_B);
        assertThat(a).isNotEqualTo(b);
        HttpProbe.Reply settings =
                admin.put("/clients/" + b + "/settings", "{\"default_webhook\": \"" + receiver.url() + "\"}");
        assertThat(settings.status()).as(String.valueOf(settings.body())).isEqualTo(200);
    }

    private static long createClient(HttpProbe admin, String username, String number)
            throws IOException, InterruptedException {
        HttpProbe.Reply created = admin.post(
                "/clients",
                "{\"username\": \"" + username + "\", \"password\": \"pw-" + username + "\", \"type\": \"web\"}");
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        long id = created.body().get("id").asLong();
        HttpProbe.Reply added =
                admin.post("/clients/" + id + "/numbers", "{\"number\": \"" + number + "\", \"carrier\": \"loop\"}");
        assertThat(added.status()).as(String.valueOf(added.body())).isEqualTo(201);
        return id;
    }

    /** Sends {@value #MESSAGES} messages A → B from {@value #SENDERS} threads; returns the ids answered 202. */
    private Set<String> sendAll(int webPort) throws Exception {
        URI send = URI.create("http://127.0.0.1:" + webPort + "/messages/send");
        String authorization =
                "Basic " + Base64.getEncoder().encodeToString("client-a:pw-client-a".getBytes(StandardCharsets.UTF_8));
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                done.add(senders.submit(() -> {
                    for (int i = next.getAndIncrement(); i < MESSAGES; i = next.getAndIncrement()) {
                        sendOne(send, authorization, i, accepted);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            senders.shutdownNow();
        }
        // A quiet tail, one message at a time, the last one right before the kill: a database that
        // keeps commits in memory for a while (H2's default write delay) would lose these.
        for (int i = MESSAGES; i < MESSAGES + QUIET_TAIL; i++) {
            Thread.sleep(30);
            sendOne(send, authorization, i, accepted);
        }
        return accepted;
    }

    private void sendOne(URI send, String authorization, int i, Set<String> accepted) throws Exception {
        String body =
                "{\"from\": \"" + NUMBER_A + "\", \"to\": \"" + NUMBER_B + "\", \"text\": \"crash test " + i + "\"}";
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(send)
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", authorization)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 202) {
            accepted.add(JSON.readTree(response.body()).get("id").asText());
        } else {
            System.out.println(
                    "crash safety: send " + i + " answered " + response.statusCode() + " " + response.body());
        }
    }

    private GatewayProcess start(String run) throws IOException {
        return GatewayProcess.start(workingDirectory, logs, run, API_KEY, Map.of());
    }
}
