package io.gomsggw.server.config;

import io.gomsggw.core.model.Secret;
import io.gomsggw.core.net.CidrBlock;
import io.gomsggw.core.phone.PhoneNumbers;
import io.gomsggw.http.HttpServer;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@link GatewayConfig} from environment variables, merged over a {@code .env} file in
 * the working directory (a variable of the real environment wins). Every variable has a default
 * that works on one machine; a value that cannot be used throws a {@link ConfigException} whose
 * one-line message names the variable.
 *
 * <p>The loader only reads: it creates no directory and generates no key (see
 * {@link io.gomsggw.server.secrets.SecretsBootstrap}).
 */
public final class ConfigLoader {
    private static final Set<String> SSL_MODES =
            Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    private final String hostName;
    private final int availableProcessors;

    /**
     * @param hostName            default of {@code SERVER_ID} and {@code MM4_MSG_ID_HOST}
     * @param availableProcessors default of {@code TRANSCODER_WORKERS} (and of {@code TRANSCODER_AV_WORKERS}:
     *                            1 up to 2 processors, else 2)
     */
    public ConfigLoader(String hostName, int availableProcessors) {
        this.hostName = hostName;
        this.availableProcessors = availableProcessors;
    }

    /** A loader with this machine's host name and processor count as defaults. */
    public static ConfigLoader forThisMachine() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return new ConfigLoader(host, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Loads the configuration from {@code environment} merged over {@code .env} in
     * {@code workingDirectory}; relative paths are resolved against {@code workingDirectory}.
     *
     * @throws ConfigException for the first value that cannot be used
     */
    public GatewayConfig load(Map<String, String> environment, Path workingDirectory) {
        Map<String, String> merged = new HashMap<>(EnvFile.readIfPresent(workingDirectory.resolve(EnvFile.FILE_NAME)));
        merged.putAll(environment);
        return fromVariables(new Variables(merged), workingDirectory.toAbsolutePath());
    }

    /**
     * The names of the variables a load with {@code environment} reads (a variable read only when
     * another is set appears only when that one is set). For checking deployment files, which must
     * name only variables the server reads.
     */
    public Set<String> variablesRead(Map<String, String> environment, Path workingDirectory) {
        Variables env = new Variables(environment);
        fromVariables(env, workingDirectory.toAbsolutePath());
        return Set.copyOf(env.asked());
    }

    private GatewayConfig fromVariables(Variables env, Path workingDirectory) {
        ListenersConfig listeners = listeners(env, workingDirectory);
        return new GatewayConfig(
                listeners,
                env.path("GOMSGGW_DATA_DIR", "./data", workingDirectory),
                env.path("PLUGINS_DIR", "./plugins", workingDirectory),
                env.optional("API_KEY").map(Secret::of),
                env.optional("ENCRYPTION_KEY").map(Secret::of),
                database(env),
                env.parsed("DURABILITY", Durability::parse, Durability.FSYNC),
                identity(env, listeners.web()),
                new ProxyConfig(
                        env.bool("HAPROXY_PROXY_PROTOCOL", false),
                        env.parsed("TRUSTED_PROXIES", ConfigLoader::cidrList, CidrBlock.PRIVATE_RANGES)),
                delivery(env),
                new AutoReplyConfig(env.bool("AUTO_REPLY_ENABLED", false), env.optional("AUTO_REPLY_DEFAULT_MESSAGE")),
                transcode(env),
                new LoggingConfig(
                        env.parsed("LOG_LEVEL", LogLevel::parse, LogLevel.INFO),
                        env.parsed("LOG_FORMAT", LogFormat::parse, LogFormat.TEXT)),
                http(env),
                new ClusterConfig(Duration.ofSeconds(
                        env.intInRange("NODE_LEASE_SECS", ClusterConfig.DEFAULT_LEASE_SECS, 3, 3600))));
    }

    private static HttpConfig http(Variables env) {
        int maxBody = env.positiveInt("HTTP_MAX_BODY_BYTES", HttpServer.Settings.DEFAULT_MAX_BODY_BYTES);
        Optional<Long> bodyMemory = env.parsed("HTTP_BODY_MEMORY_BYTES", text -> {
            long bytes = Variables.positiveLong(text);
            if (bytes < maxBody) {
                throw new IllegalArgumentException("must be at least HTTP_MAX_BODY_BYTES (" + maxBody
                        + "), so that a body of the largest size fits, got '" + text + "'");
            }
            return bytes;
        });
        return new HttpConfig(
                maxBody, bodyMemory, env.parsed("MEDIA_FETCH_ALLOWED_NETWORKS", ConfigLoader::cidrList, List.of()));
    }

    private static ListenersConfig listeners(Variables env, Path workingDirectory) {
        String prometheusPath = env.parsed(
                "PROMETHEUS_PATH",
                path -> {
                    if (!path.startsWith("/")) {
                        throw new IllegalArgumentException("expected a path starting with '/', got '" + path + "'");
                    }
                    return path;
                },
                "/metrics");
        return new ListenersConfig(
                env.listenAddress("WEB_LISTEN", "0.0.0.0:3000"),
                env.listenAddress("SMPP_LISTEN", "0.0.0.0:9550"),
                smppTls(env, workingDirectory),
                env.listenAddress("MM4_LISTEN", "0.0.0.0:2566"),
                mm4Tls(env, workingDirectory),
                env.parsed("MM4_MAX_MESSAGE_BYTES", Variables::positiveLong, 32L * 1024 * 1024),
                env.listenAddress("PROMETHEUS_LISTEN", "0.0.0.0:2550"),
                prometheusPath);
    }

    private static Optional<SmppTlsConfig> smppTls(Variables env, Path workingDirectory) {
        List<String> names = List.of("SMPP_TLS_LISTEN", "SMPP_TLS_CERT", "SMPP_TLS_KEY");
        Optional<String> firstSet = names.stream().filter(env::isSet).findFirst();
        if (firstSet.isEmpty()) {
            return Optional.empty();
        }
        for (String name : names) {
            if (!env.isSet(name)) {
                throw new ConfigException(name, "required when " + firstSet.get() + " is set");
            }
        }
        return Optional.of(new SmppTlsConfig(
                env.listenAddress("SMPP_TLS_LISTEN", ":0"),
                readableFile(env, "SMPP_TLS_CERT", workingDirectory),
                readableFile(env, "SMPP_TLS_KEY", workingDirectory)));
    }

    private static Optional<Mm4TlsConfig> mm4Tls(Variables env, Path workingDirectory) {
        boolean cert = env.isSet("MM4_TLS_CERT");
        boolean key = env.isSet("MM4_TLS_KEY");
        if (!cert && !key) {
            return Optional.empty();
        }
        if (!cert || !key) {
            throw new ConfigException(
                    cert ? "MM4_TLS_KEY" : "MM4_TLS_CERT",
                    "required when " + (cert ? "MM4_TLS_CERT" : "MM4_TLS_KEY") + " is set");
        }
        return Optional.of(new Mm4TlsConfig(
                readableFile(env, "MM4_TLS_CERT", workingDirectory),
                readableFile(env, "MM4_TLS_KEY", workingDirectory)));
    }

    private static Path readableFile(Variables env, String name, Path workingDirectory) {
        Path file = env.path(name, "", workingDirectory);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ConfigException(name, "not a readable file: '" + file + "'");
        }
        return file;
    }

