package io.gomsggw.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.server.config.ConfigLoader;
import io.gomsggw.server.config.GatewayConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The assembled gateway in-process on free loopback ports with embedded H2, a loopback carrier
 * {@code loop}, and helpers to create the legacy and web clients the SMPP tests bind and send as.
 */
final class SmppGatewayFixture implements AutoCloseable {
    static final String API_KEY = "smpp-e2e-admin-key";

    final WebhookReceiver receiver = new WebhookReceiver();
    final Gateway gateway;

    SmppGatewayFixture(Path workingDirectory) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("API_KEY", API_KEY);
        env.put("WEB_LISTEN", "127.0.0.1:0");
        env.put("PROMETHEUS_LISTEN", "127.0.0.1:0");
        env.put("SMPP_LISTEN", "127.0.0.1:0");
        env.put("MM4_LISTEN", "127.0.0.1:0");
        env.put("SMPP_RETRIES", "1");
        // no video here: spare each gateway of the test its video and audio worker process
        env.put("TRANSCODER_AV_WORKERS", "0");
        GatewayConfig config = new ConfigLoader("smpp-e2e", 2).load(env, workingDirectory);
        gateway = Gateway.start(
                config, Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(admin().post("/carriers", "{\"name\":\"loop\",\"type\":\"loopback\",\"profile_id\":\"delay_ms=20\"}")
                        .status())
                .isEqualTo(201);
    }

    int smppPort() {
        return gateway.smppAddress().getPort();
    }

    HttpProbe admin() {
        return new HttpProbe(base(), API_KEY);
    }

    private String base() {
        return "http://127.0.0.1:" + gateway.webAddress().getPort();
    }

    /** A legacy client that may bind from {@code address}, owning {@code +number}; returns its id. */
    long legacyClient(String username, String number, String address) throws Exception {
        HttpProbe.Reply created = admin().post(
                        "/clients",
                        "{\"username\":\"" + username + "\",\"password\":\"" + smppPassword(username)
                                + "\",\"type\":\"legacy\",\"address\":\"" + address + "\"}");
        assertThat(created.status()).isEqualTo(201);
        long id = created.body().get("id").asLong();
        assertThat(admin().post("/clients/" + id + "/numbers", "{\"number\":\"+" + number + "\",\"carrier\":\"loop\"}")
                        .status())
                .isEqualTo(201);
        return id;
    }

    long legacyClient(String username, String number) throws Exception {
        return legacyClient(username, number, "localhost");
    }

    /** A web client owning {@code +number} whose webhooks go to {@link #receiver}. */
    void webClient(String username, String number) throws Exception {
        long id = admin().post(
                        "/clients",
                        "{\"username\":\"" + username + "\",\"password\":\"pw-" + username + "\",\"type\":\"web\"}")
                .body()
                .get("id")
                .asLong();
        admin().put("/clients/" + id + "/settings", "{\"default_webhook\":\"" + receiver.url("/" + username) + "\"}");
        admin().post("/clients/" + id + "/numbers", "{\"number\":\"+" + number + "\",\"carrier\":\"loop\"}");
    }

    /** The web-client API as {@code username}, who was created by {@link #webClient}. */
    HttpProbe webApi(String username) {
        return new HttpProbe(base(), username, "pw-" + username);
    }

    HttpProbe.Reply webSend(String username, String from, String to, String text) throws Exception {
        return new HttpProbe(base(), username, "pw-" + username)
                .post(
                        "/messages/send",
                        "{\"from\":\"+" + from + "\",\"to\":\"+" + to + "\",\"text\":\"" + text + "\"}");
    }

    /** A password of at most 8 characters, the most SMPP 3.4 allows, as a strict PBX would have. */
    static String smppPassword(String username) {
        return ("pw-" + username).substring(0, Math.min(8, 3 + username.length()));
    }

    @Override
    public void close() {
        gateway.close();
        receiver.close();
    }
}
