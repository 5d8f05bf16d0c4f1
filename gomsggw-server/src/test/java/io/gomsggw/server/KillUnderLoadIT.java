package io.gomsggw.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gomsggw.server.database.EmptyPostgresSchema;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.bean.BindType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGKILL while the gateway is under load, as an operator's power cut or OOM killer would: what
 * it acknowledged (an SMPP {@code submit_sm_resp} with status 0, an HTTP 202) must reach the
 * destination after a restart, on the embedded database and on PostgreSQL, and after twenty kills
 * at random moments of one load run. Duplicates are allowed (at-least-once, same id); a loss is
 * not. Run by failsafe after {@code package}.
 */
class KillUnderLoadIT {
    private static final Duration DELIVERY_DEADLINE = Duration.ofMinutes(5);
    private static final String API_KEY = "kill-under-load-key";
    private static final String PBX_NUMBER = "+12505550201";
    private static final String WEB_NUMBER = "+12505550202";
    private static final int SUBMITTERS = 4;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 300;
    private static final int KILLS = 20;
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
    private RecordingWebhook webhook;
    private EmptyPostgresSchema schema;

    @BeforeEach
    void findJar() {
        GatewayProcess.jar();
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (webhook != null) {
            webhook.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    /**
     * A PBX (jsmpp, {@value #SUBMITTERS} threads on one bind) submits to a web client as fast as the
     * gateway answers; the gateway is killed once {@value #ACKNOWLEDGED_BEFORE_KILL} submits have
     * been answered, with submits in flight. Every message id a {@code submit_sm_resp} carried is
     * delivered to the web client's webhook after the restart.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "postgresql"})
    void everySubmitSmAcknowledgedBeforeAKillIsDeliveredAfterTheRestart(String database) throws Exception {
        Map<String, String> environment = new HashMap<>();
        if (database.equals("postgresql")) {
            Optional<EmptyPostgresSchema> created = EmptyPostgresSchema.create();
            assumeTrue(
                    created.isPresent(),
                    "GOMSGGW_TEST_POSTGRES_URL is not set: the PostgreSQL case of the SMPP kill test is skipped "
                            + "(.ci/run sets it)");
            schema = created.get();
            environment.put("DATABASE_URL", schema.jdbcUrl());
        }
        webhook = RecordingWebhook.start(1, Duration.ofMillis(200));
        gateway = start("first", environment);
        gateway.awaitHealthy();
        setUp(gateway.admin());

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger refusals = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService submitters = Executors.newFixedThreadPool(SUBMITTERS);
        try (JsmppPbx pbx = new JsmppPbx(gateway.smppPort(), "pbx", "pbx-pass", BindType.BIND_TX)) {
            AtomicInteger next = new AtomicInteger();
            for (int t = 0; t < SUBMITTERS; t++) {
                submitters.execute(() -> {
                    while (!stop.get()) {
                        int i = next.getAndIncrement();
                        try {
                            acknowledged.add(pbx.submit(PBX_NUMBER, WEB_NUMBER, "kill under load " + i, false));
                        } catch (Exception refusedOrGone) {
                            refusals.incrementAndGet();
                        }
                    }
                });
            }
            Instant giveUp = Instant.now().plus(DELIVERY_DEADLINE);
            while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL
                    && Instant.now().isBefore(giveUp)) {
                Thread.sleep(5);
            }
            assertThat(acknowledged)
                    .as("submits answered before the kill; " + gateway.output())
                    .hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);
            gateway.kill();
            stop.set(true);
        } catch (RuntimeException closingADeadSession) {
            stop.set(true);
        } finally {
            submitters.shutdown();
            assertThat(submitters.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        Set<String> pendingAtKill = new HashSet<>(acknowledged);
        pendingAtKill.removeAll(webhook.messageIds());
        assertThat(pendingAtKill)
                .as("the kill came while deliveries were pending, or the test proves nothing")
                .isNotEmpty();

        gateway = start("second", environment);
        gateway.awaitHealthy();
        boolean complete = webhook.awaitAll(acknowledged, DELIVERY_DEADLINE);

        Set<String> missing = new HashSet<>(acknowledged);
        missing.removeAll(webhook.messageIds());
        System.out.printf(
                "kill under SMPP load (%s): acknowledged=%d pending at the kill=%d refused or cut=%d "
                        + "delivered twice=%d%n",
                database,
                acknowledged.size(),
                pendingAtKill.size(),
                refusals.get(),
                webhook.counts().values().stream().filter(n -> n > 1).count());
        assertThat(missing)
                .as("acknowledged submits never delivered (complete=%s); %s", complete, gateway.output())
                .isEmpty();
        assertThat(webhook.messageIds())
                .as("only acknowledged ids, or ids of submits cut by the kill")
                .hasSizeLessThanOrEqualTo(acknowledged.size() + SUBMITTERS);
    }

    /**
     * One load run (HTTP sends from 4 threads) on one data directory, the gateway killed
     * {@value #KILLS} times, each time at a random moment between 0.1 and 2 s after it became
     * healthy, and started again. At the end every message answered 202 in any of the runs has
     * reached the web client.
     */
    @Test
    void twentyKillsAtRandomMomentsOfALoadRunLoseNoAcknowledgedMessage() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        webhook = RecordingWebhook.start(4, Duration.ofMillis(5));
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger sequence = new AtomicInteger();
        List<Integer> acceptedPerRun = new ArrayList<>();
        for (int run = 0; run <= KILLS; run++) {
            gateway = start("run-" + run, Map.of());
            gateway.awaitHealthy();
            if (run == 0) {
                setUp(gateway.admin());
            }
            if (run == KILLS) {
                break;
            }
            int before = accepted.size();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService senders = Executors.newFixedThreadPool(4);
            URI send = URI.create(gateway.baseUrl() + "/messages/send");
            for (int t = 0; t < 4; t++) {
                senders.execute(() -> {
                    while (!stop.get()) {
                        sendOne(send, sequence.getAndIncrement(), accepted);
                    }
                });
            }
            Thread.sleep(100 + random.nextInt(1_900));
            gateway.kill();
            stop.set(true);
            senders.shutdown();
            assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            acceptedPerRun.add(accepted.size() - before);
        }
        boolean complete = webhook.awaitAll(accepted, DELIVERY_DEADLINE);

        Set<String> missing = new HashSet<>(accepted);
        missing.removeAll(webhook.messageIds());
        System.out.printf(
                "kill at random moments (seed %d): kills=%d accepted per run=%s accepted=%d delivered=%d "
                        + "delivered twice=%d%n",
                seed,
                KILLS,
                acceptedPerRun,
                accepted.size(),
                webhook.messageIds().size(),
                webhook.counts().values().stream().filter(n -> n > 1).count());
        assertThat(accepted).as("the runs accepted messages at all").isNotEmpty();
        assertThat(missing)
                .as("accepted ids never delivered (seed %d, complete=%s); %s", seed, complete, gateway.output())
                .isEmpty();
    }

    /** A loopback carrier, the PBX (a legacy client on 127.0.0.1) and the web client with the webhook. */
    private void setUp(HttpProbe admin) throws IOException, InterruptedException {
        assertThat(admin.post("/carriers", """
                {"name": "loop", "type": "loopback", "profile_id": "delay_ms=0"}
                """).status()).isEqualTo(201);
        long pbx = createClient(admin, """
                {"username": "pbx", "password": "pbx-pass", "type": "legacy", "address": "127.0.0.1"}
                """, PBX_NUMBER);
        long web = createClient(admin, """
                {"username": "web", "password": "web-pass", "type": "web"}
                """, WEB_NUMBER);
        assertThat(pbx).isNotEqualTo(web);
        HttpProbe.Reply settings =
                admin.put("/clients/" + web + "/settings", "{\"default_webhook\": \"" + webhook.url() + "\"}");
        assertThat(settings.status()).as(String.valueOf(settings.body())).isEqualTo(200);
    }

    private static long createClient(HttpProbe admin, String body, String number)
            throws IOException, InterruptedException {
        HttpProbe.Reply created = admin.post("/clients", body);
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        long id = created.body().get("id").asLong();
        HttpProbe.Reply added =
                admin.post("/clients/" + id + "/numbers", "{\"number\": \"" + number + "\", \"carrier\": \"loop\"}");
        assertThat(added.status()).as(String.valueOf(added.body())).isEqualTo(201);
        return id;
    }

    /** The PBX sends to the web client over HTTP too: one client of each kind is enough for both tests. */
    private void sendOne(URI send, int i, Set<String> accepted) {
        String body = "{\"from\": \"" + WEB_NUMBER + "\", \"to\": \"" + WEB_NUMBER + "\", \"text\": \"random kill " + i
                + "\"}";
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(send)
                            .timeout(Duration.ofSeconds(30))
                            .header(
                                    "Authorization",
                                    "Basic "
                                            + Base64.getEncoder()
                                                    .encodeToString("web:web-pass".getBytes(StandardCharsets.UTF_8)))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202) {
                accepted.add(JSON.readTree(response.body()).get("id").asText());
            }
        } catch (IOException cutByTheKill) {
            // not acknowledged: the gateway owes nothing for it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private GatewayProcess start(String run, Map<String, String> environment) throws IOException {
        return GatewayProcess.start(workingDirectory, logs, run, API_KEY, environment);
    }
}
