package io.gomsggw.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class Mm4BenchOptionsTest {
    @Test
    void setupWithAnApiKeyOrNumbersOrTheSink() {
        Mm4BenchOptions setup = Mm4BenchOptions.parse(List.of(
                "--setup",
                "--api-key",
                "k",
                "--connections",
                "200",
                "--image-bytes",
                "5000000",
                "--mm4",
                "127.0.0.1:39519"));
        assertThat(setup.connections()).isEqualTo(200);
        assertThat(setup.imageBytes()).isEqualTo(5_000_000);
        assertThat(setup.port()).isEqualTo(39519);
        assertThat(setup.from()).isEmpty();
        assertThat(setup.sink()).isFalse();

        Mm4BenchOptions numbers = Mm4BenchOptions.parse(List.of("--from", "+12505550001", "--to", "+16045550001"));
        assertThat(numbers.from()).contains("+12505550001");
        assertThat(numbers.connections()).isEqualTo(8);
        assertThat(numbers.port()).isEqualTo(2566);

        assertThat(Mm4BenchOptions.parse(List.of("--sink")).sink()).isTrue();
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> Mm4BenchOptions.parse(List.of()))
                .isInstanceOf(BenchUsageException.class)
                .hasMessageContaining("--setup");
        assertThatThrownBy(() -> Mm4BenchOptions.parse(List.of("--setup")))
                .isInstanceOf(BenchUsageException.class)
                .hasMessageContaining("--api-key");
        assertThatThrownBy(() -> Mm4BenchOptions.parse(List.of("--from", "+12505550001")))
                .isInstanceOf(BenchUsageException.class)
                .hasMessageContaining("--to");
        assertThatThrownBy(() -> Mm4BenchOptions.parse(List.of("--sink", "--mm4", "nohost")))
                .isInstanceOf(BenchUsageException.class)
                .hasMessageContaining("--mm4");
    }
}
