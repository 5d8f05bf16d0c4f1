package io.gomsggw.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.gomsggw.server.config.ConfigException;
import io.gomsggw.server.config.ConfigLoader;
import io.gomsggw.server.config.GatewayConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class SecretsBootstrapTest {
    private static final String HEX_64 = "[0-9a-f]{64}";

    @TempDir
    Path workingDirectory;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(SecretsBootstrap.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
    }

    @Test
    void firstStartGeneratesOwnerOnlyKeysAndShowsTheAdminKeyOnce() throws IOException {
        Secrets secrets = resolve(Map.of());

        Path apiKeyFile = workingDirectory.resolve("data/api_key");
        Path encryptionKeyFile = workingDirectory.resolve("data/encryption_key");
        assertThat(secrets.apiKey().reveal()).matches(HEX_64);
        assertThat(secrets.encryptionKey().reveal()).matches(HEX_64);
        assertThat(apiKeyFile).hasContent(secrets.apiKey().reveal());
        assertThat(encryptionKeyFile).hasContent(secrets.encryptionKey().reveal());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(apiKeyFile)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(encryptionKeyFile)))
                .isEqualTo("rw-------");
        assertThat(consoleText())
                .contains("Admin API key (shown once, stored in " + apiKeyFile + "): "
                        + secrets.apiKey().reveal())
                .doesNotContain(secrets.encryptionKey().reveal());
        assertThat(workingDirectory.resolve("data")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void secondStartReusesTheKeysAndShowsNothing() {
        Secrets first = resolve(Map.of());
        console.reset();

        Secrets second = resolve(Map.of());

        assertThat(second).isEqualTo(first);
        assertThat(consoleText()).isEmpty();
    }

    @Test
    void configuredKeysAreUsedAndNothingIsWritten() {
        Secrets secrets = resolve(Map.of("API_KEY", "admin-secret", "ENCRYPTION_KEY", "enc-secret"));

        assertThat(secrets.apiKey().reveal()).isEqualTo("admin-secret");
        assertThat(secrets.encryptionKey().reveal()).isEqualTo("enc-secret");
        assertThat(workingDirectory.resolve("data")).isEmptyDirectory();
        assertThat(consoleText()).isEmpty();
    }

    @Test
    void keysMayComeOneFromTheConfigurationAndOneFromTheDataDirectory() {
        Secrets secrets = resolve(Map.of("API_KEY", "admin-secret"));

        assertThat(secrets.apiKey().reveal()).isEqualTo("admin-secret");
        assertThat(workingDirectory.resolve("data/encryption_key"))
                .hasContent(secrets.encryptionKey().reveal());
        assertThat(workingDirectory.resolve("data/api_key")).doesNotExist();
    }

    @Test
    void postgresWithoutEncryptionKeyStillGeneratesItButWarns() {
        Secrets secrets = resolve(Map.of("POSTGRES_HOST", "db.local", "API_KEY", "admin-secret"));

        assertThat(workingDirectory.resolve("data/encryption_key"))
                .hasContent(secrets.encryptionKey().reveal());
        assertThat(logs.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains("every node", "same key");
        });
    }

    @Test
    void embeddedDatabaseDoesNotWarnAboutSharingTheKey() {
        resolve(Map.of());

        assertThat(logs.list).noneMatch(event -> event.getLevel() == Level.WARN);
    }

    @Test
    void aKeyFileReadableByOthersIsUsedWithAWarning() throws IOException {
        Path data = Files.createDirectories(workingDirectory.resolve("data"));
        Path apiKeyFile = Files.writeString(data.resolve("api_key"), "stored-key\n");
        Files.setPosixFilePermissions(apiKeyFile, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(resolve(Map.of()).apiKey().reveal()).isEqualTo("stored-key");
        assertThat(logs.list)
                .anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("readable by other users"));
    }

    @Test
    void anEmptyKeyFileIsRefused() throws IOException {
        Path data = Files.createDirectories(workingDirectory.resolve("data"));
        Files.writeString(data.resolve("encryption_key"), " \n");

        assertThatThrownBy(() -> resolve(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("GOMSGGW_DATA_DIR: '" + data.resolve("encryption_key")
                        + "' is empty; delete it to generate a new key");
    }

    @Test
    void anUnreadableKeyFileIsRefused() throws IOException {
        Path data = Files.createDirectories(workingDirectory.resolve("data"));
        Files.createDirectory(data.resolve("api_key"));

        assertThatThrownBy(() -> resolve(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GOMSGGW_DATA_DIR: cannot read '" + data.resolve("api_key") + "'");
    }

    private Secrets resolve(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        GatewayConfig config = new ConfigLoader("test-host", 2).load(env, workingDirectory);
        DataDirectory dataDirectory = DataDirectory.prepare(config.dataDirectory());
        return new SecretsBootstrap(dataDirectory, new PrintStream(console, true, StandardCharsets.UTF_8))
                .resolve(config);
    }

    private String consoleText() {
        return console.toString(StandardCharsets.UTF_8);
    }
}
