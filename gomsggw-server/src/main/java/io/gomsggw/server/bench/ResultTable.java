package io.gomsggw.server.bench;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.StringJoiner;
import org.HdrHistogram.Histogram;

/**
 * The report printed at the end of a {@code bench http} run: what was run, then one row per
 * figure — requests, accepted per second, the latency percentiles in milliseconds and the count
 * of each outcome. Its row helpers lay out the other targets' tables the same way.
 */
final class ResultTable {
    private static final double[] PERCENTILES = {50, 90, 99, 99.9};
    private static final String[] PERCENTILE_LABELS = {"p50", "p90", "p99", "p99.9"};
    private static final int LABEL_WIDTH = 14;

    private ResultTable() {}

    static String format(BenchOptions options, LoadResult result) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                Locale.ROOT,
                "POST %s%s  %d connections  %s  warm-up %s%n%n",
                hostPort(options),
                options.sendPath(),
                options.connections(),
                model(options),
                seconds(options.warmup())));
        StatusTally statuses = result.statuses();
        Histogram latency = result.latency();
        row(text, "requests", "%,d", statuses.total(), "");
        row(text, "measured for", "%.2f", result.measuredNanos() / 1e9, "s");
        row(text, "accepted/s", "%,.0f", result.acceptedPerSecond(), "");
        row(text, "answered/s", "%,.0f", result.answeredPerSecond(), "");
        latencyRows(text, LABEL_WIDTH, "latency", latency);
        row(text, "202 accepted", "%,d", statuses.accepted(), "");
        row(text, "429 limited", "%,d", statuses.limited(), "");
        row(text, "503 busy", "%,d", statuses.busy(), "");
        row(text, "other status", "%,d", statuses.otherTotal(), otherDetail(statuses));
        row(text, "no answer", "%,d", statuses.failed(), "");
        text.append(String.format(
                Locale.ROOT,
                "%nLatency counts from each request's %s.%n",
                options.fixedRate()
                        ? "intended send time on the fixed schedule, so queueing behind a slow answer is included"
                        : "send time; every connection sends its next request when the answer comes"));
        return text.toString();
    }

    private static void row(StringBuilder text, String label, String format, Object value, String unit) {
        row(text, LABEL_WIDTH, label, format, value, unit);
    }

    /** Appends one row: the label padded to {@code labelWidth}, the value right-aligned, the unit. */
    static void row(StringBuilder text, int labelWidth, String label, String format, Object value, String unit) {
        String line = String.format(
                Locale.ROOT, "  %-" + labelWidth + "s %12s %s", label, String.format(Locale.ROOT, format, value), unit);
        text.append(line.stripTrailing()).append(System.lineSeparator());
    }

    /** Appends the rows {@code name p50}, {@code p90}, {@code p99}, {@code p99.9} and {@code max} of {@code nanos}, in ms. */
    static void latencyRows(StringBuilder text, int labelWidth, String name, Histogram nanos) {
        for (int i = 0; i < PERCENTILES.length; i++) {
            row(
                    text,
                    labelWidth,
                    name + " " + PERCENTILE_LABELS[i],
                    "%,.2f",
                    millis(nanos.getValueAtPercentile(PERCENTILES[i])),
                    "ms");
        }
        row(text, labelWidth, name + " max", "%,.2f", millis(nanos.getMaxValue()), "ms");
    }

    private static String model(BenchOptions options) {
        return options.fixedRate()
                ? String.format(Locale.ROOT, "fixed rate %,d/s (open model)", options.rate())
                : "as fast as answers come (closed model)";
    }

    private static String otherDetail(StatusTally statuses) {
        if (statuses.other().isEmpty()) {
            return "";
        }
        StringJoiner detail = new StringJoiner(", ", "(", ")");
        statuses.other().forEach((status, count) -> detail.add(String.format(Locale.ROOT, "%d: %,d", status, count)));
        return detail.toString();
    }

    private static String hostPort(BenchOptions options) {
        return options.url().getHost() + ":" + options.port();
    }

    /** A duration in seconds without trailing zeros, e.g. {@code 5 s}, {@code 0.5 s}. */
    static String seconds(Duration duration) {
        return String.format(
                Locale.ROOT,
                "%s s",
                BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString());
    }

    static double millis(long nanos) {
        return nanos / 1e6;
    }
}
