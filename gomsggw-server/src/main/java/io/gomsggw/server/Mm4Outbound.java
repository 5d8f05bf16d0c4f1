package io.gomsggw.server;

import io.gomsggw.core.spi.RetryPolicy;
import io.gomsggw.mm4.codec.Mm4Writer;
import io.gomsggw.mm4.gateway.Mm4Egress;
import io.gomsggw.mm4.gateway.Mm4GatewaySettings;
import io.gomsggw.mm4.outbound.Mm4Sender;
import io.gomsggw.mm4.outbound.Mm4SenderSettings;
import io.gomsggw.server.config.GatewayConfig;
import java.time.Clock;
import java.time.Duration;

/**
 * Outbound MM4 of a node: the SMTP conversations toward PBXs run on a pool of their own (each may
 * wait {@code MM4_TIMEOUT_SECS} per reply, which must not hold the pipeline's workers); a full pool is
 * a retryable failure of the delivery. Closing lets the conversations under way finish briefly.
 */
final class Mm4Outbound implements AutoCloseable {
    private final WorkerPool pool = new WorkerPool("gomsggw-mm4-out");
    private final Mm4GatewaySettings settings;
    private final Mm4Sender sender;
    private final Mm4Writer writer;

    Mm4Outbound(GatewayConfig config, Clock clock) {
        this.settings = new Mm4GatewaySettings(
                config.identity().mm4OriginatorSystem(),
                config.identity().mm4MessageIdHost(),
                config.transcode().mmsMaxSizeBytes(),
                retries(config));
        this.sender = new Mm4Sender(
                Mm4SenderSettings.defaults(ehloName(config.identity().mm4MessageIdHost()))
                        .withReadTimeout(config.delivery().mm4Timeout()),
                pool.executor());
        this.writer = new Mm4Writer(clock);
    }

    private static RetryPolicy retries(GatewayConfig config) {
        return new RetryPolicy(
                config.delivery().mm4Retries(),
                Duration.ofSeconds(5),
                Duration.ofMinutes(5),
                config.delivery().mm4Timeout());
    }

    /** {@code MM4_MSG_ID_HOST} as the EHLO name, when it is one (a host name is; anything odd says {@code localhost}). */
    private static String ehloName(String host) {
        return host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c >= 127) ? "localhost" : host;
    }

    Mm4GatewaySettings settings() {
        return settings;
    }

    Mm4Sender sender() {
        return sender;
    }

    Mm4Writer writer() {
        return writer;
    }

    Mm4Egress egress() {
        return new Mm4Egress(sender, writer, settings);
    }

    @Override
    public void close() {
        pool.close();
    }
}
