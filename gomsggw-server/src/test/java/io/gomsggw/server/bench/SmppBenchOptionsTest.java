package io.gomsggw.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmppBenchOptionsTest {
    private static final List<String> TARGET =
            List.of("--system-id", "pbx1", "--password", "secret", "--from", "+12505550001", "--to", "+12505550002");

    @Test
    void defaultsSubmitAsFastAsPossibleOver4BindsOfWindow64ToTheLocalGateway() {
        SmppBenchOptions options = SmppBenchOptions.parse(TARGET);

        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(9550);
        assertThat(options.binds()).isEqualTo(4);
        assertThat(options.window()).isEqualTo(64);
        assertThat(options.receiverBinds()).isEqualTo(4);
        assertThat(options.stop()).isEqualTo(new BenchOptions.Stop.AfterMessages(200_000));
        assertThat(options.rate()).isZero();
        assertThat(options.fixedRate()).isFalse();
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.mix()).isEqualTo(TextMix.DEFAULT);
        assertThat(options.apiKey()).isEmpty();
        assertThat(options.target())
                .contains(new SmppTarget(
                        new SmppCredentials("pbx1", "secret"),
                        List.of("+12505550001"),
                        List.of("+12505550002"),
                        Optional.empty()));
        assertThat(options.measuresDeliveries()).isFalse();
    }

    @Test
    void readsEveryOptionInBothSpellings() {
        SmppBenchOptions options = SmppBenchOptions.parse(List.of(
                "--smpp=gw.example:2775",
                "--setup",
                "--url",
                "http://gw.example:8080",
                "--api-key=k3y",
                "--binds",
                "8",
                "--window=16",
                "--receiver-binds",
                "2",
                "--duration",
                "2m",
                "--rate",
                "1000",
                "--warmup=500ms",
                "--mix",
                "short=1,long=1"));

        assertThat(options.host()).isEqualTo("gw.example");
        assertThat(options.port()).isEqualTo(2775);
        assertThat(options.url()).isEqualTo(URI.create("http://gw.example:8080"));
        assertThat(options.apiKey()).contains("k3y");
        assertThat(options.binds()).isEqualTo(8);
        assertThat(options.window()).isEqualTo(16);
        assertThat(options.receiverBinds()).isEqualTo(2);
        assertThat(options.stop()).isEqualTo(new BenchOptions.Stop.AfterTime(Duration.ofMinutes(2)));
        assertThat(options.rate()).isEqualTo(1000);
        assertThat(options.fixedRate()).isTrue();
        assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.mix()).isEqualTo(TextMix.parse("long=1,short=1,ucs2=0"));
        assertThat(options.target()).isEmpty();
        assertThat(options.toCarrier()).isFalse();
        assertThat(options.measuresDeliveries()).isTrue();
    }

    @Test
    void toACarrierNoDeliveriesAreMeasured() {
        SmppBenchOptions options = SmppBenchOptions.parse(List.of("--setup", "--api-key", "k", "--to-carrier"));

        assertThat(options.toCarrier()).isTrue();
        assertThat(options.measuresDeliveries()).isFalse();
        assertThatThrownBy(() -> SmppBenchOptions.parse(concat(TARGET, "--to-carrier")))
                .isInstanceOf(BenchUsageException.class)
                .hasMessage("--to-carrier is for --setup; without it, give --to numbers no client owns");
        assertThatThrownBy(() -> SmppBenchOptions.parse(
                        List.of("--setup", "--api-key", "k", "--to-carrier", "--receiver-binds", "2")))
                .isInstanceOf(BenchUsageException.class)
                .hasMessage("--receiver-binds: with --to-carrier there is no receiving client");
    }

    @Test
    void aReceivingClientIsBoundWithItsOwnCredentials() {
        SmppBenchOptions options = SmppBenchOptions.parse(concat(
                TARGET, "--receiver-system-id", "pbx2", "--receiver-password", "other", "--receiver-binds", "1"));

        assertThat(options.target().orElseThrow().receiver()).contains(new SmppCredentials("pbx2", "other"));
        assertThat(options.receiverBinds()).isEqualTo(1);
        assertThat(options.measuresDeliveries()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--bind 8 | unknown option '--bind'",
                "--binds | --binds needs a value",
                "--binds 0 | --binds: expected a number from 1 to 10000, got '0'",
                "--window many | --window: expected a whole number, got 'many'",
                "--window 10001 | --window: expected a number from 1 to 10000, got '10001'",
                "--messages 0 | --messages: expected a number of at least 1, got '0'",
                "--rate -1 | --rate: expected a number from 0 to 2147483647, got '-1'",
                "--duration 0 | --duration must be longer than 0",
                "--warmup soon | --warmup: expected a duration such as 500ms, 30s or 2m, got 'soon'",
                "--messages 5 --duration 5s | --messages and --duration exclude each other",
                "--window 8 --window 9 | --window is given twice",
                "--smpp 9550 | --smpp: expected host:port, got '9550'",
                "--smpp :9550 | --smpp: expected host:port, got ':9550'",
                "--smpp localhost:0 | --smpp: expected host:port with a port from 1 to 65535, got 'localhost:0'",
                "--smpp localhost:smpp | --smpp: expected host:port with a port from 1 to 65535, got 'localhost:smpp'",
                "--url ftp://gw.example | --url: expected http://host:port, got 'ftp://gw.example'",
                "--mix short=70,mms=30 | --mix: expected kind=weight with kinds short, ucs2 and long, got 'mms=30'",
                "--receiver-system-id pbx2 | --receiver-system-id and --receiver-password go together",
                "--receiver-binds 2 | --receiver-binds needs a receiver: --setup or --receiver-system-id",
                "--receiver-system-id pbx2 --receiver-password ppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp | --receiver-password: a password has at most 64 characters",
            })
    void namesTheOptionInEveryMistake(String args, String message) {
        assertThatThrownBy(() -> SmppBenchOptions.parse(concat(TARGET, args.split(" "))))
                .isInstanceOf(BenchUsageException.class)
                .hasMessage(message);
    }

    @Test
    void credentialsHaveAtMostSixtyFourCharacters() {
        assertThat(SmppBenchOptions.parse(List.of(
                                "--system-id",
                                "s".repeat(64),
                                "--password",
                                "p".repeat(64),
                                "--from",
                                "1",
                                "--to",
                                "2"))
                        .target()
                        .orElseThrow()
                        .sender()
                        .systemId())
                .hasSize(64);
        assertThatThrownBy(() -> SmppBenchOptions.parse(
                        List.of("--system-id", "s".repeat(65), "--password", "p", "--from", "1", "--to", "2")))
                .isInstanceOf(BenchUsageException.class)
                .hasMessage("--system-id: a system_id has at most 64 characters");
        assertThatThrownBy(() -> SmppBenchOptions.parse(
                        List.of("--system-id", "pbx1", "--password", "p".repeat(65), "--from", "1", "--to", "2")))
                .isInstanceOf(BenchUsageException.class)
                .hasMessage("--password: a password has at most 64 characters");
    }

    @Test
    void severalNumbersMakeSeveralConversations() {
        SmppBenchOptions listed = SmppBenchOptions.parse(List.of(
                "--system-id",
                "pbx1",
                "--password",
                "secret",
                "--from",
                "+12505550001, +12505550003",
                "--to",
                "+12505550002"));
        assertThat(listed.target().orElseThrow().from()).containsExactly("+12505550001", "+12505550003");

        assertThat(SmppBenchOptions.parse(List.of("--setup", "--api-key", "k")).conversations())
                .isEqualTo(SmppBenchOptions.DEFAULT_CONVERSATIONS);
        assertThat(SmppBenchOptions.parse(List.of("--setup", "--api-key", "k", "--conversations", "8"))
                        .conversations())
                .isEqualTo(8);
        assertThatThrownBy(() -> SmppBenchOptions.parse(List.of(
                        "--system-id",
                        "pbx1",
                        "--password",
                        "secret",
                        "--from",
                        "1",
                        "--to",
                        "2",
                        "--conversations",
                        "8")))
                .hasMessageContaining("--conversations is for --setup");
    }

    @Test
    void withoutSetupTheClientAndNumbersAreNeeded() {
        assertThatThrownBy(() -> SmppBenchOptions.parse(List.of("--system-id", "pbx1", "--password", "p", "--to", "2")))
                .isInstanceOf(BenchUsageException.class)
                .hasMessage("--from is needed without --setup");
    }

    @Test
    void setupNeedsTheAdminKeyAndChoosesBothClientsItself() {
        assertThatThrownBy(() -> SmppBenchOptions.parse(List.of("--setup")))
                .isInstanceOf(BenchUsageException.class)
                .hasMessage("--setup needs --api-key (the gateway's admin key)");
        assertThatThrownBy(() -> SmppBenchOptions.parse(List.of("--setup", "--api-key", "k", "--system-id", "pbx1")))
                .isInstanceOf(BenchUsageException.class)
                .hasMessage("--system-id is chosen by --setup; give one or the other");
        assertThatThrownBy(
                        () -> SmppBenchOptions.parse(List.of("--setup", "--api-key", "k", "--receiver-password", "p")))
                .isInstanceOf(BenchUsageException.class)
                .hasMessage("--receiver-password is chosen by --setup; give one or the other");
    }

    private static List<String> concat(List<String> first, String... more) {
        return Stream.concat(first.stream(), Arrays.stream(more)).toList();
    }
}
