package io.gomsggw.server.bench;

import java.util.Locale;

/** The report printed at the end of a {@code bench mm4} run, laid out like the other targets'. */
final class Mm4ResultTable {
    private static final int LABEL_WIDTH = 16;

    private Mm4ResultTable() {}

    static String format(Mm4BenchOptions options, int jpegBytes, Mm4Load.Result result) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                Locale.ROOT,
                "MM4 %s:%d  %d connections  JPEG %,d bytes  warm-up %s%n%n",
                options.host(),
                options.port(),
                options.connections(),
                jpegBytes,
                ResultTable.seconds(options.warmup())));
        long total = result.accepted() + result.tryLater() + result.refused() + result.failed();
        ResultTable.row(text, LABEL_WIDTH, "messages", "%,d", total, "");
        ResultTable.row(text, LABEL_WIDTH, "measured for", "%.2f", result.measuredNanos() / 1e9, "s");
        ResultTable.row(
                text,
                LABEL_WIDTH,
                "accepted/s",
                "%,.0f",
                result.measuredNanos() <= 0 ? 0.0 : result.accepted() * 1e9 / result.measuredNanos(),
                "");
        ResultTable.latencyRows(text, LABEL_WIDTH, "to 250", result.latency());
        ResultTable.row(text, LABEL_WIDTH, "250 accepted", "%,d", result.accepted(), "");
        ResultTable.row(text, LABEL_WIDTH, "4xx try later", "%,d", result.tryLater(), "");
        ResultTable.row(text, LABEL_WIDTH, "5xx refused", "%,d", result.refused(), "");
        ResultTable.row(text, LABEL_WIDTH, "no answer", "%,d", result.failed(), "");
        if (result.firstRefusal() != null) {
            text.append(String.format(Locale.ROOT, "%nFirst refusal: %s%n", result.firstRefusal()));
        }
        text.append(String.format(
                Locale.ROOT,
                "%nLatency runs from writing MAIL FROM to reading the reply after the data, of accepted messages.%n"));
        return text.toString();
    }
}
