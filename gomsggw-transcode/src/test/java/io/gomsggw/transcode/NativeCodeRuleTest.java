package io.gomsggw.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rule stated in {@code av/package-info}: only the {@code av} package names Humble Video, and
 * only it and the worker's main class load its native library ({@code AvSupport.probe} and
 * {@code AvSupport.transcoder}), so FFmpeg never runs in the gateway's JVM.
 */
class NativeCodeRuleTest {
    private static final Path SOURCES = Path.of("src/main/java/io/gomsggw/transcode");
    private static final Path AV = SOURCES.resolve("av");
    private static final Path WORKER_MAIN = SOURCES.resolve("worker/AvWorkerMain.java");

    @Test
    void onlyTheAvPackageNamesHumbleVideoAndOnlyTheWorkerLoadsIt() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(SOURCES)) {
            files = s.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.startsWith(AV))
                    .toList();
        }
        assertThat(files).contains(SOURCES.resolve("PooledMediaTranscoder.java"), WORKER_MAIN);
        for (Path file : files) {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(source).as("%s names Humble Video types", file).doesNotContain("import io.humble");
            if (!file.equals(WORKER_MAIN)) {
                assertThat(source)
                        .as("%s loads the native library", file)
                        .doesNotContain("AvSupport.probe(")
                        .doesNotContain("AvSupport.transcoder(");
            }
        }
    }
}