    private static DatabaseConfig database(Variables env) {
        Optional<String> databaseUrl = env.optional("DATABASE_URL");
        if (databaseUrl.isPresent()) {
            return DatabaseConfig.Postgres.fromUrl("DATABASE_URL", databaseUrl.get());
        }
        Optional<String> host = env.optional("POSTGRES_HOST");
        if (host.isEmpty()) {
            return new DatabaseConfig.Embedded();
        }
        int port = env.intInRange("POSTGRES_PORT", 5432, 1, 65535);
        String sslMode = env.parsed(
                "POSTGRES_SSLMODE",
                mode -> {
                    if (!SSL_MODES.contains(mode)) {
                        throw new IllegalArgumentException(
                                "expected disable, allow, prefer, require, verify-ca or verify-full, got '" + mode
                                        + "'");
                    }
                    return mode;
                },
                "disable");
        String hostPart = host.get().indexOf(':') >= 0 ? "[" + host.get() + "]" : host.get();
        String url = "jdbc:postgresql://" + hostPart + ":" + port + "/" + env.string("POSTGRES_DB", "gomsggw")
                + "?sslmode=" + sslMode;
        return new DatabaseConfig.Postgres(
                url,
                Optional.of(env.string("POSTGRES_USER", "gomsggw")),
                env.optional("POSTGRES_PASSWORD").map(Secret::of));
    }

