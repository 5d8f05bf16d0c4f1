package io.gomsggw.server;

import static io.gomsggw.core.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gomsggw.server.config.ConfigLoader;
import io.gomsggw.server.database.EmptyPostgresSchema;
import io.gomsggw.server.goimport.GoShapedDatabase;
import io.gomsggw.server.goimport.ImportGoCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsmpp.bean.DeliverSm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The switch from the Go gateway, end to end: a Go gateway's PostgreSQL database (the tables its
 * GORM models create, secrets encrypted with its scheme) is imported with {@code import-go} into
 * the embedded database and, in another test, into PostgreSQL (another schema); a second run
 * imports nothing new; then this gateway starts on the imported database with the Go gateway's
 * environment and its users notice nothing: the PBX binds over SMPP with its Go credentials, a
 * Telnyx webhook to the carrier's old uuid reaches it, the web shop sends with Basic auth and with
 * the tenant API key its application holds, and its daily limit continues from the usage the Go
 * gateway had counted.
 *
 * <p>Needs {@code GOMSGGW_TEST_POSTGRES_URL} for the Go database (CI sets it); skipped without.
 */
class SwitchFromGoTest {
    private static final String TELNYX_UUID = "65f1c0a4e2d3c4b5a6978812";
    private static final String API_KEY = "switch-admin-key";
    private static final String SHOP_API_KEY = "gw_live_" + "5e".repeat(32);

    @TempDir
    Path workingDirectory;

