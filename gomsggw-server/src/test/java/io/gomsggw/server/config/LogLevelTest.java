package io.gomsggw.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** LOG_LEVEL takes our names and the ones logrus takes, as the Go gateway's .env files hold them. */
class LogLevelTest {
    @ParameterizedTest
    @CsvSource({
        "trace,TRACE",
        "debug,DEBUG",
        "info,INFO",
        "warn,WARN",
        "error,ERROR",
        "warning,WARN",
        "WARNING,WARN",
        "fatal,ERROR",
        "panic,ERROR",
        "' Info ',INFO"
    })
    void readsOurAndLogrusNames(String text, LogLevel expected) {
        assertThat(LogLevel.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"verbose", "warnings", "''"})
    void refusesOtherNames(String text) {
        assertThatThrownBy(() -> LogLevel.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("warn (or warning)");
    }
}
