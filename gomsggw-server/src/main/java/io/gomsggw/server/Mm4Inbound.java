package io.gomsggw.server;

import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.metrics.GatewayMetrics;
import io.gomsggw.core.net.HostResolver;
import io.gomsggw.core.phone.PhoneNumbers;
import io.gomsggw.core.security.LoginThrottle;
import io.gomsggw.mm4.codec.Mm4Parser;
import io.gomsggw.mm4.gateway.DeliveryReports;
import io.gomsggw.mm4.gateway.Mm4Gateway;
import io.gomsggw.mm4.smtp.SmtpServer;
import io.gomsggw.mm4.smtp.SmtpServerSettings;
import io.gomsggw.mm4.smtp.SmtpStats;
import io.gomsggw.server.config.GatewayConfig;
import io.gomsggw.server.messaging.Messaging;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;

/**
 * Inbound MM4 of a node: the bridge ({@link Mm4Gateway}) and, once {@link #listen} was called, the SMTP
 * server on {@code MM4_LISTEN} ({@code STARTTLS} with {@code MM4_TLS_CERT}/{@code MM4_TLS_KEY}, the PROXY
 * protocol with {@code HAPROXY_PROXY_PROTOCOL}). Received messages are parsed on a small pool of their own
 * (its full queue answers {@code 451}), and the messages on their way through the node may take a quarter of
 * the heap (beyond, they wait, then {@code 451}). Closing stops the listener, then the pool.
 */
final class Mm4Inbound implements AutoCloseable {
    private static final int QUEUE = 256;

    private final ThreadPoolExecutor parsing;
    private final Mm4Gateway gateway;
    private volatile SmtpServer server;

    Mm4Inbound(
            GatewayConfig config,
            Directory directory,
            Messaging messaging,
            PhoneNumbers phones,
            Mm4Outbound outbound,
            DeliveryReports deliveryReports,
            LoginThrottle throttle,
            GatewayMetrics metrics,
            Clock clock) {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        AtomicInteger counter = new AtomicInteger();
        this.parsing = new ThreadPoolExecutor(
                threads,
                threads,
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE),
                task -> {
                    Thread thread = new Thread(task, "gomsggw-mm4-in-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.AbortPolicy());
        this.gateway = new Mm4Gateway(
                directory,
                messaging.pipeline(),
                phones,
                outbound.sender(),
                outbound.writer(),
                new Mm4Parser(),
                outbound.settings(),
                deliveryReports,
                throttle,
                HostResolver.SYSTEM,
                parsing,
                messaging.workers(),
                Runtime.getRuntime().maxMemory() / 4,
                metrics,
                clock);
        messaging.addStatusListener(gateway.statusListener());
        messaging.scheduleEvery(Duration.ofMinutes(1), gateway::refreshSources);
        metrics.gauge("gomsggw_mm4_sessions_open", () -> gateway.sessions().count());
        metrics.gauge("gomsggw_mm4_delivery_reports_waiting", deliveryReports::waiting);
        metrics.queueDepth("mm4_parsing", () -> parsing.getQueue().size());
        smtpEvent(metrics, "too_large", SmtpStats::messagesTooLarge);
        smtpEvent(metrics, "command_errors", SmtpStats::commandErrors);
        smtpEvent(metrics, "timeouts", SmtpStats::timeouts);
        smtpEvent(metrics, "over_session_limit", SmtpStats::sessionsOverLimit);
    }

    private void smtpEvent(GatewayMetrics metrics, String event, ToLongFunction<SmtpStats> value) {
        metrics.gauge(
                "gomsggw_mm4_smtp_events",
                () -> server == null ? 0 : value.applyAsLong(server.stats()),
                "event",
                event);
    }

    Mm4Gateway gateway() {
        return gateway;
    }

    /** Starts the SMTP server on {@code MM4_LISTEN}. */
    void listen(GatewayConfig config) {
        server = ListenerBinding.bindServer(
                "MM4_LISTEN",
                config.listeners().mm4(),
                address -> SmtpServer.start(settings(config, address), gateway.receiver()));
    }

    private static SmtpServerSettings settings(GatewayConfig config, InetSocketAddress address) {
        SmtpServerSettings settings = SmtpServerSettings.defaults(
                        address, config.identity().mm4MessageIdHost())
                .withProxyProtocol(config.proxies().haproxyProxyProtocol())
                .withMaxMessageBytes(config.listeners().mm4MaxMessageBytes());
        return config.listeners()
                .mm4Tls()
                .map(tls -> settings.withTls(tls.certificate(), tls.privateKey()))
                .orElse(settings);
    }

    InetSocketAddress address() {
        return server.address();
    }

    boolean isListening() {
        return server != null && server.isListening();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        parsing.shutdown();
        try {
            if (!parsing.awaitTermination(5, TimeUnit.SECONDS)) {
                parsing.shutdownNow();
            }
        } catch (InterruptedException e) {
            parsing.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