    private GoShapedDatabase go;
    private Gateway gateway;
    private JsmppPbx pbx;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void goGateway() throws Exception {
        Optional<GoShapedDatabase> database = GoShapedDatabase.postgres();
        assumeTrue(
                database.isPresent(),
                "GOMSGGW_TEST_POSTGRES_URL is not set: the Go gateway's PostgreSQL "
                        + "database cannot be built, so the switch is not tested");
        go = database.get();
        String zone = zoneWhereItIsAboutNoon();
        go.carrier("telnyx-main", "telnyx", "", "KEY0123456789ABCDEF", TELNYX_UUID, "40017f8e-0000-4000-8000");
        long pbxId = go.client("pbx1", "pbx-pass", "legacy", "127.0.0.1", zone);
        long shop = go.client("webshop", "shop-secret-1", "web", "", zone);
        go.clientSettings(shop, "sms_daily_limit", 4, "api_format", "generic", "auth_method", "basic");
        go.number(pbxId, "12505550100", "telnyx-main");
        long shopNumber = go.number(shop, "14155550100", "telnyx-main");
        go.apiKey(shop, SHOP_API_KEY, "shop app", "send,usage", 0, true, null, shopNumber);
        go.number(shop, "555", "telnyx-main");
        Instant aMinuteAgo = Instant.now().minus(Duration.ofMinutes(1));
        for (String to : List.of("13125550001", "13125550002")) {
            go.messageRecord(
                    shop,
                    "outbound",
                    "sms",
                    "14155550100",
                    to,
                    aMinuteAgo,
                    "web",
                    "carrier",
                    "carrier_api",
                    "telnyx-main");
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (pbx != null) pbx.close();
        if (gateway != null) gateway.close();
        if (go != null) go.close();
    }

    /** A fixed-offset zone whose local time is now between noon and one, far from the day's end. */
    private static String zoneWhereItIsAboutNoon() {
        int offset = 12 - Instant.now().atOffset(ZoneOffset.UTC).getHour();
        return offset == 0 ? "Etc/GMT" : offset > 0 ? "Etc/GMT-" + offset : "Etc/GMT+" + (-offset);
    }

    @Test
    void intoTheEmbeddedDatabase() throws Exception {
        switchWith(Map.of("GOMSGGW_DATA_DIR", workingDirectory.resolve("data").toString()));
    }

    @Test
    void intoPostgres() throws Exception {
        try (EmptyPostgresSchema schema = EmptyPostgresSchema.create().orElseThrow()) {
            switchWith(Map.of(
                    "DATABASE_URL",
                    schema.jdbcUrl(),
                    "GOMSGGW_DATA_DIR",
                    workingDirectory.resolve("data").toString()));
        }
    }

    @Test
    void theGoDatabaseItselfIsRefusedAsTheTargetAndLeftUntouched() throws Exception {
        Map<String, String> env = Map.of(
                "DATABASE_URL",
                go.url(),
                "ENCRYPTION_KEY",
                GoShapedDatabase.GO_KEY,
                "GOMSGGW_DATA_DIR",
                workingDirectory.resolve("data").toString());

        for (String[] options : new String[][] {{"--dry-run"}, {}}) {
            assertThat(importGo(env, options)).isEqualTo(1);
            assertThat(text(err))
                    .startsWith("gomsggw import-go: database: PostgreSQL jdbc:postgresql://")
                    .contains("holds the Go gateway's tables; give this server a database of its own");
        }
        assertThat(go.count("clients")).isEqualTo(2);
        assertThat(go.tables()).doesNotContain("flyway_schema_history", "messages", "go_import_progress");
    }

    private void switchWith(Map<String, String> target) throws Exception {
        Map<String, String> env = new HashMap<>(target);
        env.put("ENCRYPTION_KEY", GoShapedDatabase.GO_KEY); // the Go gateway's environment, kept
        env.put("API_KEY", API_KEY);

        assertThat(importGo(env, "--dry-run")).isEqualTo(3);
        assertThat(text(out))
                .contains("Dry run: nothing is written (the database here: ")
                .contains("  number 3 '555': not a phone number")
                .contains("clients                     2            0             0");

        assertThat(importGo(env)).isEqualTo(3);
        assertThat(text(out))
                .contains("  number 3 '555': not a phone number")
                .containsSubsequence(
                        "clients                     2            0             0",
                        "numbers                     2            0             1",
                        "API keys                    1            0             0",
                        "message records             2            0             0");
        assertThat(importGo(env)).isEqualTo(3);
        assertThat(text(out))
                .containsSubsequence(
                        "carriers                    0            1             0",
                        "clients                     0            2             0",
                        "numbers                     0            2             1",
                        "API keys                    0            1             0",
                        "usage counters              0            4             0",
                        "message records             0            2             0");

        env.put("WEB_LISTEN", "127.0.0.1:0");
        env.put("SMPP_LISTEN", "127.0.0.1:0");
        env.put("MM4_LISTEN", "127.0.0.1:0");
        env.put("PROMETHEUS_LISTEN", "127.0.0.1:0");
        gateway = Gateway.start(
                new ConfigLoader("switch-test", 2).load(env, workingDirectory),
                Clock.systemUTC(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        pbx = new JsmppPbx(gateway.smppAddress().getPort(), "pbx1", "pbx-pass");

        HttpResponse<String> webhook = postInbound("/inbound/" + TELNYX_UUID, """
                {"data":{"event_type":"message.received","id":"b301ed3f","occurred_at":"2026-01-01T00:00:00Z",
                 "payload":{"id":"84cca175","direction":"inbound","type":"SMS","text":"to the old uuid",
                  "from":{"phone_number":"+13125550001"},"to":[{"phone_number":"+12505550100"}],
                  "received_at":"2026-01-01T00:00:00Z"}}}""");
        assertThat(webhook.statusCode()).isEqualTo(200);
        await("the webhook's message at the PBX", () -> texts().contains("to the old uuid"));

        HttpProbe shop = new HttpProbe(base(), "webshop", "shop-secret-1");
        assertThat(shop.get("/messages/usage")
                        .body()
                        .at("/client/sms/daily/current_usage")
                        .asLong())
                .isEqualTo(2);
        HttpProbe.Reply sent = shop.post(
                "/messages/send",
                "{\"from\":\"+14155550100\",\"to\":\"+12505550100\",\"text\":\"third of four today\"}");
        assertThat(sent.status()).isEqualTo(202);
        await("the web shop's message at the PBX", () -> texts().contains("third of four today"));

        HttpResponse<String> withKey = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base() + "/messages/send"))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + SHOP_API_KEY)
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"from\":\"+14155550100\",\"to\":\"+12505550100\",\"text\":\"fourth, with the app's key\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(withKey.statusCode()).isEqualTo(202);
        await("the app's message at the PBX", () -> texts().contains("fourth, with the app's key"));

        HttpProbe.Reply refused =
                shop.post("/messages/send", "{\"from\":\"+14155550100\",\"to\":\"+12505550100\",\"text\":\"fifth\"}");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(new HttpProbe(base(), "webshop", "wrong-password")
                        .get("/messages/usage")
                        .status())
                .isEqualTo(401);
    }

    private int importGo(Map<String, String> env, String... more) {
        out.reset();
        err.reset();
        List<String> args = new java.util.ArrayList<>(List.of("--from", go.url(), "--with-history"));
        args.addAll(List.of(more));
        return new ImportGoCommand(
                        env,
                        workingDirectory,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        Clock.systemUTC())
                .run(args);
    }

    private List<String> texts() {
        return pbx.messages().stream()
                .map(DeliverSm::getShortMessage)
                .map(bytes -> new String(bytes, StandardCharsets.ISO_8859_1))
                .toList();
    }

    private String base() {
        return "http://127.0.0.1:" + gateway.webAddress().getPort();
    }

    private HttpResponse<String> postInbound(String path, String body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base() + path))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
