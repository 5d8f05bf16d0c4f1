package io.gomsggw.server.bench;

import io.gomsggw.smpp.pdu.CommandStatus;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report printed at the end of a {@code bench smpp} run, laid out like {@link ResultTable}:
 * what was run and with which texts, then the submitting side (messages and {@code submit_sm},
 * both per second, the {@code submit_sm_resp} latency percentiles and the count of each status)
 * and the receiving side (deliveries per second and the delay from submit to {@code deliver_sm}).
 */
final class SmppResultTable {
    private static final int LABEL_WIDTH = 16;
    /** The statuses always shown, even at 0; others are shown when they occur. */
    private static final List<CommandStatus> USUAL =
            List.of(CommandStatus.ESME_ROK, CommandStatus.ESME_RTHROTTLED, CommandStatus.ESME_RMSGQFUL);

    private SmppResultTable() {}

    static String format(SmppBenchOptions options, SmppLoadResult result) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                Locale.ROOT,
                "SMPP %s:%d  %d binds x window %d  %s  warm-up %s%n",
                options.host(),
                options.port(),
                options.binds(),
                options.window(),
                model(options),
                ResultTable.seconds(options.warmup())));
        text.append(String.format(
                Locale.ROOT,
                "texts: %s (%.2f submit_sm per message)%n%n",
                options.mix().describe(),
                options.mix().partsPerMessage()));
        SmppStatusTally statuses = result.statuses();
        row(text, "messages", "%,d", result.messagesAccepted() + result.messagesRefused(), "");
        row(text, "submit_sm", "%,d", statuses.total(), "");
        row(text, "measured for", "%.2f", result.measuredNanos() / 1e9, "s");
        row(text, "messages/s", "%,.0f", result.messagesPerSecond(), "(every part ESME_ROK)");
        row(text, "submit_sm/s", "%,.0f", result.acceptedPerSecond(), "(ESME_ROK)");
        row(text, "answered/s", "%,.0f", result.answeredPerSecond(), "(any status)");
        ResultTable.latencyRows(text, LABEL_WIDTH, "resp", result.latency());
        for (CommandStatus status : USUAL) {
            row(text, status.name(), "%,d", statuses.count(status), "");
        }
        for (Map.Entry<Integer, Long> entry : statuses.statuses().entrySet()) {
            if (CommandStatus.of(entry.getKey()).filter(USUAL::contains).isEmpty()) {
                row(text, CommandStatus.name(entry.getKey()), "%,d", entry.getValue(), "");
            }
        }
        row(text, "no answer", "%,d", statuses.failed(), "");
        if (result.deliveries().isPresent()) {
            SmppLoadResult.Deliveries deliveries = result.deliveries().get();
            row(
                    text,
                    "delivered",
                    "%,d",
                    deliveries.delivered(),
                    String.format(Locale.ROOT, "of %,d accepted messages", result.messagesAccepted()));
            row(text, "deliveries/s", "%,.0f", deliveries.perSecond(), "(whole messages, end to end)");
            ResultTable.latencyRows(text, LABEL_WIDTH, "end to end", deliveries.delay());
            if (deliveries.unmatched() > 0) {
                row(text, "not measured", "%,d", deliveries.unmatched(), "(delivered from the warm-up or elsewhere)");
            }
        } else {
            text.append(String.format(
                    Locale.ROOT,
                    "  %-" + LABEL_WIDTH + "s %s%n",
                    "delivered",
                    "not measured: no receiving client (--receiver-system-id)"));
        }
        text.append(String.format(
                Locale.ROOT, "%n%s%n", footnote(options, result.deliveries().isPresent())));
        return text.toString();
    }

    private static void row(StringBuilder text, String label, String format, Object value, String unit) {
        ResultTable.row(text, LABEL_WIDTH, label, format, value, unit);
    }

    private static String model(SmppBenchOptions options) {
        return options.fixedRate()
                ? String.format(Locale.ROOT, "fixed rate %,d messages/s (open model)", options.rate())
                : "as fast as answers come (closed model)";
    }

    private static String footnote(SmppBenchOptions options, boolean deliveries) {
        String n = System.lineSeparator();
        return "Latency of a message's first submit_sm counts from its "
                + (options.fixedRate()
                        ? "intended send time on the fixed schedule, so queueing is included;"
                        : "send time;")
                + n + "a later part's from its own send time, right after the previous part's answer."
                + (deliveries
                        ? n + "End to end: from the first part's submit to the deliver_sm that completes the message."
                        : "");
    }
}
