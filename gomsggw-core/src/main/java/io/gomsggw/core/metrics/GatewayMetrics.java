package io.gomsggw.core.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The gateway's metric names in one place, over a Dropwizard {@link MetricRegistry}. Names use
 * dots ({@code gomsggw.messages.in.http.accepted}); the Prometheus exporter turns them into
 * underscores. See {@code docs/operations.md} for the list.
 */
public final class GatewayMetrics {
    private static final Pattern UNSAFE = Pattern.compile("[^a-z0-9_]");

    private final MetricRegistry registry;
    /** Counters by their uncleaned name parts: these are counted on every message. */
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

    public GatewayMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    public MetricRegistry registry() {
        return registry;
    }

    /** A message came in by {@code protocol}; {@code outcome} is accepted, refused, limited, failed… */
    public void messageIn(String protocol, String outcome) {
        counter("gomsggw.messages.in.", protocol, outcome).inc();
    }

    /** A delivery attempt over {@code channel} (webhook, smpp, mm4, carrier) ended with {@code outcome}. */
    public void messageOut(String channel, String outcome) {
        counter("gomsggw.messages.out.", channel, outcome).inc();
    }

    /** A usage limit refused a message. */
    public void limitRefused(String limitType) {
        counter("gomsggw.limits.refused.", limitType, null).inc();
    }

    /** A webhook request to a web client ended with {@code outcome} (delivered, failed, retry). */
    public void webhook(String outcome) {
        counter("gomsggw.webhooks.", outcome, null).inc();
    }

    /**
     * A video/audio transcoding worker process ended and is replaced; {@code reason} is
     * {@code crashed}, {@code exited}, {@code timeout}, {@code protocol} or {@code start_failed}.
     */
    public void transcodeWorkerRestart(String reason) {
        counter("gomsggw.transcode.av.worker.restarts.", reason, null).inc();
    }

    /**
     * A video/audio job for the worker processes ended with {@code outcome}: {@code transcoded},
     * {@code refused} (the worker answered with a refusal), {@code unprocessable} (the worker
     * died or hung on it) or {@code rejected} (the queue was full).
     */
    public void transcodeWorkerJob(String outcome) {
        counter("gomsggw.transcode.av.jobs.", outcome, null).inc();
    }

    /** Time from acceptance to the end of a message's dispatch. */
    public Timer dispatchLatency() {
        return registry.timer("gomsggw.dispatch.latency");
    }

    /** Registers a queue depth gauge, once per name. */
    public void queueDepth(String queue, LongSupplier depth) {
        String name = "gomsggw.queue.depth." + clean(queue);
        registry.remove(name);
        registry.register(name, new DepthGauge(depth));
    }

    /** A gauge over a queue's size; a named type, since exporters print the gauge's class. */
    private record DepthGauge(LongSupplier depth) implements Gauge<Long> {
        @Override
        public Long getValue() {
            return depth.getAsLong();
        }
    }

    /** The counter {@code prefix + part [+ "." + second]}, the parts cleaned; found again without building its name. */
    private Counter counter(String prefix, String part, String second) {
        String key = second == null ? prefix + part : prefix + part + '\0' + second;
        return counters.computeIfAbsent(key, k -> registry.counter(
                prefix + clean(part) + (second == null ? "" : "." + clean(second))));
    }

    private static String clean(String part) {
        return UNSAFE.matcher(part.toLowerCase(Locale.ROOT)).replaceAll("_");
    }
}
