package io.gomsggw.server.config;

import io.gomsggw.core.model.Secret;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole configuration of one gateway node, read once at start by {@link ConfigLoader}.
 * Immutable; paths are absolute. Secrets print as {@code ******}.
 *
 * @param listeners       where each listener binds
 * @param dataDirectory   {@code GOMSGGW_DATA_DIR}: embedded database, generated keys, media
 * @param pluginsDirectory {@code PLUGINS_DIR}: carrier plug-in jars
 * @param apiKey          {@code API_KEY}, when set; otherwise read from or generated in the data directory
 * @param encryptionKey   {@code ENCRYPTION_KEY}, when set; otherwise read from or generated in the data directory
 * @param database        embedded H2 or PostgreSQL
 * @param durability      {@code DURABILITY}: whether an acknowledged message is forced to the device
 * @param identity        names and addresses of this node
 * @param proxies         proxies believed about client addresses
 * @param delivery        retries and timeouts of delivery to clients
 * @param autoReply       auto-reply master switch and default message
 * @param transcode       MMS media targets
 * @param logging         log level and format
 * @param http            web server limits and media fetching
 * @param cluster         this node among others on one PostgreSQL database
 */
public record GatewayConfig(
        ListenersConfig listeners,
        Path dataDirectory,
        Path pluginsDirectory,
        Optional<Secret> apiKey,
        Optional<Secret> encryptionKey,
        DatabaseConfig database,
        Durability durability,
        IdentityConfig identity,
        ProxyConfig proxies,
        DeliveryConfig delivery,
        AutoReplyConfig autoReply,
        TranscodeConfig transcode,
        LoggingConfig logging,
        HttpConfig http,
        ClusterConfig cluster) {

    public GatewayConfig {
        Objects.requireNonNull(listeners, "listeners");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(pluginsDirectory, "pluginsDirectory");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(encryptionKey, "encryptionKey");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(proxies, "proxies");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(autoReply, "autoReply");
        Objects.requireNonNull(transcode, "transcode");
        Objects.requireNonNull(logging, "logging");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(cluster, "cluster");
    }
}
