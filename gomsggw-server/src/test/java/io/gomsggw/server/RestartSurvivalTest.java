package io.gomsggw.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.gomsggw.core.testing.Eventually;
import io.gomsggw.mm4.codec.DeliveryReport;
import io.gomsggw.mm4.codec.MmStatus;
import io.gomsggw.server.config.ConfigLoader;
import io.gomsggw.server.config.GatewayConfig;
import io.gomsggw.server.database.Database;
import io.gomsggw.server.database.EmptyPostgresSchema;
import io.gomsggw.server.secrets.DataDirectory;
import io.gomsggw.smpp.pdu.SmFields;
import io.gomsggw.smpp.text.Udh;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an SMPP client was answered for survives a restart of the gateway (an in-process close and
 * start on the same data): the parts of a long message that were answered before it, a
 * delivery receipt that was waiting for a receiving bind, a webhook delivery parked for its
 * retry while the app was down, and an MM4 delivery report owed to a PBX whose SMTP server was down. On the embedded database (through the
 * message log) and, where {@code GOMSGGW_TEST_POSTGRES_URL} is set, on PostgreSQL.
 */
class RestartSurvivalTest {
    private static final String API_KEY = "restart-admin-key";
    private static final String PBX = "12505550001";
    private static final String APP = "12505550002";

    @TempDir
    Path workingDirectory;

    private final WebhookReceiver receiver;
    private final List<AutoCloseable> open = new ArrayList<>();
    private Gateway gateway;
    private EmptyPostgresSchema postgres;

