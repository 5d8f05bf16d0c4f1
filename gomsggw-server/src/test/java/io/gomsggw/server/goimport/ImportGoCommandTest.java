package io.gomsggw.server.goimport;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.apikey.ApiKey;
import io.gomsggw.core.apikey.ApiKeyScope;
import io.gomsggw.core.apikey.ApiKeys;
import io.gomsggw.core.apikey.KeyLookup;
import io.gomsggw.core.crypto.SecretCipher;
import io.gomsggw.core.model.ApiFormat;
import io.gomsggw.core.model.AuthMethod;
import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.Direction;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.NumberSettings;
import io.gomsggw.core.model.Protocol;
import io.gomsggw.core.model.UsageLimits;
import io.gomsggw.core.store.jdbi.JdbiStores;
import io.gomsggw.core.testing.MutableClock;
import io.gomsggw.core.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import-go} from a Go-shaped database in H2 (the same DDL as the PostgreSQL one, see
 * {@link SwitchFromGoTest}) into the embedded database of a data directory: the dry-run report,
 * what an import writes, idempotence, rows that cannot be imported, a wrong key, history.
 */
class ImportGoCommandTest {
    private static final String TELNYX_UUID = "6650c0a4f1e2d3c4b5a69788";
    private static final Instant NOW = Instant.parse("2026-03-10T18:30:00Z");
    private static final String SHOP_KEY = "gw_live_" + "a1".repeat(32);
    private static final String REVOKED_KEY = "gw_live_" + "b2".repeat(32);

    @TempDir
    Path workingDirectory;

    private final MutableClock clock = new MutableClock(NOW);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private GoShapedDatabase go;

    @BeforeEach
    void goGateway() throws SQLException {
        go = GoShapedDatabase.h2();
    }

    @AfterEach
    void close() throws SQLException {
        go.close();
    }

