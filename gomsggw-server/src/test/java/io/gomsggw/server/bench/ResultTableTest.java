package io.gomsggw.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ResultTableTest {
    private static final List<String> TARGET =
            List.of("--username", "u", "--password", "p", "--from", "+12505550001", "--to", "+12505550002");

    @Test
    void showsThroughputPercentilesAndEveryOutcome() {
        Histogram latency = new Histogram(3);
        for (int ms = 1; ms <= 1000; ms++) {
            latency.recordValue(ms * 1_000_000L);
        }
        StatusTally statuses = new StatusTally();
        for (int i = 0; i < 995; i++) {
            statuses.answer(202);
        }
        statuses.answer(429);
        statuses.answer(503);
        statuses.answer(503);
        statuses.answer(404);
        statuses.failure();

        String table =
                ResultTable.format(BenchOptions.parse(TARGET), new LoadResult(2_000_000_000L, latency, statuses));

        assertThat(table)
                .isEqualTo(String.join(
                        System.lineSeparator(),
                        "POST 127.0.0.1:3000/messages/send  32 connections  as fast as answers come (closed model)  warm-up 5 s",
                        "",
                        "  requests              1,000",
                        "  measured for           2.00 s",
                        "  accepted/s              498",
                        "  answered/s              500",
                        "  latency p50          500.17 ms",
                        "  latency p90          900.20 ms",
                        "  latency p99          990.38 ms",
                        "  latency p99.9        999.29 ms",
                        "  latency max        1,000.34 ms",
                        "  202 accepted            995",
                        "  429 limited               1",
                        "  503 busy                  2",
                        "  other status              1 (404: 1)",
                        "  no answer                 1",
                        "",
                        "Latency counts from each request's send time; every connection sends its next request when the answer comes.",
                        ""));
    }

    @Test
    void aFixedRateRunSaysItsRateAndWhereLatencyStarts() {
        BenchOptions options = BenchOptions.parse(concat("--rate", "5000", "--connections", "64", "--warmup", "0"));

        String table = ResultTable.format(options, new LoadResult(0, new Histogram(3), new StatusTally()));

        assertThat(table)
                .startsWith(
                        "POST 127.0.0.1:3000/messages/send  64 connections  fixed rate 5,000/s (open model)  warm-up 0 s")
                .contains("  accepted/s                0" + System.lineSeparator())
                .contains("  latency p99            0.00 ms")
                .contains("  other status              0" + System.lineSeparator())
                .endsWith("Latency counts from each request's intended send time on the fixed schedule,"
                        + " so queueing behind a slow answer is included." + System.lineSeparator());
    }

    private static List<String> concat(String... more) {
        return Stream.concat(TARGET.stream(), Arrays.stream(more)).toList();
    }
}