    RestartSurvivalTest() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
        if (gateway != null) gateway.close();
        receiver.close();
        if (postgres != null) postgres.close();
    }

    @Test
    void theAnsweredPartsOfALongMessageSurviveARestartOnTheEmbeddedDatabase() throws Exception {
        partsSurviveARestart(Map.of());
    }

    @Test
    void theAnsweredPartsOfALongMessageSurviveARestartOnPostgres() throws Exception {
        partsSurviveARestart(postgresEnvironment());
    }

    @Test
    void aReceiptWaitingForABindSurvivesARestartOnTheEmbeddedDatabase() throws Exception {
        receiptSurvivesARestart(Map.of());
    }

    @Test
    void aReceiptWaitingForABindSurvivesARestartOnPostgres() throws Exception {
        receiptSurvivesARestart(postgresEnvironment());
    }

    @Test
    void aParkedWebhookRetrySurvivesARestartOnTheEmbeddedDatabase() throws Exception {
        parkedRetrySurvivesARestart(Map.of());
    }

    @Test
    void aParkedWebhookRetrySurvivesARestartOnPostgres() throws Exception {
        parkedRetrySurvivesARestart(postgresEnvironment());
    }

    @Test
    void anMm4DeliveryReportOwedToAPbxThatIsDownSurvivesARestartOnTheEmbeddedDatabase() throws Exception {
        owedReportSurvivesARestart(Map.of());
    }

    @Test
    void anMm4DeliveryReportOwedToAPbxThatIsDownSurvivesARestartOnPostgres() throws Exception {
        owedReportSurvivesARestart(postgresEnvironment());
    }

    /**
     * The PBX asks for a delivery report; its SMTP server is down when the app takes the message, and up
     * only after the restart.
     */
    private void owedReportSurvivesARestart(Map<String, String> database) throws Exception {
        int pbxSmtpPort = JakartaMm4Pbx.closedPort();
        start(database);
        setUpClients("127.0.0.1:" + pbxSmtpPort);
        JakartaMm4Pbx.sendAskingForAReport(
                gateway.mm4Address(),
                "+" + PBX,
                "+" + APP,
                "PBX-MSG-9@pbx.example.net",
                "report this after the restart");
        Eventually.await(
                "the app took it",
                () -> receiver.delivered.stream()
                        .anyMatch(body -> body.path("text").asText().strip().equals("report this after the restart")));
        Eventually.await("the report kept", () -> rows(database, "owed_reports") == 1);

        gateway.close();
        gateway = null;
        GreenMail pbxSmtp = new GreenMail(new ServerSetup(pbxSmtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        open.add(pbxSmtp::stop);
        pbxSmtp.start();
        start(database);

        Eventually.await("the report at the PBX", () -> pbxSmtp.getReceivedMessages().length == 1);
        DeliveryReport report = JakartaMm4Pbx.receivedReport(pbxSmtp, 0);
        assertThat(report.mmStatus()).isEqualTo(MmStatus.RETRIEVED);
        assertThat(report.messageId()).isEqualTo("<PBX-MSG-9@pbx.example.net>");
        assertThat(report.from().number()).isEqualTo("+" + APP);
        Eventually.await("forgotten once taken", () -> rows(database, "owed_reports") == 0);
    }

    /** The app's webhook is down when the PBX's message arrives, and up only after the restart. */
    private void parkedRetrySurvivesARestart(Map<String, String> database) throws Exception {
        start(database);
        setUpClients();
        receiver.status = 503;
        JsmppPbx pbx = bind(BindType.BIND_TX);
        String id = pbx.submit(PBX, APP, "the app is down", false);
        Eventually.await("the webhook refused", () -> !receiver.where("id", id).isEmpty());
        Eventually.await(
                "the retry parked in the database",
                () -> rows(database, "messages WHERE retry_at IS NOT NULL AND status = 'queued'") == 1);

        restart(database);
        receiver.status = 200;

        Eventually.await(
                "delivered after the restart",
                () -> receiver.delivered.stream()
                        .anyMatch(body -> body.path("id").asText().equals(id)));
        Eventually.await("no longer parked", () -> rows(database, "messages WHERE retry_at IS NOT NULL") == 0);
        assertThat(receiver.delivered.stream()
                        .filter(body -> body.path("id").asText().equals(id)))
                .hasSize(1);
        // the message log writes the tables behind: the delivered status may reach them a moment later
        Eventually.await("delivered in the table", () -> rows(database, "messages WHERE status = 'delivered'") == 1);
    }

    private void partsSurviveARestart(Map<String, String> database) throws Exception {
        start(database);
        setUpClients();
        JsmppPbx pbx = bind(BindType.BIND_TRX);
        ESMClass udhi = new ESMClass((byte) SmFields.ESM_UDHI);
        String one = "Parts one and two reach the gateway before it restarts, ";
        String two = "and the gateway answers both with the id of the whole, ";
        String three = "then part three arrives after the restart.";
        String id = pbx.submit(PBX, APP, udhi, withUdh(Udh.concat8(42, 3, 1), one), false);
        assertThat(pbx.submit(PBX, APP, udhi, withUdh(Udh.concat8(42, 3, 2), two), false))
                .isEqualTo(id);
        pbx.close();
        open.remove(pbx);

        restart(database);

        JsmppPbx again = bind(BindType.BIND_TRX);
        assertThat(again.submit(PBX, APP, udhi, withUdh(Udh.concat8(42, 3, 3), three), false))
                .as("the last part gets the id the first two were answered with")
                .isEqualTo(id);
        Eventually.await(
                "the whole message reaches the app",
                () -> !receiver.where("id", id).isEmpty());
        assertThat(receiver.where("id", id).get(0).get("text").asText()).isEqualTo(one + two + three);
        Eventually.await("its parts are released", () -> rows(database, "held_message_parts") == 0);
    }

    private void receiptSurvivesARestart(Map<String, String> database) throws Exception {
        start(database);
        setUpClients();
        JsmppPbx transmitter = bind(BindType.BIND_TX);
        String id = transmitter.submit(PBX, APP, "a receipt for me, please", true);
        Eventually.await(
                "the message reaches the app", () -> !receiver.where("id", id).isEmpty());
        Eventually.await(
                "the receipt is stored, as the PBX has no receiving bind",
                () -> rows(database, "pending_receipts") == 1);

        restart(database);

        JsmppPbx receiving = bind(BindType.BIND_TRX);
        Eventually.await(
                "the receipt arrives at the bind", () -> !receiving.receipts().isEmpty());
        DeliverSm receipt = receiving.receipts().get(0);
        org.jsmpp.bean.DeliveryReceipt parsed = receipt.getShortMessageAsDeliveryReceipt();
        assertThat(parsed.getId()).isEqualTo(id);
        assertThat(parsed.getFinalStatus()).isEqualTo(DeliveryReceiptState.DELIVRD);
        assertThat(parsed.getText()).isEqualTo("a receipt for me, please".substring(0, 20));
        Eventually.await("the sent receipt is forgotten", () -> rows(database, "pending_receipts") == 0);
        assertThat(receiving.receipts()).hasSize(1);
    }

    private Map<String, String> postgresEnvironment() throws SQLException {
        Optional<EmptyPostgresSchema> schema = EmptyPostgresSchema.create();
        if (schema.isEmpty()) {
            System.out.println("PostgreSQL restart test SKIPPED: GOMSGGW_TEST_POSTGRES_URL is not set");
        }
        assumeTrue(schema.isPresent(), "GOMSGGW_TEST_POSTGRES_URL is not set");
        postgres = schema.get();
        return Map.of("DATABASE_URL", postgres.jdbcUrl(), "ENCRYPTION_KEY", "restart-test-encryption-key");
    }

    private void start(Map<String, String> database) {
        Map<String, String> env = new HashMap<>(database);
        env.put("API_KEY", API_KEY);
        env.put("WEB_LISTEN", "127.0.0.1:0");
        env.put("PROMETHEUS_LISTEN", "127.0.0.1:0");
        env.put("SMPP_LISTEN", "127.0.0.1:0");
        env.put("MM4_LISTEN", "127.0.0.1:0");
        env.put("WEBHOOK_RETRY_DELAY_SECS", "1");
        GatewayConfig config = new ConfigLoader("restart-test", 2).load(env, workingDirectory);
        gateway = Gateway.start(
                config, Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private void restart(Map<String, String> database) {
        gateway.close();
        gateway = null;
        start(database);
    }

    private void setUpClients() throws Exception {
        setUpClients("127.0.0.1");
    }

    private void setUpClients(String pbxAddress) throws Exception {
        HttpProbe admin =
                new HttpProbe("http://127.0.0.1:" + gateway.webAddress().getPort(), API_KEY);
        assertThat(admin.post("/carriers", "{\"name\":\"loop\",\"type\":\"loopback\"}")
                        .status())
                .isEqualTo(201);
        long pbx = admin.post(
                        "/clients",
                        "{\"username\":\"pbx\",\"password\":\"pw-pbx\",\"type\":\"legacy\"," + "\"address\":\""
                                + pbxAddress + "\"}")
                .body()
                .get("id")
                .asLong();
        assertThat(admin.post("/clients/" + pbx + "/numbers", "{\"number\":\"+" + PBX + "\",\"carrier\":\"loop\"}")
                        .status())
                .isEqualTo(201);
        long app = admin.post("/clients", "{\"username\":\"app\",\"password\":\"pw-app\",\"type\":\"web\"}")
                .body()
                .get("id")
                .asLong();
        admin.put("/clients/" + app + "/settings", "{\"default_webhook\":\"" + receiver.url("/app") + "\"}");
        assertThat(admin.post("/clients/" + app + "/numbers", "{\"number\":\"+" + APP + "\",\"carrier\":\"loop\"}")
                        .status())
                .isEqualTo(201);
    }

    private JsmppPbx bind(BindType type) throws Exception {
        JsmppPbx pbx = new JsmppPbx(gateway.smppAddress().getPort(), "pbx", "pw-pbx", type);
        open.add(pbx);
        return pbx;
    }

    /** Rows of {@code table} in the gateway's database (the embedded one is shared within this JVM). */
    private int rows(Map<String, String> database, String table) {
        String url = database.containsKey("DATABASE_URL")
                ? database.get("DATABASE_URL")
                : Database.embeddedUrl(DataDirectory.prepare(workingDirectory.resolve("data")));
        try (Connection connection = database.containsKey("DATABASE_URL")
                        ? DriverManager.getConnection(url)
                        : DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            count.next();
            return count.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] withUdh(byte[] udh, String text) {
        byte[] body = text.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[udh.length + body.length];
        System.arraycopy(udh, 0, all, 0, udh.length);
        System.arraycopy(body, 0, all, udh.length, body.length);
        return all;
    }
}