    private int importGo(boolean dryRun, boolean withHistory) {
        out.reset();
        err.reset();
        Map<String, String> env = Map.of("ENCRYPTION_KEY", GoShapedDatabase.GO_KEY, "GOMSGGW_DATA_DIR", "data");
        return new ImportGoCommand(env, workingDirectory, print(out), print(err), clock, Duration.ZERO)
                .run(new ImportGoOptions(go.source(), Optional.empty(), dryRun, withHistory));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The embedded database the import wrote, opened as the server opens it. */
    private JdbiStores imported() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + workingDirectory.resolve("data/gomsggw") + TestDatabases.H2_MODE);
        dataSource.setUser("sa");
        return new JdbiStores(dataSource, SecretCipher.fromKeyString(GoShapedDatabase.GO_KEY), clock);
    }

    /** A Go gateway with a PBX, a web shop and their numbers, and rows of every kind that cannot be imported. */
    private void goGatewayWithProblems() throws SQLException {
        go.carrier("telnyx-main", "telnyx", "", "KEY0123456789ABCDEF", TELNYX_UUID, "40017f8e-profile");
        // A type no Go release has: the three Go types are built in here (telnyx, twilio, onevoiceplus).
        go.carrier("ovp", "carrier-pigeon", "ovp-user", "ovp-password", "5f1e2d3c4b5a697887766554", null);

        long pbx = go.client("pbx1", "pbx-pass", "legacy", "192.0.2.10, 198.51.100.0/24", "America/Vancouver");
        go.clientSettings(
                pbx,
                "sms_daily_limit",
                500,
                "mms_monthly_limit",
                40,
                "limit_both",
                true,
                "webhook_timeout_secs",
                0,
                "auth_method",
                "basic",
                "api_format",
                "generic");
        long shop = go.client("webshop", "shop-secret-1", "web", "", "Mars/Olympus");
        go.clientSettings(
                shop,
                "api_format",
                "bicom",
                "auth_method",
                "bearer",
                "default_webhook",
                "https://shop.example.com/sms",
                "webhook_retries",
                5,
                "webhook_timeout_secs",
                20,
                "sms_daily_limit",
                3);
        long otherKey = go.client("wrong-key", "ignored", "web", null, null);
        go.execute("UPDATE clients SET password = '" + GoEncryption.encrypt("other-pass", "some other key")
                + "' WHERE id = " + otherKey);
        long noAddress = go.client("no-address", "pbx-pass-2", "legacy", "", "UTC");

        long reception = go.number(
                pbx,
                "12505550100",
                "telnyx-main",
                "tag",
                "reception",
                "group",
                "front",
                "ignore_stop_cmd_sending",
                true);
        go.numberSettings(
                reception,
                "sms_daily_limit",
                50,
                "limit_both",
                false,
                "auto_reply_enabled",
                true,
                "auto_reply_message",
                "We are closed",
                "auto_reply_cooldown_sec",
                120);
        go.number(pbx, "2505550101", "telnyx-main");
        long shopNumber =
                go.number(shop, "14155550100", "telnyx-main", "web_hook", "https://shop.example.com/number-hook");
        long badNumber = go.number(shop, "555", "telnyx-main");
        go.number(shop, "14155550199", "ovp");
        go.number(noAddress, "14155550188", "telnyx-main");
        go.number(pbx, "+1 250 555 0100", "telnyx-main");

        go.apiKey(shop, SHOP_KEY, "CSV Import App", "send,usage", 60, true, NOW.minus(Duration.ofDays(2)), shopNumber);
        go.apiKey(shop, REVOKED_KEY, "", "send", 0, false, null);
        go.apiKey(pbx, "gw_live_" + "c".repeat(64), "pbx key", "send", 0, true, null);
        go.apiKey(shop, "gw_live_" + "d".repeat(64), "short code app", "send", 0, true, null, badNumber);

        go.failover(pbx, shop, 1);
        go.failover(pbx, 99, 2);
        go.failover(noAddress, pbx, 0);

        Instant today = NOW.minus(Duration.ofHours(1));
        go.messageRecord(
                shop,
                "outbound",
                "sms",
                "14155550100",
                "13125550001",
                today,
                "web",
                "carrier",
                "carrier_api",
                "telnyx-main");
        go.messageRecord(
                shop,
                "outbound",
                "sms",
                "14155550100",
                "13125550002",
                today,
                "web",
                "carrier",
                "carrier_api",
                "telnyx-main");
        go.messageRecord(
                pbx, "inbound", "sms", "13125550001", "12505550100", today, "carrier", "legacy", "smpp", "telnyx-main");
        go.messageRecord(
                pbx,
                "outbound",
                "mms",
                "12505550100",
                "13125550001",
                today,
                "legacy",
                "carrier",
                "carrier_api",
                "telnyx-main");
        go.messageRecord(
                noAddress,
                "outbound",
                "sms",
                "14155550188",
                "13125550001",
                today,
                "legacy",
                "carrier",
                "carrier_api",
                "telnyx-main");
    }

    @Test
    void aDryRunReportsWhatWouldBeImportedAndEveryRowThatCannotBeAndWritesNothing() throws SQLException {
        goGatewayWithProblems();

        int status = importGo(true, true);

        assertThat(status).isEqualTo(ImportGoCommand.EXIT_ROWS_NOT_IMPORTED);
        assertThat(workingDirectory.resolve("data")).doesNotExist();
        assertThat(out())
                .contains("Dry run: nothing is written (the database here: it does not exist yet)")
                .containsSubsequence(
                        "                 would import already here  not imported",
                        "carriers                    1            0             1",
                        "clients                     2            0             2",
                        "numbers                     3            0             4",
                        "failovers                   1            0             2",
                        "API keys                    2            0             2",
                        "usage counters             10            0             0",
                        "message records             4            0             1")
                .containsSubsequence(
                        "Client ids (Go id -> id here):",
                        "       1 -> new    pbx1",
                        "       2 -> new    webshop",
                        "       3 -> -      wrong-key  (not imported)",
                        "       4 -> -      no-address  (not imported)")
                .containsSubsequence(
                        "Would not be imported:",
                        "  carrier 2 'ovp': invalid value for field 'type': type: unknown carrier type 'carrier-pigeon'",
                        "  client 3 'wrong-key': password: does not decrypt to text with the Go encryption key given",
                        "  client 4 'no-address': field 'address' is required for legacy clients",
                        "  number 4 '555': not a phone number",
                        "  number 5 '14155550199': invalid value for field 'carrier': no carrier named 'ovp'",
                        "  number 6 '14155550188': its client 4 'no-address' was not imported",
                        "  number 7 '+1 250 555 0100': reads as +12505550100, as number 1 '12505550100' does",
                        "  failover 2 (client 1 to client 99): client 99 is not in the Go database",
                        "  failover 3 (client 4 to client 1): client 4 'no-address' was not imported",
                        "  API key 3 'pbx key': API keys are for web clients; its client pbx1 is a legacy client",
                        "  API key 4 'short code app': it may send from number 4, which was not imported",
                        "  1 message record of client 4 'no-address': the client was not imported")
                .containsSubsequence(
                        "Notes:",
                        "  client 2 'webshop': timezone 'Mars/Olympus' is not an IANA time zone; imported with UTC",
                        "  number 2 '2505550101': read as +12505550101, a number of DEFAULT_REGION US");
    }

    @Test
    void anImportCreatesEverythingThroughTheAdminChecksWithTheGoSettingsAndSecrets() throws SQLException {
        goGatewayWithProblems();

        assertThat(importGo(false, false)).isEqualTo(ImportGoCommand.EXIT_ROWS_NOT_IMPORTED);

        assertThat(out())
                .containsSubsequence(
                        "                     imported already here  not imported",
                        "carriers                    1            0             1",
                        "clients                     2            0             2",
                        "numbers                     3            0             4",
                        "failovers                   1            0             2",
                        "API keys                    2            0             2",
                        "usage counters             10            0             0",
                        "message records             0            0             0",
                        "  skipped message records: add --with-history to copy the message records")
                .containsSubsequence("       1 -> 1      pbx1", "       2 -> 2      webshop");
        JdbiStores stores = imported();
        Carrier telnyx = stores.carriers().findByUuid(TELNYX_UUID).orElseThrow();
        assertThat(telnyx.name()).isEqualTo("telnyx-main");
        assertThat(telnyx.password().reveal()).isEqualTo("KEY0123456789ABCDEF");
        assertThat(telnyx.profileId()).isEqualTo("40017f8e-profile");
        assertThat(telnyx.username()).isNull();
        assertThat(stores.carriers().list()).hasSize(1);

        Client pbx = stores.clients().findByUsername("pbx1").orElseThrow();
        assertThat(pbx.password().reveal()).isEqualTo("pbx-pass");
        assertThat(pbx.type()).isEqualTo(ClientType.LEGACY);
        assertThat(pbx.address()).isEqualTo("192.0.2.10, 198.51.100.0/24");
        assertThat(pbx.timezone()).isEqualTo(ZoneId.of("America/Vancouver"));
        assertThat(pbx.name()).isEqualTo("pbx1 (Go)");
        assertThat(pbx.settings().limits()).isEqualTo(new UsageLimits(0, 500, 0, 0, 0, 40));
        assertThat(pbx.settings().limitBoth()).isTrue();
        assertThat(pbx.settings().webhookTimeoutSecs()).isEqualTo(10);

        Client shop = stores.clients().findByUsername("webshop").orElseThrow();
        assertThat(shop.password().reveal()).isEqualTo("shop-secret-1");
        assertThat(shop.type()).isEqualTo(ClientType.WEB);
        assertThat(shop.timezone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(shop.settings().apiFormat()).isEqualTo(ApiFormat.BICOM);
        assertThat(shop.settings().authMethod()).isEqualTo(AuthMethod.BEARER);
        assertThat(shop.settings().defaultWebhook()).isEqualTo("https://shop.example.com/sms");
        assertThat(shop.settings().webhookRetries()).isEqualTo(5);
        assertThat(shop.settings().webhookTimeoutSecs()).isEqualTo(20);
        assertThat(stores.clients().list()).extracting(Client::username).containsExactly("pbx1", "webshop");

        ClientNumber reception = stores.numbers().findByNumber("+12505550100").orElseThrow();
        assertThat(reception.clientId()).isEqualTo(pbx.id());
        assertThat(reception.carrier()).isEqualTo("telnyx-main");
        assertThat(reception.tag()).isEqualTo("reception");
        assertThat(reception.group()).isEqualTo("front");
        assertThat(reception.ignoreStopCmdSending()).isTrue();
        assertThat(reception.settings())
                .isEqualTo(new NumberSettings(new UsageLimits(0, 50, 0, 0, 0, 0), false, true, "We are closed", 120));
        assertThat(stores.numbers().findByNumber("+12505550101").orElseThrow().settings())
                .isEqualTo(NumberSettings.DEFAULTS);
        assertThat(stores.numbers().findByNumber("+14155550100").orElseThrow().webhook())
                .isEqualTo("https://shop.example.com/number-hook");
        assertThat(stores.numbers().list()).hasSize(3);

        assertThat(stores.failovers().listByPrimary(pbx.id())).singleElement().satisfies(failover -> {
            assertThat(failover.fallbackClientId()).isEqualTo(shop.id());
            assertThat(failover.priority()).isEqualTo(1);
            assertThat(failover.enabled()).isTrue();
        });
        assertThat(stores.failovers().list()).hasSize(1);

        ApiKey key = stores.apiKeys().findByHash(ApiKeys.hash(SHOP_KEY)).orElseThrow();
        assertThat(key.clientId()).isEqualTo(shop.id());
        assertThat(key.name()).isEqualTo("CSV Import App");
        assertThat(key.keyPrefix()).isEqualTo(SHOP_KEY.substring(0, 16));
        assertThat(key.scopes()).containsExactlyInAnyOrder(ApiKeyScope.SEND, ApiKeyScope.USAGE);
        assertThat(key.rateLimitPerMinute()).isEqualTo(60);
        assertThat(key.active()).isTrue();
        assertThat(key.createdAt()).isEqualTo(Instant.parse("2026-01-05T10:00:00Z"));
        assertThat(key.lastUsedAt()).isEqualTo(NOW.minus(Duration.ofDays(2)));
        assertThat(key.allowedNumberIds())
                .containsExactly(stores.numbers()
                        .findByNumber("+14155550100")
                        .orElseThrow()
                        .id());
        ApiKey revoked = stores.apiKeys().findByHash(ApiKeys.hash(REVOKED_KEY)).orElseThrow();
        assertThat(revoked.active()).isFalse();
        assertThat(revoked.name()).isEqualTo("API Key");
        Directory directory =
                new Directory(stores.clients(), stores.numbers(), stores.carriers(), stores.failovers(), clock);
        directory.reload();
        ApiKeys keys = new ApiKeys(stores.apiKeys(), directory, clock, new SecureRandom(), ApiKeys.Settings.DEFAULTS);
        assertThat(keys.authenticate(SHOP_KEY)).isInstanceOf(KeyLookup.Valid.class);
        assertThat(keys.authenticate(REVOKED_KEY)).isInstanceOf(KeyLookup.Invalid.class);
        assertThat(stores.apiKeys().listByClient(shop.id())).hasSize(2);
        assertThat(stores.apiKeys().listByClient(pbx.id())).isEmpty();
    }

    @Test
    void theDaysAndMonthsUsageContinuesByTheLimitersRules() throws SQLException {
        goGatewayWithProblems();
        importGo(false, false);

        JdbiStores stores = imported();
        io.gomsggw.core.limits.UsageLimiter limiter = new io.gomsggw.core.limits.UsageLimiter(stores.usage(), clock);
        Client shop = stores.clients().findByUsername("webshop").orElseThrow();
        var shopUsage = limiter.report(shop, stores.numbers().listByClient(shop.id()));
        assertThat(shopUsage.client().sms().daily().currentUsage()).isEqualTo(2);
        assertThat(shopUsage.client().sms().monthly().currentUsage()).isEqualTo(2);
        assertThat(shopUsage.numbers())
                .singleElement()
                .satisfies(
                        n -> assertThat(n.usage().sms().daily().currentUsage()).isEqualTo(2));
        assertThat(limiter.admit(
                        shop,
                        stores.numbers().findByNumber("+14155550100").orElseThrow(),
                        io.gomsggw.core.model.MessageType.SMS,
                        Direction.OUTBOUND))
                .isInstanceOf(io.gomsggw.core.limits.Admission.Granted.class);
        assertThat(limiter.admit(shop, null, io.gomsggw.core.model.MessageType.SMS, Direction.OUTBOUND))
                .isInstanceOf(io.gomsggw.core.limits.Admission.Refused.class);

        // The PBX has limit_both: the inbound SMS counts for the client; its number's own
        // limit_both is off (it has a limit of its own), so not for the number.
        Client pbx = stores.clients().findByUsername("pbx1").orElseThrow();
        var pbxUsage = limiter.report(pbx, stores.numbers().listByClient(pbx.id()));
        assertThat(pbxUsage.client().sms().daily().currentUsage()).isEqualTo(1);
        assertThat(pbxUsage.client().mms().monthly().currentUsage()).isEqualTo(1);
        assertThat(pbxUsage.numbers())
                .filteredOn(n -> n.number().equals("+12505550100"))
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.usage().sms().daily().currentUsage()).isZero();
                    assertThat(n.usage().mms().daily().currentUsage()).isEqualTo(1);
                });
    }

    @Test
    void aSecondRunImportsNothingNewAndChangesNothing() throws SQLException {
        goGatewayWithProblems();
        importGo(false, true);
        String firstReport = out();

        assertThat(importGo(false, true)).isEqualTo(ImportGoCommand.EXIT_ROWS_NOT_IMPORTED);

        assertThat(out())
                .containsSubsequence(
                        "                     imported already here  not imported",
                        "carriers                    0            1             1",
                        "clients                     0            2             2",
                        "numbers                     0            3             4",
                        "failovers                   0            1             2",
                        "API keys                    0            2             2",
                        "usage counters              0           10             0",
                        "message records             0            4             1")
                .containsSubsequence(
                        "       1 -> 1      pbx1  (already here)", "       2 -> 2      webshop  (already here)");
        assertThat(firstReport).contains("message records             4            0             1");
        JdbiStores stores = imported();
        assertThat(stores.clients().list()).hasSize(2);
        assertThat(stores.numbers().list()).hasSize(3);
        assertThat(stores.carriers().list()).hasSize(1);
        assertThat(stores.failovers().list()).hasSize(1);
        assertThat(rows("messages")).isEqualTo(4);
        Client shop = stores.clients().findByUsername("webshop").orElseThrow();
        assertThat(new io.gomsggw.core.limits.UsageLimiter(stores.usage(), clock)
                        .report(shop, List.of())
                        .client()
                        .sms()
                        .daily()
                        .currentUsage())
                .isEqualTo(2);
    }

    @Test
    void aDryRunAfterAnImportComparesWithTheDatabaseHereAndLeavesItAsItIs() throws SQLException {
        goGatewayWithProblems();
        importGo(false, true);
        go.number(2, "14155550177", "telnyx-main");
        go.messageRecord(
                2,
                "outbound",
                "sms",
                "14155550100",
                "13125550009",
                NOW,
                "web",
                "carrier",
                "carrier_api",
                "telnyx-main");

        assertThat(importGo(true, true)).isEqualTo(ImportGoCommand.EXIT_ROWS_NOT_IMPORTED);

        assertThat(out())
                .doesNotContain("the database here")
                .containsSubsequence(
                        "                 would import already here  not imported",
                        "carriers                    0            1             1",
                        "clients                     0            2             2",
                        "numbers                     1            3             4",
                        "failovers                   0            1             2",
                        "API keys                    0            2             2",
                        "usage counters              4            6             0",
                        "message records             1            4             1")
                .containsSubsequence(
                        "       1 -> 1      pbx1  (already here)", "       2 -> 2      webshop  (already here)");
        JdbiStores stores = imported();
        assertThat(stores.numbers().findByNumber("+14155550177")).isEmpty();
        assertThat(rows("messages")).isEqualTo(4);
    }

    @Test
    void aDryRunNamesAndCountsByTheIdsOfTheDatabaseHereWhereTheyDifferFromTheCopys() throws SQLException {
        goGatewayWithProblems();
        importGo(false, false);
        JdbiStores stores = imported();
        stores.clients()
                .delete(stores.clients().findByUsername("pbx1").orElseThrow().id());
        importGo(false, false); // pbx1 comes back as client 3

        assertThat(importGo(true, false)).isEqualTo(ImportGoCommand.EXIT_ROWS_NOT_IMPORTED);

        assertThat(out())
                .contains("usage counters              0           10             0")
                .containsSubsequence(
                        "       1 -> 3      pbx1  (already here)", "       2 -> 2      webshop  (already here)");
    }

    @Test
    void historyBecomesFinalMessagesWithoutTextAndLaterRecordsFollowOnTheNextRun() throws SQLException {
        goGatewayWithProblems();

        assertThat(importGo(false, true)).isEqualTo(ImportGoCommand.EXIT_ROWS_NOT_IMPORTED);

        assertThat(err()).contains("history: 4 of 4 message records (100%)");
        JdbiStores stores = imported();
        Client shop = stores.clients().findByUsername("webshop").orElseThrow();
        Client pbx = stores.clients().findByUsername("pbx1").orElseThrow();
        Message sent = stores.messages().find(HistoryImport.id(record(1))).orElseThrow();
        assertThat(sent.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(sent.clientId()).isEqualTo(shop.id());
        assertThat(sent.from()).isEqualTo("+14155550100");
        assertThat(sent.to()).isEqualTo("+13125550001");
        assertThat(sent.text()).isEmpty();
        assertThat(sent.ingress()).isEqualTo(Protocol.HTTP);
        assertThat(sent.carrier()).isEqualTo("telnyx-main");
        assertThat(sent.status()).isEqualTo(MessageStatus.SENT);
        assertThat(sent.serverId()).isEqualTo("go-node-1");
        assertThat(sent.createdAt()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        Message received = stores.messages().find(HistoryImport.id(record(3))).orElseThrow();
        assertThat(received.direction()).isEqualTo(Direction.INBOUND);
        assertThat(received.clientId()).isNull();
        assertThat(received.targetClientId()).isEqualTo(pbx.id());
        assertThat(received.ingress()).isEqualTo(Protocol.CARRIER);
        assertThat(received.status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(stores.messages().find(HistoryImport.id(record(5)))).isEmpty();
        assertThat(stores.messages().findToResume(null, 10)).isEmpty();

        go.messageRecord(
                2,
                "outbound",
                "sms",
                "14155550100",
                "13125550003",
                NOW,
                "web",
                "carrier",
                "carrier_api",
                "telnyx-main");
        importGo(false, true);

        assertThat(out()).contains("message records             1            4             1");
        assertThat(rows("messages")).isEqualTo(5);
    }

    @Test
    void aClientFixedInTheGoDatabaseComesWithItsNumbersFailoversAndHistoryOnTheNextRun() throws SQLException {
        goGatewayWithProblems();
        importGo(false, true);

        go.execute("UPDATE clients SET address = '203.0.113.5' WHERE username = 'no-address'");
        importGo(false, true);

        assertThat(out())
                .containsSubsequence(
                        "clients                     1            2             1",
                        "numbers                     1            3             3",
                        "failovers                   1            1             1",
                        "message records             1            4             0");
        JdbiStores stores = imported();
        Client fixed = stores.clients().findByUsername("no-address").orElseThrow();
        assertThat(stores.numbers().findByNumber("+14155550188").orElseThrow().clientId())
                .isEqualTo(fixed.id());
        assertThat(stores.messages()
                        .find(HistoryImport.id(record(5)))
                        .orElseThrow()
                        .clientId())
                .isEqualTo(fixed.id());
        assertThat(rows("messages")).isEqualTo(5);
    }

    @Test
    void aCopyInterruptedBeforeItsProgressWasSavedContinuesWithoutDuplicates() throws SQLException {
        goGatewayWithProblems();
        importGo(false, true);
        try (Connection connection = imported().jdbi().open().getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE go_import_progress SET last_id = 1");
        }

        assertThat(importGo(false, true)).isEqualTo(ImportGoCommand.EXIT_ROWS_NOT_IMPORTED);

        assertThat(out()).contains("message records             0            1             1");
        assertThat(rows("messages")).isEqualTo(4);
    }

    @Test
    void aWrongGoKeyStopsTheImportBeforeAnythingIsWritten() throws SQLException {
        goGatewayWithProblems();
        Map<String, String> env = Map.of("GOMSGGW_DATA_DIR", "data");

        int status = new ImportGoCommand(env, workingDirectory, print(out), print(err), clock, Duration.ZERO)
                .run(new ImportGoOptions(
                        go.source(), Optional.of(io.gomsggw.core.model.Secret.of("not the Go key")), false, false));

        assertThat(status).isEqualTo(ImportGoCommand.EXIT_USAGE);
        assertThat(err())
                .startsWith("gomsggw import-go: the Go encryption key given does not decrypt the Go gateway's "
                        + "secrets (none of the 6 secrets of 8 bytes or more decrypts to text)")
                .contains("nothing was imported");
        assertThat(workingDirectory.resolve("data")).doesNotExist();
    }

    @Test
    void aSecondRunWithAnotherKeyForTheDatabaseHereSaysSoInOneLine() throws SQLException {
        goGatewayWithProblems();
        importGo(false, false);
        Map<String, String> env = Map.of("ENCRYPTION_KEY", "another key for this server", "GOMSGGW_DATA_DIR", "data");

        int status = new ImportGoCommand(env, workingDirectory, print(out), print(err), clock, Duration.ZERO)
                .run(new ImportGoOptions(
                        go.source(),
                        Optional.of(io.gomsggw.core.model.Secret.of(GoShapedDatabase.GO_KEY)),
                        false,
                        false));

        assertThat(status).isEqualTo(ImportGoCommand.EXIT_USAGE);
        assertThat(err())
                .startsWith("gomsggw import-go: the database here holds secrets that ENCRYPTION_KEY")
                .doesNotContain("\tat ");
    }

    @Test
    void withoutAGoKeyTheCommandSaysWhereToGiveIt() {
        int status = new ImportGoCommand(Map.of(), workingDirectory, print(out), print(err), clock, Duration.ZERO)
                .run(new ImportGoOptions(go.source(), Optional.empty(), false, false));

        assertThat(status).isEqualTo(ImportGoCommand.EXIT_USAGE);
        assertThat(err()).contains("give --go-encryption-key, or set ENCRYPTION_KEY");
    }

    @Test
    void aDatabaseThatIsNotAGoGatewaysIsRefusedWithOneLine() throws SQLException {
        go.execute("DROP TABLE api_key_numbers");
        go.execute("DROP TABLE client_failovers");
        go.execute("DROP TABLE number_settings");
        go.execute("DROP TABLE client_numbers");
        go.execute("DROP TABLE client_settings");
        go.execute("DROP TABLE clients");

        assertThat(importGo(false, false)).isEqualTo(ImportGoCommand.EXIT_FAILURE);

        assertThat(err())
                .startsWith("gomsggw import-go: ")
                .contains("has no table clients in schema public: " + "not a Go gateway database")
                .doesNotContain("\tat ");
    }

    @Test
    void anOlderGoSchemaWithoutTheNewerColumnsAndTablesImports() throws SQLException {
        go.execute("DROP TABLE number_settings");
        go.execute("DROP TABLE client_settings");
        go.execute("ALTER TABLE clients DROP COLUMN type");
        go.execute("ALTER TABLE clients DROP COLUMN timezone");
        go.execute("ALTER TABLE client_numbers DROP COLUMN tag");
        go.execute("ALTER TABLE client_numbers DROP COLUMN \"group\"");
        go.execute("ALTER TABLE carriers DROP COLUMN profile_id");
        go.execute("DROP TABLE msg_record_db_items");
        go.execute("INSERT INTO carriers (name, type, username, password, uuid) VALUES ('tw', 'twilio', 'AC0001', '"
                + GoEncryption.encrypt("auth-token-0001", GoShapedDatabase.GO_KEY) + "', 'aa11bb22cc33dd44ee55ff66')");
        go.execute("INSERT INTO clients (username, password, address) VALUES ('old-pbx', '"
                + GoEncryption.encrypt("old-pass", GoShapedDatabase.GO_KEY) + "', '192.0.2.77')");
        go.execute("INSERT INTO client_numbers (client_id, number, carrier) VALUES (1, '16045550123', 'tw')");

        assertThat(importGo(false, true)).isEqualTo(ImportGoCommand.EXIT_OK);

        Client old = imported().clients().findByUsername("old-pbx").orElseThrow();
        assertThat(old.type()).isEqualTo(ClientType.LEGACY);
        assertThat(old.timezone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(imported().numbers().findByNumber("+16045550123")).isPresent();
        assertThat(out()).contains("skipped message records: the Go database has no message records");
    }

    private GoRows.MessageRecord record(long id) {
        return new GoRows.MessageRecord(id, 0, null, null, null, null, null, false, null, null, null, null, null, null);
    }

    private long rows(String table) throws SQLException {
        try (Connection connection = imported().jdbi().open().getConnection();
                Statement statement = connection.createStatement();
                var result = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }
}
