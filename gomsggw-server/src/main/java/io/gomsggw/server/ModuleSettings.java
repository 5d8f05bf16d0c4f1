package io.gomsggw.server;

import io.gomsggw.core.spi.RetryPolicy;
import io.gomsggw.http.HttpServer;
import io.gomsggw.server.config.DeliveryConfig;
import io.gomsggw.server.config.GatewayConfig;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The modules' settings objects, made from the gateway's configuration. */
final class ModuleSettings {
    private static final Logger LOG = LoggerFactory.getLogger(ModuleSettings.class);

    private ModuleSettings() {}

    /**
     * Whether {@code SERVER_ADDRESS} names a host others can reach; the default
     * ({@code http://0.0.0.0:3000}) does not, so webhooks then carry media inline as
     * {@code data:} URIs instead of links.
     */
    static boolean isPublic(String serverAddress) {
        String host = URI.create(serverAddress).getHost();
        return host != null && !host.equals("0.0.0.0") && !host.equals("::") && !host.equals("[::]");
    }

    /**
     * The web server's limits: {@code HTTP_MAX_BODY_BYTES}, {@code HTTP_BODY_MEMORY_BYTES} (a quarter
     * of the heap when unset), {@code TRUSTED_PROXIES}; the head limits are the defaults.
     */
    static HttpServer.Settings httpSettings(GatewayConfig config) {
        int maxBody = config.http().maxBodyBytes();
        long bodyMemory =
                config.http().bodyMemoryBytes().orElseGet(() -> HttpServer.Settings.defaultBodyMemoryBytes(maxBody));
        long quarterHeap = Runtime.getRuntime().maxMemory() / 4;
        if (bodyMemory > quarterHeap) {
            LOG.atWarn()
                    .addKeyValue("body_memory_bytes", bodyMemory)
                    .addKeyValue("max_heap_bytes", quarterHeap * 4)
                    .log("request bodies may take more than a quarter of the heap; raise -Xmx or lower "
                            + "HTTP_BODY_MEMORY_BYTES or HTTP_MAX_BODY_BYTES");
        }
        return HttpServer.Settings.defaults()
                .withBodyLimits(maxBody, bodyMemory)
                .withTrustedProxies(config.proxies().trustedProxies());
    }

    static RetryPolicy carrierRetries(DeliveryConfig delivery) {
        return new RetryPolicy(
                delivery.carrierRetries(),
                delivery.carrierRetryDelay(),
                Duration.ofMinutes(5),
                delivery.carrierTimeout());
    }

    static RetryPolicy smppRetries(DeliveryConfig delivery) {
        return new RetryPolicy(
                delivery.smppRetries(), Duration.ofSeconds(5), Duration.ofMinutes(5), delivery.smppTimeout());
    }
}
