package io.gomsggw.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchOptionsTest {
    private static final List<String> TARGET =
            List.of("--username", "u", "--password", "p", "--from", "+12505550001", "--to", "+12505550002");

    @Test
    void defaultsSendAsFastAsPossibleOver32ConnectionsToTheLocalGateway() {
        BenchOptions options = BenchOptions.parse(TARGET);

        assertThat(options.url()).isEqualTo(URI.create("http://127.0.0.1:3000"));
        assertThat(options.connections()).isEqualTo(32);
        assertThat(options.stop()).isEqualTo(new BenchOptions.Stop.AfterMessages(200_000));
        assertThat(options.rate()).isZero();
        assertThat(options.fixedRate()).isFalse();
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.apiKey()).isEmpty();
        assertThat(options.target()).contains(new SendTarget("u", "p", "+12505550001", "+12505550002"));
        assertThat(options.text()).isEqualTo("gomsggw bench");
        assertThat(options.port()).isEqualTo(3000);
        assertThat(options.sendPath()).isEqualTo("/messages/send");
    }

    @Test
    void readsEveryOptionInBothSpellings() {
        BenchOptions options = BenchOptions.parse(List.of(
                "--url=http://gw.example:8080/api/",
                "--setup",
                "--api-key",
                "k3y",
                "--connections=8",
                "--duration",
                "2m",
                "--rate",
                "5000",
                "--warmup=500ms",
                "--text",
                "hello"));

        assertThat(options.url()).isEqualTo(URI.create("http://gw.example:8080/api/"));
        assertThat(options.sendPath()).isEqualTo("/api/messages/send");
        assertThat(options.apiKey()).contains("k3y");
        assertThat(options.target()).isEmpty();
        assertThat(options.connections()).isEqualTo(8);
        assertThat(options.stop()).isEqualTo(new BenchOptions.Stop.AfterTime(Duration.ofMinutes(2)));
        assertThat(options.rate()).isEqualTo(5000);
        assertThat(options.fixedRate()).isTrue();
        assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.text()).isEqualTo("hello");
    }

    @Test
    void aUrlWithoutAPortMeansPort80() {
        BenchOptions options = BenchOptions.parse(concat(TARGET, "--url", "http://gw.example"));

        assertThat(options.port()).isEqualTo(80);
        assertThat(options.sendPath()).isEqualTo("/messages/send");
    }

    @ParameterizedTest
    @CsvSource({"250ms, PT0.25S", "30s, PT30S", "30, PT30S", "2m, PT2M", "1h, PT1H", "0s, PT0S", "10S, PT10S"})
    void readsDurations(String text, Duration expected) {
        assertThat(BenchOptions.duration("--warmup", text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--conections 8 | unknown option '--conections'",
                "--connections | --connections needs a value",
                "--connections 0 | --connections: expected a number from 1 to 10000, got '0'",
                "--connections many | --connections: expected a whole number, got 'many'",
                "--messages 0 | --messages: expected a number of at least 1, got '0'",
                "--rate -5 | --rate: expected a number from 0 to 2147483647, got '-5'",
                "--duration 10x | --duration: expected a duration such as 500ms, 30s or 2m, got '10x'",
                "--duration 0s | --duration must be longer than 0",
                "--messages 5 --duration 5s | --messages and --duration exclude each other",
                "--rate 5 --rate 6 | --rate is given twice",
                "--url https://gw.example | --url: expected http://host:port, got 'https://gw.example'",
                "--url http://gw.example/?q=1 | --url: expected no query or fragment, got 'http://gw.example/?q=1'",
            })
    void namesTheOptionInEveryMistake(String args, String message) {
        assertThatThrownBy(() -> BenchOptions.parse(concat(TARGET, args.split(" "))))
                .isInstanceOf(BenchUsageException.class)
                .hasMessage(message);
    }

    @Test
    void withoutSetupTheClientAndNumbersAreNeeded() {
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--username", "u", "--password", "p", "--from", "1")))
                .isInstanceOf(BenchUsageException.class)
                .hasMessage("--to is needed without --setup");
    }

    @Test
    void setupNeedsTheAdminKeyAndChoosesTheClientItself() {
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--setup")))
                .isInstanceOf(BenchUsageException.class)
                .hasMessage("--setup needs --api-key (the gateway's admin key)");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--setup", "--api-key", "k", "--from", "+12505550001")))
                .isInstanceOf(BenchUsageException.class)
                .hasMessage("--from is chosen by --setup; give one or the other");
    }

    private static List<String> concat(List<String> first, String... more) {
        return Stream.concat(first.stream(), Arrays.stream(more)).toList();
    }
}
