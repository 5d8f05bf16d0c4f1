package io.gomsggw.server.metrics;

import com.codahale.metrics.MetricRegistry;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Prometheus text exposition on {@code PROMETHEUS_LISTEN} at {@code PROMETHEUS_PATH}: the
 * gateway's Dropwizard registry as labelled families ({@link LabelledDropwizardExports}), plus
 * the JVM's own metrics. Served by the JDK's HTTP server on one daemon thread, apart from the
 * gateway's event loops.
 */
public final class MetricsServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds and starts serving; throws {@link IOException} when the address cannot be bound. */
    public static MetricsServer start(InetSocketAddress address, String path, MetricRegistry metrics)
            throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new LabelledDropwizardExports(metrics));
        JvmMetrics.builder().register(registry);
        HttpServer server = HttpServer.create(address, 16);
        server.createContext(path, new MetricsHandler(registry));
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "gomsggw-metrics");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return new MetricsServer(server, executor);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
