package io.gomsggw.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.core.model.Secret;
import io.gomsggw.core.net.CidrBlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader("gw1.example.net", 6);

    @TempDir
    Path workingDirectory;

    @Test
    void everyVariableHasADefault() {
        GatewayConfig config = load(Map.of());

        assertThat(config.listeners().web()).isEqualTo(new ListenAddress("0.0.0.0", 3000));
        assertThat(config.listeners().smpp()).isEqualTo(new ListenAddress("0.0.0.0", 9550));
        assertThat(config.listeners().smppTls()).isEmpty();
        assertThat(config.listeners().mm4()).isEqualTo(new ListenAddress("0.0.0.0", 2566));
        assertThat(config.listeners().prometheus()).isEqualTo(new ListenAddress("0.0.0.0", 2550));
        assertThat(config.listeners().prometheusPath()).isEqualTo("/metrics");
        assertThat(config.dataDirectory()).isEqualTo(workingDirectory.resolve("data"));
        assertThat(config.pluginsDirectory()).isEqualTo(workingDirectory.resolve("plugins"));
        assertThat(config.apiKey()).isEmpty();
        assertThat(config.encryptionKey()).isEmpty();
        assertThat(config.database()).isEqualTo(new DatabaseConfig.Embedded());
        assertThat(config.durability()).isEqualTo(Durability.FSYNC);
        assertThat(config.identity())
                .isEqualTo(new IdentityConfig(
                        "gw1.example.net",
                        "http://0.0.0.0:3000",
                        "US",
                        "system@gw1.example.net",
                        "gw1.example.net",
                        false));
        assertThat(config.proxies().haproxyProxyProtocol()).isFalse();
        assertThat(config.proxies().trustedProxies()).isEqualTo(CidrBlock.PRIVATE_RANGES);
        assertThat(config.delivery())
                .isEqualTo(new DeliveryConfig(
                        3,
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(5),
                        3,
                        Duration.ofSeconds(30),
                        3,
                        Duration.ofSeconds(60),
                        3,
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(5),
                        true,
                        Duration.ofHours(24),
                        16));
        assertThat(config.autoReply()).isEqualTo(new AutoReplyConfig(false, Optional.empty()));
        assertThat(config.transcode())
                .isEqualTo(new TranscodeConfig(614_400, 85, 50, 6, 2, 256, Duration.ofSeconds(60)));
        assertThat(config.logging()).isEqualTo(new LoggingConfig(LogLevel.INFO, LogFormat.TEXT));
        assertThat(config.http()).isEqualTo(new HttpConfig(33_554_432, Optional.empty(), List.of()));
    }

    @Test
    void readsEveryVariable() throws IOException {
        Path cert = Files.writeString(workingDirectory.resolve("smpp.crt"), "cert");
        Path key = Files.writeString(workingDirectory.resolve("smpp.key"), "key");
        Map<String, String> env = new HashMap<>();
        env.put("WEB_LISTEN", "127.0.0.1:8080");
        env.put("SMPP_LISTEN", ":2775");
        env.put("SMPP_TLS_LISTEN", "[::1]:3550");
        env.put("SMPP_TLS_CERT", "smpp.crt");
        env.put("SMPP_TLS_KEY", key.toString());
        env.put("MM4_LISTEN", "mm4.local:25");
        env.put("PROMETHEUS_LISTEN", "127.0.0.1:0");
        env.put("PROMETHEUS_PATH", "/prom");
        env.put("API_KEY", "admin-secret");
        env.put("ENCRYPTION_KEY", "pass phrase");
        env.put("GOMSGGW_DATA_DIR", "/var/lib/gomsggw");
        env.put("PLUGINS_DIR", "ext");
        env.put("SERVER_ID", "node-7");
        env.put("DELIVERY_WINDOW_HOURS", "6");
        env.put("WEBHOOK_MAX_CONCURRENCY", "4");
        env.put("SERVER_ADDRESS", "https://sms.example.com/");
        env.put("DEFAULT_REGION", "ca");
        env.put("MM4_ORIGINATOR_SYSTEM", "mms@example.com");
        env.put("MM4_MSG_ID_HOST", "mms.example.com");
        env.put("HAPROXY_PROXY_PROTOCOL", "TRUE");
        env.put("TRUSTED_PROXIES", "10.1.0.0/16, 2001:db8::1");
        env.put("WEBHOOK_RETRIES", "0");
        env.put("WEBHOOK_TIMEOUT_SECS", "2");
        env.put("WEBHOOK_RETRY_DELAY_SECS", "0");
        env.put("SMPP_RETRIES", "5");
        env.put("SMPP_TIMEOUT_SECS", "7");
        env.put("MM4_RETRIES", "1");
        env.put("MM4_TIMEOUT_SECS", "90");
        env.put("CARRIER_RETRIES", "2");
        env.put("CARRIER_TIMEOUT_SECS", "12");
        env.put("CARRIER_RETRY_DELAY_SECS", "0");
        env.put("NOTIFY_SENDER_ON_FAILURE", "no");
        env.put("AUTO_REPLY_ENABLED", "on");
        env.put("AUTO_REPLY_DEFAULT_MESSAGE", "Out of office");
        env.put("MMS_MAX_SIZE", "1048576");
        env.put("MMS_IMAGE_QUALITY", "90");
        env.put("MMS_MIN_IMAGE_QUALITY", "40");
        env.put("TRANSCODER_WORKERS", "2");
        env.put("TRANSCODER_AV_WORKERS", "3");
        env.put("TRANSCODER_AV_MEMORY_MB", "512");
        env.put("TRANSCODER_AV_TIMEOUT_SECS", "90");
        env.put("LOG_LEVEL", "DEBUG");
        env.put("LOG_FORMAT", "Json");
        env.put("DURABILITY", "OS");
        env.put("HTTP_MAX_BODY_BYTES", "1048576");
        env.put("HTTP_BODY_MEMORY_BYTES", "8589934592");
        env.put("MEDIA_FETCH_ALLOWED_NETWORKS", "10.20.0.0/16, fd00::/8,192.0.2.7");

        GatewayConfig config = load(env);
        assertThat(config.durability()).isEqualTo(Durability.OS);

        assertThat(config.listeners())
                .isEqualTo(new ListenersConfig(
                        new ListenAddress("127.0.0.1", 8080),
                        new ListenAddress("0.0.0.0", 2775),
                        Optional.of(new SmppTlsConfig(new ListenAddress("::1", 3550), cert, key)),
                        new ListenAddress("mm4.local", 25),
                        Optional.empty(),
                        32L * 1024 * 1024,
                        new ListenAddress("127.0.0.1", 0),
                        "/prom"));
        assertThat(config.apiKey()).contains(Secret.of("admin-secret"));
        assertThat(config.encryptionKey()).contains(Secret.of("pass phrase"));
        assertThat(config.dataDirectory()).isEqualTo(Path.of("/var/lib/gomsggw"));
        assertThat(config.pluginsDirectory()).isEqualTo(workingDirectory.resolve("ext"));
        assertThat(config.identity())
                .isEqualTo(new IdentityConfig(
                        "node-7", "https://sms.example.com", "CA", "mms@example.com", "mms.example.com", true));
        assertThat(config.proxies().haproxyProxyProtocol()).isTrue();
        assertThat(config.proxies().trustedProxies())
                .containsExactly(CidrBlock.parse("10.1.0.0/16"), CidrBlock.parse("2001:db8::1/128"));
        assertThat(config.delivery())
                .isEqualTo(new DeliveryConfig(
                        0,
                        Duration.ofSeconds(2),
                        Duration.ZERO,
                        5,
                        Duration.ofSeconds(7),
                        1,
                        Duration.ofSeconds(90),
                        2,
                        Duration.ofSeconds(12),
                        Duration.ZERO,
                        false,
                        Duration.ofHours(6),
                        4));
        assertThat(config.autoReply()).isEqualTo(new AutoReplyConfig(true, Optional.of("Out of office")));
        assertThat(config.transcode())
                .isEqualTo(new TranscodeConfig(1_048_576, 90, 40, 2, 3, 512, Duration.ofSeconds(90)));
        assertThat(config.logging()).isEqualTo(new LoggingConfig(LogLevel.DEBUG, LogFormat.JSON));
        assertThat(config.http())
                .isEqualTo(new HttpConfig(
                        1_048_576,
                        Optional.of(8_589_934_592L),
                        List.of(
                                CidrBlock.parse("10.20.0.0/16"),
                                CidrBlock.parse("fd00::/8"),
                                CidrBlock.parse("192.0.2.7"))));
    }

    @Test
    void serverAddressFollowsWebListenByDefault() {
        assertThat(load(Map.of("WEB_LISTEN", ":8080")).identity().serverAddress())
                .isEqualTo("http://0.0.0.0:8080");
    }

    @Test
    void blankValuesCountAsUnset() {
        GatewayConfig config = load(Map.of("API_KEY", "", "WEB_LISTEN", "  ", "POSTGRES_HOST", ""));

        assertThat(config.apiKey()).isEmpty();
        assertThat(config.listeners().web().port()).isEqualTo(3000);
        assertThat(config.database()).isEqualTo(new DatabaseConfig.Embedded());
    }

    @Test
    void envFileIsReadAndTheRealEnvironmentWins() throws IOException {
        Files.writeString(workingDirectory.resolve(".env"), """
                # local settings
                export WEB_LISTEN=127.0.0.1:4000
                SMPP_LISTEN=":4001"
                API_KEY='from-file'
                """);

        GatewayConfig config = load(Map.of("WEB_LISTEN", "127.0.0.1:5000"));

        assertThat(config.listeners().web().port()).isEqualTo(5000);
        assertThat(config.listeners().smpp().port()).isEqualTo(4001);
        assertThat(config.apiKey()).contains(Secret.of("from-file"));
    }

    @Test
    void aBadEnvFileLineIsNamed() throws IOException {
        Files.writeString(workingDirectory.resolve(".env"), "WEB_LISTEN=:4000\nnonsense\n");

        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(".env line 2: expected KEY=value");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            WEB_LISTEN               | abc          | WEB_LISTEN: not a host:port: 'abc'
            WEB_LISTEN               | host:        | WEB_LISTEN: not a host:port: 'host:'
            SMPP_LISTEN              | :99999       | SMPP_LISTEN: port out of range (0-65535) in ':99999'
            MM4_LISTEN               | bad host:25  | MM4_LISTEN: not a host:port: 'bad host:25'
            PROMETHEUS_LISTEN        | :x           | PROMETHEUS_LISTEN: not a host:port: ':x'
            PROMETHEUS_PATH          | metrics      | PROMETHEUS_PATH: expected a path starting with '/', got 'metrics'
            LOG_FORMAT               | xml          | LOG_FORMAT: expected json or text, got 'xml'
            DURABILITY               | sync         | DURABILITY: expected fsync or os, got 'sync'
            LOG_LEVEL                | verbose      | LOG_LEVEL: expected trace, debug, info, warn (or warning) or error, got 'verbose'
            DEFAULT_REGION           | XX           | DEFAULT_REGION: unknown region 'XX'
            SMPP_RETRIES             | -1           | SMPP_RETRIES: expected a non-negative integer, got '-1'
            WEBHOOK_RETRIES          | three        | WEBHOOK_RETRIES: expected a non-negative integer, got 'three'
            MM4_RETRIES              | 1.5          | MM4_RETRIES: expected a non-negative integer, got '1.5'
            WEBHOOK_RETRY_DELAY_SECS | -5           | WEBHOOK_RETRY_DELAY_SECS: expected a non-negative integer, got '-5'
            WEBHOOK_TIMEOUT_SECS     | 0            | WEBHOOK_TIMEOUT_SECS: expected a positive integer, got '0'
            SMPP_TIMEOUT_SECS        | 99999999999  | SMPP_TIMEOUT_SECS: expected a positive integer, got '99999999999'
            MM4_TIMEOUT_SECS         | soon         | MM4_TIMEOUT_SECS: expected a positive integer, got 'soon'
            MMS_MAX_SIZE             | 600k         | MMS_MAX_SIZE: expected a positive integer, got '600k'
            TRANSCODER_WORKERS       | 0            | TRANSCODER_WORKERS: expected a positive integer, got '0'
            TRANSCODER_AV_WORKERS    | -1           | TRANSCODER_AV_WORKERS: expected a non-negative integer, got '-1'
            TRANSCODER_AV_MEMORY_MB  | 32           | TRANSCODER_AV_MEMORY_MB: expected an integer from 64 to 65536, got '32'
            TRANSCODER_AV_TIMEOUT_SECS | 0          | TRANSCODER_AV_TIMEOUT_SECS: expected a positive integer, got '0'
            MMS_IMAGE_QUALITY        | 101          | MMS_IMAGE_QUALITY: expected an integer from 1 to 100, got '101'
            MMS_MIN_IMAGE_QUALITY    | 0            | MMS_MIN_IMAGE_QUALITY: expected an integer from 1 to 100, got '0'
            MMS_MIN_IMAGE_QUALITY    | 90           | MMS_MIN_IMAGE_QUALITY: must not exceed MMS_IMAGE_QUALITY (85), got '90'
            HAPROXY_PROXY_PROTOCOL   | maybe        | HAPROXY_PROXY_PROTOCOL: expected true or false, got 'maybe'
            NOTIFY_SENDER_ON_FAILURE | 2            | NOTIFY_SENDER_ON_FAILURE: expected true or false, got '2'
            AUTO_REPLY_ENABLED       | enabled      | AUTO_REPLY_ENABLED: expected true or false, got 'enabled'
            TRUSTED_PROXIES          | 10.0.0.0/33  | TRUSTED_PROXIES: not an IP address or CIDR range: '10.0.0.0/33'
            TRUSTED_PROXIES          | proxy.local  | TRUSTED_PROXIES: not an IP address or CIDR range: 'proxy.local'
            MEDIA_FETCH_ALLOWED_NETWORKS | intranet | MEDIA_FETCH_ALLOWED_NETWORKS: not an IP address or CIDR range: 'intranet'
            HTTP_MAX_BODY_BYTES      | 0            | HTTP_MAX_BODY_BYTES: expected a positive integer, got '0'
            HTTP_MAX_BODY_BYTES      | 4294967296   | HTTP_MAX_BODY_BYTES: expected a positive integer, got '4294967296'
            HTTP_BODY_MEMORY_BYTES   | 1000         | HTTP_BODY_MEMORY_BYTES: must be at least HTTP_MAX_BODY_BYTES (33554432), so that a body of the largest size fits, got '1000'
            HTTP_BODY_MEMORY_BYTES   | lots         | HTTP_BODY_MEMORY_BYTES: expected a positive integer, got 'lots'
            SERVER_ADDRESS           | sms.example  | SERVER_ADDRESS: expected an http:// or https:// URL, got 'sms.example'
            POSTGRES_PORT            | 0            | POSTGRES_PORT: expected an integer from 1 to 65535, got '0'
            POSTGRES_SSLMODE         | sometimes    | POSTGRES_SSLMODE: expected disable, allow, prefer, require, verify-ca or verify-full, got 'sometimes'
            SMPP_TLS_LISTEN          | :3550        | SMPP_TLS_CERT: required when SMPP_TLS_LISTEN is set
            SMPP_TLS_KEY             | key.pem      | SMPP_TLS_LISTEN: required when SMPP_TLS_KEY is set
            """)
    void aBadValueNamesItsVariable(String variable, String value, String message) {
        Map<String, String> env = new HashMap<>(Map.of(variable, value));
        if (variable.startsWith("POSTGRES_")) {
            env.put("POSTGRES_HOST", "db.local");
        }

        assertThatThrownBy(() -> load(env))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((ConfigException) e).subject())
                        .isEqualTo(message.substring(0, message.indexOf(':'))));
    }

    @Test
    void anUnreadableTlsFileIsNamed() {
        Map<String, String> env =
                Map.of("SMPP_TLS_LISTEN", ":3550", "SMPP_TLS_CERT", "missing.crt", "SMPP_TLS_KEY", "missing.key");

        assertThatThrownBy(() -> load(env))
                .isInstanceOf(ConfigException.class)
                .hasMessage("SMPP_TLS_CERT: not a readable file: '" + workingDirectory.resolve("missing.crt") + "'");
    }

    @Test
    void postgresHostSelectsPostgresWithDefaults() {
        DatabaseConfig database = load(Map.of("POSTGRES_HOST", "db.local", "POSTGRES_PASSWORD", "pw"))
                .database();

        assertThat(database)
                .isEqualTo(new DatabaseConfig.Postgres(
                        "jdbc:postgresql://db.local:5432/gomsggw?sslmode=disable",
                        Optional.of("gomsggw"),
                        Optional.of(Secret.of("pw"))));
    }

    @Test
    void postgresVariablesAreAllUsed() {
        DatabaseConfig database = load(Map.of(
                        "POSTGRES_HOST",
                        "10.0.0.5",
                        "POSTGRES_PORT",
                        "6432",
                        "POSTGRES_USER",
                        "gw",
                        "POSTGRES_DB",
                        "sms",
                        "POSTGRES_SSLMODE",
                        "verify-full"))
                .database();

        assertThat(database)
                .isEqualTo(new DatabaseConfig.Postgres(
                        "jdbc:postgresql://10.0.0.5:6432/sms?sslmode=verify-full",
                        Optional.of("gw"),
                        Optional.empty()));
    }

    @Test
    void databaseUrlOverridesPostgresVariables() {
        String url = "jdbc:postgresql://127.0.0.1:5432/gomsggw_test?user=gomsggw&password=gomsggw";

        DatabaseConfig database =
                load(Map.of("DATABASE_URL", url, "POSTGRES_HOST", "ignored")).database();

        assertThat(database).isEqualTo(new DatabaseConfig.Postgres(url, Optional.empty(), Optional.empty()));
        assertThat(((DatabaseConfig.Postgres) database).safeUrl())
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/gomsggw_test");
    }

    @Test
    void postgresUrlsAreConvertedToJdbc() {
        DatabaseConfig database = load(Map.of("DATABASE_URL", "postgres://gw:p%40ss@db.local:6543/sms?sslmode=require"))
                .database();

        assertThat(database)
                .isEqualTo(new DatabaseConfig.Postgres(
                        "jdbc:postgresql://db.local:6543/sms?sslmode=require",
                        Optional.of("gw"),
                        Optional.of(Secret.of("p@ss"))));
    }

    @Test
    void postgresUrlWithoutPortOrCredentials() {
        DatabaseConfig database =
                load(Map.of("DATABASE_URL", "postgresql://db.local/sms")).database();

        assertThat(database)
                .isEqualTo(new DatabaseConfig.Postgres(
                        "jdbc:postgresql://db.local:5432/sms", Optional.empty(), Optional.empty()));
    }

    @Test
    void aBadDatabaseUrlIsNamedWithoutEchoingIt() {
        assertThatThrownBy(() -> load(Map.of("DATABASE_URL", "mysql://root:topsecret@db/x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("DATABASE_URL: expected jdbc:postgresql://")
                .hasMessageNotContaining("topsecret");
    }

    @Test
    void configDoesNotPrintSecrets() {
        GatewayConfig config = load(Map.of(
                "API_KEY",
                "admin-secret",
                "ENCRYPTION_KEY",
                "enc-secret",
                "DATABASE_URL",
                "postgres://gw:db-secret@db.local/sms"));

        assertThat(config.toString()).doesNotContain("admin-secret", "enc-secret", "db-secret");
    }

    private GatewayConfig load(Map<String, String> environment) {
        return loader.load(environment, workingDirectory);
    }
}
