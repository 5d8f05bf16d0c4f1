package io.gomsggw.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchBenchOptionsTest {
    @Test
    void readsTheOptionsWithTheirDefaults() {
        BatchBenchOptions setup = BatchBenchOptions.parse(List.of("--setup", "--api-key", "k"));
        assertThat(setup.rows()).isEqualTo(10_000);
        assertThat(setup.batches()).isEqualTo(3);
        assertThat(setup.throttle()).isZero();
        assertThat(setup.target()).isEmpty();

        BatchBenchOptions given = BatchBenchOptions.parse(List.of(
                "--url",
                "http://gw:3000",
                "--rows=500",
                "--batches",
                "2",
                "--throttle",
                "50",
                "--username",
                "u",
                "--password",
                "p",
                "--from",
                "+12505550100"));
        assertThat(given.rows()).isEqualTo(500);
        assertThat(given.throttle()).isEqualTo(50);
        assertThat(given.target()).hasValueSatisfying(t -> assertThat(t.from()).isEqualTo("+12505550100"));
    }

    @Test
    void refusesWhatCannotWork() {
        assertThatThrownBy(() -> BatchBenchOptions.parse(List.of("--setup"))).hasMessageContaining("--api-key");
        assertThatThrownBy(() -> BatchBenchOptions.parse(List.of("--setup", "--api-key", "k", "--rows", "10001")))
                .hasMessageContaining("--rows");
        assertThatThrownBy(() -> BatchBenchOptions.parse(List.of("--username", "u")))
                .hasMessageContaining("--password");
    }

    @Test
    void eachRowGoesToItsOwnNumberAndBatchesDoNotShareThem() {
        BatchLoad load = new BatchLoad(
                BatchBenchOptions.parse(
                        List.of("--rows", "3", "--username", "u", "--password", "p", "--from", "+12505550100")),
                new SendTarget("u", "p", "+12505550100", "+1"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(load.csv(1))
                .isEqualTo("to,text\r\n+16040010000,bench batch 1 row 0\r\n"
                        + "+16040010001,bench batch 1 row 1\r\n+16040010002,bench batch 1 row 2\r\n");
        assertThat(load.csv(2)).contains("+16040020000");
        assertThat(BatchLoad.summary(List.of(
                        new BatchLoad.Run(10, Duration.ofMillis(5), 10, Duration.ofSeconds(1)),
                        new BatchLoad.Run(10, Duration.ofMillis(9), 10, Duration.ofSeconds(2)))))
                .isEqualTo("batches=2 median accept=9 ms median send rate=10 rows/s\n");
    }

    @Test
    void theCommandKnowsTheTarget() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new BenchCommand(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run(List.of("batch", "--help"));
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("bench batch [options]");
    }
}
