package io.gomsggw.mm4.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rule stated in this package's {@code package-info}: a pure codec that names no Netty type, no
 * router, store, dispatcher or pipeline, no SMTP transport and none of the module's other packages.
 */
class CodecPackageRuleTest {
    private static final Path SOURCES = Path.of("src/main/java/io/gomsggw/mm4/codec");
    private static final List<String> FORBIDDEN = List.of(
            "io.netty.",
            "io.gomsggw.core.routing",
            "io.gomsggw.core.store",
            "io.gomsggw.core.dispatch",
            "io.gomsggw.core.pipeline",
            "io.gomsggw.mm4.smtp",
            "io.gomsggw.mm4.gateway",
            "io.gomsggw.mm4.outbound",
            "org.eclipse.angus.mail.smtp",
            "jakarta.mail.Transport");

    @Test
    void codecSourcesNameNothingForbidden() throws IOException {
        assertThat(SOURCES).isDirectory();
        List<Path> files;
        try (Stream<Path> s = Files.list(SOURCES)) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(files).hasSizeGreaterThan(10);
        for (Path file : files) {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            for (String forbidden : FORBIDDEN) {
                assertThat(source)
                        .as("%s names %s", file.getFileName(), forbidden)
                        .doesNotContain(forbidden);
            }
        }
    }
}
