package io.gomsggw.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.gomsggw.core.metrics.GatewayMetrics;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LabelledDropwizardExportsTest {
    private final GatewayMetrics metrics = new GatewayMetrics(new MetricRegistry());

    private String scrape() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new LabelledDropwizardExports(metrics.registry()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PrometheusTextFormatWriter(false).write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void countersBecomeOneFamilyWithLabels() throws IOException {
        metrics.messageIn("http", "accepted");
        metrics.messageIn("http", "accepted");
        metrics.messageIn("SMPP", "refused");
        metrics.limitRefused("daily_sms_number");

        String text = scrape();

        assertThat(text)
                .contains("# TYPE gomsggw_messages_in_total counter")
                .contains("gomsggw_messages_in_total{outcome=\"accepted\",protocol=\"http\"} 2.0")
                .contains("gomsggw_messages_in_total{outcome=\"refused\",protocol=\"smpp\"} 1.0")
                .contains("gomsggw_limits_refused_total{limit=\"daily_sms_number\"} 1.0");
    }

    @Test
    void gaugesCarryTheirLabels() throws IOException {
        metrics.queueDepth("in_flight", () -> 7);
        metrics.queueDepth("journal", () -> 3);

        assertThat(scrape())
                .contains("gomsggw_queue_depth{queue=\"in_flight\"} 7.0")
                .contains("gomsggw_queue_depth{queue=\"journal\"} 3.0");
    }

    @Test
    void latencyHistogramsHaveCumulativeBucketsSumAndCount() throws IOException {
        metrics.dispatchLatency().update(Duration.ofMillis(3));
        metrics.dispatchLatency().update(Duration.ofMillis(40));
        metrics.dispatchLatency().update(Duration.ofHours(2));

        String text = scrape();

        assertThat(text)
                .contains("# TYPE gomsggw_dispatch_latency_seconds histogram")
                .contains("gomsggw_dispatch_latency_seconds_bucket{le=\"0.001\"} 0")
                .contains("gomsggw_dispatch_latency_seconds_bucket{le=\"0.005\"} 1")
                .contains("gomsggw_dispatch_latency_seconds_bucket{le=\"0.05\"} 2")
                .contains("gomsggw_dispatch_latency_seconds_bucket{le=\"3600.0\"} 2")
                .contains("gomsggw_dispatch_latency_seconds_bucket{le=\"+Inf\"} 3")
                .contains("gomsggw_dispatch_latency_seconds_count 3")
                .contains("gomsggw_dispatch_latency_seconds_sum 7200.043");
    }
}