    private IdentityConfig identity(Variables env, ListenAddress web) {
        String region = env.parsed(
                "DEFAULT_REGION",
                text -> {
                    try {
                        return new PhoneNumbers(text).defaultRegion();
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("unknown region '" + text + "'", e);
                    }
                },
                "US");
        String serverAddress = env.parsed("SERVER_ADDRESS", ConfigLoader::baseUrl, "http://" + web);
        return new IdentityConfig(
                env.string("SERVER_ID", hostName),
                serverAddress,
                region,
                env.string("MM4_ORIGINATOR_SYSTEM", "system@" + hostName),
                env.string("MM4_MSG_ID_HOST", hostName),
                env.optional("SERVER_ADDRESS").filter(value -> !value.isBlank()).isPresent());
    }

    private static String baseUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("expected an http:// or https:// URL, got '" + text + "'", e);
        }
        if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("expected an http:// or https:// URL, got '" + text + "'");
        }
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static List<CidrBlock> cidrList(String text) {
        List<CidrBlock> blocks = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                blocks.add(CidrBlock.parse(item.strip()));
            }
        }
        return blocks;
    }

    private static DeliveryConfig delivery(Variables env) {
        return new DeliveryConfig(
                env.nonNegativeInt("WEBHOOK_RETRIES", 3),
                env.positiveSeconds("WEBHOOK_TIMEOUT_SECS", 10),
                env.nonNegativeSeconds("WEBHOOK_RETRY_DELAY_SECS", 5),
                env.nonNegativeInt("SMPP_RETRIES", 3),
                env.positiveSeconds("SMPP_TIMEOUT_SECS", 30),
                env.nonNegativeInt("MM4_RETRIES", 3),
                env.positiveSeconds("MM4_TIMEOUT_SECS", 60),
                env.nonNegativeInt("CARRIER_RETRIES", 3),
                env.positiveSeconds("CARRIER_TIMEOUT_SECS", 30),
                env.nonNegativeSeconds("CARRIER_RETRY_DELAY_SECS", 5),
                env.bool("NOTIFY_SENDER_ON_FAILURE", true),
                Duration.ofHours(env.positiveInt("DELIVERY_WINDOW_HOURS", 24)),
                env.positiveInt("WEBHOOK_MAX_CONCURRENCY", 16));
    }

    private TranscodeConfig transcode(Variables env) {
        int quality = env.intInRange("MMS_IMAGE_QUALITY", 85, 1, 100);
        int minQuality = env.intInRange("MMS_MIN_IMAGE_QUALITY", Math.min(50, quality), 1, 100);
        if (minQuality > quality) {
            throw new ConfigException(
                    "MMS_MIN_IMAGE_QUALITY",
                    "must not exceed MMS_IMAGE_QUALITY (" + quality + "), got '" + minQuality + "'");
        }
        return new TranscodeConfig(
                env.positiveInt("MMS_MAX_SIZE", 614_400),
                quality,
                minQuality,
                env.positiveInt("TRANSCODER_WORKERS", availableProcessors),
                env.nonNegativeInt("TRANSCODER_AV_WORKERS", availableProcessors <= 2 ? 1 : 2),
                env.intInRange("TRANSCODER_AV_MEMORY_MB", 256, 64, 65_536),
                env.positiveSeconds("TRANSCODER_AV_TIMEOUT_SECS", 60));
    }
}
