package io.gomsggw.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path workingDirectory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void versionPrintsTheProjectVersion() {
        assertThat(run(Map.of(), "version")).isZero();
        assertThat(text(out)).matches("gomsggw \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run(Map.of(), "help")).isZero();
        assertThat(text(out)).contains("serve", "bench", "import-go", "version", "help", "docs/configuration.md");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(run(Map.of(), "frobnicate")).isEqualTo(2);
        assertThat(text(err))
                .isEqualTo("gomsggw: unknown command 'frobnicate' "
                        + "(commands: serve, bench, healthcheck, import-go, version, help)"
                        + System.lineSeparator());
    }

    @Test
    void benchTakesItsOwnOptions() {
        assertThat(run(Map.of(), "bench", "http", "--help")).isZero();
        assertThat(text(out)).contains("bench http [options]", "--connections", "--rate", "--setup");
    }

    @Test
    void benchNamesAnUnknownOption() {
        assertThat(run(Map.of(), "bench", "http", "--conections", "8")).isEqualTo(2);
        assertThat(text(err)).startsWith("gomsggw bench: unknown option '--conections'");
    }

    @Test
    void importGoTakesItsOwnOptions() {
        assertThat(run(Map.of(), "import-go", "--help")).isZero();
        assertThat(text(out))
                .contains("import-go --from URL", "--go-encryption-key", "--dry-run", "--with-history", "Exit status");
    }

    @Test
    void importGoWithoutItsSourceIsAUsageErrorThatTouchesNothing() {
        assertThat(run(Map.of(), "import-go", "--dry-run")).isEqualTo(2);
        assertThat(text(err)).startsWith("gomsggw import-go: --from is required");
        assertThat(workingDirectory).isEmptyDirectory();
    }

    @Test
    void extraArgumentsAreAUsageError() {
        assertThat(run(Map.of(), "version", "--verbose")).isEqualTo(2);
        assertThat(text(err)).startsWith("gomsggw: unexpected argument '--verbose'");
    }

    @Test
    void aBadValueStopsTheStartWithOneLine() {
        assertThat(run(Map.of("LOG_FORMAT", "xml"), "serve")).isEqualTo(2);
        assertThat(text(err))
                .isEqualTo("gomsggw: LOG_FORMAT: expected json or text, got 'xml'" + System.lineSeparator());
        assertThat(text(out)).isEmpty();
        assertThat(workingDirectory).isEmptyDirectory();
    }

    private int run(Map<String, String> environment, String... args) {
        Main main = new Main(
                environment,
                workingDirectory,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return main.run(args);
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
