package io.gomsggw.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.smpp.pdu.CommandStatus;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class SmppResultTableTest {
    private static final List<String> TARGET =
            List.of("--system-id", "pbx1", "--password", "secret", "--from", "+12505550001", "--to", "+12505550002");

    @Test
    void showsBothSidesThroughputPercentilesAndEveryStatus() {
        Histogram latency = new Histogram(3);
        for (int ms = 1; ms <= 1000; ms++) {
            latency.recordValue(ms * 1_000_000L);
        }
        SmppStatusTally statuses = new SmppStatusTally();
        for (int i = 0; i < 1195; i++) {
            statuses.answer(CommandStatus.ESME_ROK.code());
        }
        statuses.answer(CommandStatus.ESME_RTHROTTLED.code());
        statuses.answer(CommandStatus.ESME_RSYSERR.code());
        statuses.answer(CommandStatus.ESME_RSYSERR.code());
        statuses.answer(0x400);
        statuses.failure();
        Histogram delay = new Histogram(3);
        delay.recordValue(20_000_000L);
        SmppLoadResult result = new SmppLoadResult(
                2_000_000_000L,
                latency,
                statuses,
                995,
                5,
                Optional.of(new SmppLoadResult.Deliveries(990, 2_200_000_000L, delay, 40)));

        String table = SmppResultTable.format(SmppBenchOptions.parse(TARGET), result);

        assertThat(table)
                .isEqualTo(String.join(
                        System.lineSeparator(),
                        "SMPP 127.0.0.1:9550  4 binds x window 64  as fast as answers come (closed model)  warm-up 5 s",
                        "texts: 70% short GSM-7, 20% UCS-2 with emoji, 10% long GSM-7, 3 parts (1.20 submit_sm per message)",
                        "",
                        "  messages                1,000",
                        "  submit_sm               1,200",
                        "  measured for             2.00 s",
                        "  messages/s                498 (every part ESME_ROK)",
                        "  submit_sm/s               598 (ESME_ROK)",
                        "  answered/s                600 (any status)",
                        "  resp p50               500.17 ms",
                        "  resp p90               900.20 ms",
                        "  resp p99               990.38 ms",
                        "  resp p99.9             999.29 ms",
                        "  resp max             1,000.34 ms",
                        "  ESME_ROK                1,195",
                        "  ESME_RTHROTTLED             1",
                        "  ESME_RMSGQFUL               0",
                        "  ESME_RSYSERR                2",
                        "  0x00000400                  1",
                        "  no answer                   1",
                        "  delivered                 990 of 995 accepted messages",
                        "  deliveries/s              450 (whole messages, end to end)",
                        "  end to end p50          20.00 ms",
                        "  end to end p90          20.00 ms",
                        "  end to end p99          20.00 ms",
                        "  end to end p99.9        20.00 ms",
                        "  end to end max          20.00 ms",
                        "  not measured               40 (delivered from the warm-up or elsewhere)",
                        "",
                        "Latency of a message's first submit_sm counts from its send time;",
                        "a later part's from its own send time, right after the previous part's answer.",
                        "End to end: from the first part's submit to the deliver_sm that completes the message.",
                        ""));
    }

    @Test
    void aFixedRateRunWithoutAReceiverSaysSo() {
        SmppBenchOptions options = SmppBenchOptions.parse(List.of(
                "--system-id",
                "pbx1",
                "--password",
                "secret",
                "--from",
                "1",
                "--to",
                "2",
                "--rate",
                "1000",
                "--binds",
                "1",
                "--window",
                "10",
                "--warmup",
                "0",
                "--mix",
                "short=1"));

        String table = SmppResultTable.format(
                options, new SmppLoadResult(0, new Histogram(3), new SmppStatusTally(), 0, 0, Optional.empty()));

        assertThat(table)
                .startsWith(
                        "SMPP 127.0.0.1:9550  1 binds x window 10  fixed rate 1,000 messages/s (open model)  warm-up 0 s"
                                + System.lineSeparator() + "texts: 100% short GSM-7 (1.00 submit_sm per message)")
                .contains("  messages/s                  0 (every part ESME_ROK)")
                .contains("  ESME_ROK                    0" + System.lineSeparator())
                .contains("  delivered        not measured: no receiving client (--receiver-system-id)")
                .endsWith("Latency of a message's first submit_sm counts from its intended send time on the fixed"
                        + " schedule, so queueing is included;" + System.lineSeparator()
                        + "a later part's from its own send time, right after the previous part's answer."
                        + System.lineSeparator());
    }
}
