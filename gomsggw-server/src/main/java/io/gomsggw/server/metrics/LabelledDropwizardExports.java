package io.gomsggw.server.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import io.gomsggw.core.metrics.LatencyHistogram;
import io.gomsggw.core.metrics.MetricName;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The gateway's Dropwizard registry as Prometheus families with labels: a registry name
 * {@code family{label="value",…}} ({@link MetricName}) becomes one series of {@code family} with those
 * labels. Counters become counters ({@code _total}), numeric gauges gauges, {@link LatencyHistogram}s
 * classic histograms with their buckets. Other metric types (none are registered by the gateway) are
 * left out rather than exported under a second naming scheme.
 *
 * <p>Reads the registry at each scrape; thread-safe.
 */
final class LabelledDropwizardExports implements MultiCollector {
    private final MetricRegistry registry;

    LabelledDropwizardExports(MetricRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MetricSnapshots collect() {
        Map<String, List<Map.Entry<MetricName, Metric>>> families = new TreeMap<>();
        for (Map.Entry<String, Metric> entry : registry.getMetrics().entrySet()) {
            MetricName name = MetricName.parse(entry.getKey());
            families.computeIfAbsent(name.family(), family -> new ArrayList<>()).add(Map.entry(name, entry.getValue()));
        }
        MetricSnapshots.Builder snapshots = MetricSnapshots.builder();
        for (Map.Entry<String, List<Map.Entry<MetricName, Metric>>> family : families.entrySet()) {
            MetricSnapshot snapshot = snapshot(family.getKey(), family.getValue());
            if (snapshot != null) {
                snapshots.metricSnapshot(snapshot);
            }
        }
        return snapshots.build();
    }

    /** One family; its series are of one metric type (the first series decides; others are skipped). */
    private static MetricSnapshot snapshot(String family, List<Map.Entry<MetricName, Metric>> series) {
        Metric first = series.get(0).getValue();
        if (first instanceof Counter) {
            CounterSnapshot.Builder counter = CounterSnapshot.builder().name(family);
            for (Map.Entry<MetricName, Metric> one : series) {
                if (one.getValue() instanceof Counter c) {
                    counter.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                            .labels(labels(one.getKey()))
                            .value((double) c.getCount())
                            .build());
                }
            }
            return counter.build();
        }
        if (first instanceof LatencyHistogram) {
            HistogramSnapshot.Builder histogram = HistogramSnapshot.builder().name(family);
            for (Map.Entry<MetricName, Metric> one : series) {
                if (one.getValue() instanceof LatencyHistogram h) {
                    histogram.dataPoint(histogramPoint(one.getKey(), h));
                }
            }
            return histogram.build();
        }
        if (first instanceof Gauge<?>) {
            GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(family);
            boolean any = false;
            for (Map.Entry<MetricName, Metric> one : series) {
                if (one.getValue() instanceof Gauge<?> g && g.getValue() instanceof Number value) {
                    gauge.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                            .labels(labels(one.getKey()))
                            .value(value.doubleValue())
                            .build());
                    any = true;
                }
            }
            return any ? gauge.build() : null;
        }
        return null;
    }

    private static HistogramSnapshot.HistogramDataPointSnapshot histogramPoint(MetricName name, LatencyHistogram h) {
        double[] bounds = h.upperBounds();
        long[] counts = h.bucketCounts();
        double[] upper = new double[bounds.length + 1];
        for (int i = 0; i < upper.length; i++) {
            upper[i] = i < bounds.length ? bounds[i] : Double.POSITIVE_INFINITY;
        }
        // the buckets take counts per bucket; the exposition adds them up
        return HistogramSnapshot.HistogramDataPointSnapshot.builder()
                .labels(labels(name))
                .classicHistogramBuckets(ClassicHistogramBuckets.of(upper, counts))
                .sum(h.sumSeconds())
                .build();
    }

    private static Labels labels(MetricName name) {
        Map<String, String> labels = new LinkedHashMap<>(name.labels());
        Labels.Builder builder = Labels.builder();
        labels.forEach(builder::label);
        return builder.build();
    }
}
