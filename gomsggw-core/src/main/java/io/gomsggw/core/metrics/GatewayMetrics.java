package io.gomsggw.core.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The gateway's metrics in one place, over a Dropwizard {@link MetricRegistry}: labelled counters,
 * gauges and latency histograms whose registry names carry their labels ({@link MetricName}); the
 * Prometheus exposition turns them into families with labels
 * ({@code gomsggw_messages_in_total{protocol="http",outcome="accepted"}}). See
 * {@code docs/operations.md} for the list and {@code docs/grafana-dashboard.json} for a dashboard.
 *
 * <p>Thread-safe; counting costs a map lookup and an add, no string building.
 */
public final class GatewayMetrics {
    private final MetricRegistry registry;
    /** Counters by their family and raw label values: these are counted on every message. */
    private final ConcurrentHashMap<SeriesKey, Counter> counters = new ConcurrentHashMap<>();

    private final ConcurrentHashMap<String, LatencyHistogram> histograms = new ConcurrentHashMap<>();

    private record SeriesKey(String family, String first, String second) {}

    public GatewayMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    public MetricRegistry registry() {
        return registry;
    }

    /** A message came in by {@code protocol}; {@code outcome} is accepted, refused, saturated, failed… */
    public void messageIn(String protocol, String outcome) {
        cached("gomsggw_messages_in", "protocol", protocol, "outcome", outcome).inc();
    }

    /** A delivery attempt over {@code channel} (webhook, smpp, mm4, carrier) ended with {@code outcome}. */
    public void messageOut(String channel, String outcome) {
        cached("gomsggw_messages_out", "channel", channel, "outcome", outcome).inc();
    }

    /** A usage limit refused a message. */
    public void limitRefused(String limitType) {
        cached("gomsggw_limits_refused", "limit", limitType, null, null).inc();
    }

    /** A webhook request to a web client ended with {@code outcome} (delivered, retryable_failure, rejected). */
    public void webhook(String outcome) {
        cached("gomsggw_webhooks", "outcome", outcome, null, null).inc();
    }

    /**
     * Video/audio transcoding worker processes that ended and were replaced:
     * {@code gomsggw_transcode_worker_restarts{reason}}, {@code reason} being {@code crashed},
     * {@code exited}, {@code timeout}, {@code protocol} or {@code start_failed}.
     */
    public Counter transcodeWorkerRestarts(String reason) {
        return cached("gomsggw_transcode_worker_restarts", "reason", reason, null, null);
    }

    /**
     * Video/audio jobs for the worker processes by how they ended:
     * {@code gomsggw_transcode_worker_jobs{outcome}}, {@code outcome} being {@code transcoded},
     * {@code refused} (the worker answered with a refusal), {@code unprocessable} (the worker died
     * or hung on it) or {@code rejected} (the queue was full).
     */
    public Counter transcodeWorkerJobs(String outcome) {
        return cached("gomsggw_transcode_worker_jobs", "outcome", outcome, null, null);
    }

    /** Time from acceptance to the end of a message's dispatch. */
    public LatencyHistogram dispatchLatency() {
        return histogram("gomsggw_dispatch_latency_seconds");
    }

    /**
     * The counter of one labelled series, e.g. {@code counter("gomsggw_transcode_errors", "code", code)};
     * for counts that are not per message (per message, add a method here that caches its counter).
     */
    public Counter counter(String family, String... labelNamesAndValues) {
        return registry.counter(MetricName.of(family, labelNamesAndValues).toString());
    }

    /** The latency histogram of one labelled series, created on first use. */
    public LatencyHistogram histogram(String family, String... labelNamesAndValues) {
        String name = MetricName.of(family, labelNamesAndValues).toString();
        return histograms.computeIfAbsent(name, key -> {
            // another GatewayMetrics over the same registry may have made it
            if (registry.getMetrics().get(key) instanceof LatencyHistogram existing) {
                return existing;
            }
            return registry.register(key, new LatencyHistogram());
        });
    }

    /** Registers the gauge {@code gomsggw_queue_depth{queue=…}}, replacing an earlier one of the same queue. */
    public void queueDepth(String queue, LongSupplier depth) {
        gauge("gomsggw_queue_depth", depth, "queue", queue);
    }

    /** Registers a gauge of one labelled series, replacing an earlier one of the same name. */
    public void gauge(String family, LongSupplier value, String... labelNamesAndValues) {
        String name = MetricName.of(family, labelNamesAndValues).toString();
        registry.remove(name);
        registry.register(name, new LongGauge(value));
    }

    /** A gauge over a long; a named type, since exporters print the gauge's class. */
    private record LongGauge(LongSupplier value) implements Gauge<Long> {
        @Override
        public Long getValue() {
            return value.getAsLong();
        }
    }

    private Counter cached(String family, String firstLabel, String first, String secondLabel, String second) {
        return counters.computeIfAbsent(
                new SeriesKey(family, first, second),
                key -> secondLabel == null
                        ? counter(family, firstLabel, first)
                        : counter(family, firstLabel, first, secondLabel, second));
    }
}
