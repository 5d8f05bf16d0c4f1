package io.gomsggw.server.secrets;

import io.gomsggw.core.crypto.SecretCipher;
import io.gomsggw.core.model.Secret;
import io.gomsggw.server.config.DatabaseConfig;
import io.gomsggw.server.config.GatewayConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves {@code API_KEY} and {@code ENCRYPTION_KEY}. A key set in the configuration is used as
 * it is. Otherwise it is read from the data directory ({@code api_key}, {@code encryption_key}),
 * or generated and stored there with mode 0600 on the first start. A generated admin key is
 * printed once to the console, since it is needed to use the admin API.
 *
 * <p>With PostgreSQL and no {@code ENCRYPTION_KEY}, the key still comes from the data directory,
 * with a warning: every node that shares the database must use the same key.
 */
public final class SecretsBootstrap {
    /** File of the data directory that holds the admin key when {@code API_KEY} is unset. */
    public static final String API_KEY_FILE = "api_key";
    /** File of the data directory that holds the encryption key when {@code ENCRYPTION_KEY} is unset. */
    public static final String ENCRYPTION_KEY_FILE = "encryption_key";

    private static final Logger LOG = LoggerFactory.getLogger(SecretsBootstrap.class);
    private static final int API_KEY_BYTES = 32;

    private final DataDirectory dataDirectory;
    private final PrintStream console;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param dataDirectory where keys are kept when not configured
     * @param console       where a newly generated admin key is shown (standard output)
     */
    public SecretsBootstrap(DataDirectory dataDirectory, PrintStream console) {
        this.dataDirectory = dataDirectory;
        this.console = console;
    }

    /**
     * Returns the configured keys, reading or generating the ones that are not configured.
     *
     * @throws io.gomsggw.server.config.ConfigException naming {@code GOMSGGW_DATA_DIR} when a key file
     *         cannot be read or written
     */
    public Secrets resolve(GatewayConfig config) {
        Secret apiKey = config.apiKey().orElseGet(() -> fromFile(API_KEY_FILE, this::newApiKey, this::announceApiKey));
        return new Secrets(apiKey, resolveEncryptionKey(config));
    }

    /**
     * Returns {@code ENCRYPTION_KEY} as {@link #resolve} does, reading or generating it when it is
     * not configured; the admin key is left alone.
     *
     * @throws io.gomsggw.server.config.ConfigException naming {@code GOMSGGW_DATA_DIR} when the key file
     *         cannot be read or written
     */
    public Secret resolveEncryptionKey(GatewayConfig config) {
        return config.encryptionKey().orElseGet(() -> {
            Secret key = fromFile(
                    ENCRYPTION_KEY_FILE,
                    SecretCipher::generateKeyString,
                    (file, generated) -> LOG.atInfo()
                            .addKeyValue("path", file.path())
                            .log(
                                    "generated the encryption key for secrets at rest; back it up, it cannot be recovered"));
            if (config.database() instanceof DatabaseConfig.Postgres) {
                LOG.atWarn()
                        .addKeyValue("path", dataDirectory.resolve(ENCRYPTION_KEY_FILE))
                        .log(
                                "ENCRYPTION_KEY is not set, so this node uses the key in its data directory; every node "
                                        + "sharing this PostgreSQL database must use the same key: set ENCRYPTION_KEY to it on all of them");
            }
            return key;
        });
    }

    /**
     * The encryption key as it stands, creating nothing: {@code ENCRYPTION_KEY} when configured,
     * else the key file of the data directory when there is one; empty when neither exists yet
     * (the first start generates it).
     *
     * @throws io.gomsggw.server.config.ConfigException naming {@code GOMSGGW_DATA_DIR} when the key file
     *         exists but cannot be read
     */
    public static Optional<Secret> existingEncryptionKey(GatewayConfig config) {
        if (config.encryptionKey().isPresent()) {
            return config.encryptionKey();
        }
        Path file = config.dataDirectory().toAbsolutePath().normalize().resolve(ENCRYPTION_KEY_FILE);
        return new SecretFile(file).read().map(Secret::of);
    }

    private Secret fromFile(String fileName, Supplier<String> generator, BiConsumer<SecretFile, String> announcement) {
        SecretFile file = new SecretFile(dataDirectory.resolve(fileName));
        Optional<String> stored = file.read();
        if (stored.isPresent()) {
            warnIfShared(file);
            return Secret.of(stored.get());
        }
        String generated = generator.get();
        file.create(generated);
        announcement.accept(file, generated);
        return Secret.of(generated);
    }

    private void warnIfShared(SecretFile file) {
        try {
            if (!file.isOwnerOnly()) {
                LOG.atWarn().addKeyValue("path", file.path()).log("key file is readable by other users; chmod 600 it");
            }
        } catch (IOException e) {
            LOG.atWarn()
                    .addKeyValue("path", file.path())
                    .addKeyValue("error", e.toString())
                    .log("cannot read the permissions of a key file");
        }
    }

    private String newApiKey() {
        byte[] bytes = new byte[API_KEY_BYTES];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private void announceApiKey(SecretFile file, String key) {
        String rule = "=".repeat(78);
        console.println();
        console.println(rule);
        console.println("Admin API key (shown once, stored in " + file.path() + "): " + key);
        console.println("Use it as the password of user 'admin' (HTTP Basic), e.g. curl -u admin:" + key + " ...");
        console.println(rule);
        console.println();
        console.flush();
        LOG.atInfo().addKeyValue("path", file.path()).log("generated the admin API key");
    }
}
