package io.gomsggw.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.testing.Eventually;
import io.gomsggw.core.testing.MutableClock;
import io.gomsggw.server.config.ConfigLoader;
import io.gomsggw.server.config.GatewayConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled gateway takes {@code DELIVERY_WINDOW_HOURS} from its environment for a client that
 * has no window of its own, while a client's own {@code delivery_window_hours} (set through the admin
 * API) wins. The gateway's clock is moved past the one window and not the other.
 */
class DeliveryWindowEndToEndTest {
    private static final String API_KEY = "window-admin-key";

    @TempDir
    Path workingDirectory;

    private final MutableClock clock = new MutableClock(Instant.now());
    private WebhookReceiver receiver;
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) gateway.close();
        if (receiver != null) receiver.close();
    }

    @Test
    void theEnvironmentsWindowAppliesToAClientWithoutItsOwnAndAClientsOwnWins() throws Exception {
        receiver = new WebhookReceiver();
        GatewayConfig config = new ConfigLoader("window-test", 2)
                .load(
                        Map.of(
                                "API_KEY",
                                API_KEY,
                                "WEB_LISTEN",
                                "127.0.0.1:0",
                                "PROMETHEUS_LISTEN",
                                "127.0.0.1:0",
                                "SMPP_LISTEN",
                                "127.0.0.1:0",
                                "TRANSCODER_AV_WORKERS",
                                "0",
                                "DELIVERY_WINDOW_HOURS",
                                "2",
                                "WEBHOOK_RETRY_DELAY_SECS",
                                "1"),
                        workingDirectory);
        gateway = Gateway.start(
                config, clock, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        String base = "http://127.0.0.1:" + gateway.webAddress().getPort();
        HttpProbe admin = new HttpProbe(base, API_KEY);
        assertThat(admin.post("/carriers", "{\"name\":\"loop\",\"type\":\"loopback\"}")
                        .status())
                .isEqualTo(201);
        webClient(admin, "alice", "+12505550001", null);
        webClient(admin, "plain", "+12505550002", receiver.url("/plain"));
        long patient = webClient(admin, "patient", "+12505550003", receiver.url("/patient"));
        assertThat(admin.put("/clients/" + patient + "/settings", "{\"delivery_window_hours\":48}")
                        .status())
                .isEqualTo(200);
        receiver.status = 503;

        HttpProbe alice = new HttpProbe(base, "alice", "pw-alice");
        String toPlain = send(alice, "+12505550002");
        String toPatient = send(alice, "+12505550003");
        HttpProbe plain = new HttpProbe(base, "plain", "pw-plain");
        HttpProbe patientProbe = new HttpProbe(base, "patient", "pw-patient");
        Eventually.await(
                "both tried and parked for their retry",
                () -> parked(plain, toPlain) && parked(patientProbe, toPatient));

        // the gateway's clock stands still until moved, so no retry is due before it is
        int triedBefore = receiver.where("id", toPatient).size();
        clock.advance(Duration.ofHours(3));
        Eventually.await(
                "undelivered after the environment's 2 h",
                () -> status(plain, toPlain).equals("undelivered"));
        Eventually.await(
                "the patient client's message tried after the clock moved",
                () -> receiver.where("id", toPatient).size() > triedBefore);
        assertThat(status(patientProbe, toPatient)).isIn("queued", "dispatching");
        assertThat(plain.get("/messages/" + toPlain).body().get("error").asText())
                .contains("delivery window of 2 h over");
    }

    private static long webClient(HttpProbe admin, String username, String number, String webhook) throws Exception {
        long id = admin.post(
                        "/clients",
                        "{\"username\":\"" + username + "\",\"password\":\"pw-" + username + "\",\"type\":\"web\"}")
                .body()
                .get("id")
                .asLong();
        if (webhook != null) {
            assertThat(admin.put("/clients/" + id + "/settings", "{\"default_webhook\":\"" + webhook + "\"}")
                            .status())
                    .isEqualTo(200);
        }
        assertThat(admin.post("/clients/" + id + "/numbers", "{\"number\":\"" + number + "\",\"carrier\":\"loop\"}")
                        .status())
                .isEqualTo(201);
        return id;
    }

    private static String send(HttpProbe sender, String to) throws Exception {
        HttpProbe.Reply reply = sender.post(
                "/messages/send", "{\"from\":\"+12505550001\",\"to\":\"" + to + "\",\"text\":\"are you there?\"}");
        assertThat(reply.status()).isEqualTo(202);
        return reply.body().get("id").asText();
    }

    private static boolean parked(HttpProbe viewer, String id) {
        try {
            return viewer.get("/messages/" + id).body().has("next_attempt_at");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String status(HttpProbe viewer, String id) {
        try {
            return viewer.get("/messages/" + id).body().get("status").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
