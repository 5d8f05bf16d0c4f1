package io.gomsggw.transcode;

import com.codahale.metrics.MetricRegistry;
import io.gomsggw.core.metrics.GatewayMetrics;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.spi.MediaTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark, not a test: a generated 12-megapixel photo-like JPEG (4000×3000) to a JPEG of at most
 * 600 KB, {@code runs} times after warm-up, median printed; then ImageMagick's
 * {@code convert in.jpg -resize 1920x1920\> -quality 85 out.jpg} on the same file, when present.
 * ImageMagick is {@code /usr/bin/convert} when present (or {@code -Dconvert=PATH}).
 * Run: {@code java -cp <test classpath> io.gomsggw.transcode.ImageTranscodeBench [runs]}.
 */
public final class ImageTranscodeBench {
    private ImageTranscodeBench() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        byte[] input = Fixtures.jpeg(Fixtures.photoLike(4000, 3000, 42), 0.92f);
        Path dir = Files.createTempDirectory("gomsggw-bench");
        Path in = dir.resolve("in.jpg");
        Files.write(in, input);
        System.out.printf(
                "input: 4000x3000 JPEG, %d bytes; target 614400 bytes; %d runs after 3 warm-up%n", input.length, runs);

        // the cache would make repeats free: disable it, one worker
        TranscodeSettings settings = TranscodeSettings.defaults()
                .withWorkers(1)
                .withLimits(4, java.time.Duration.ofSeconds(60), 50_000_000L, 0);
        MediaTarget target = new MediaTarget(614_400, Set.of());
        long[] ours = new long[runs];
        int outBytes = 0;
        try (PooledMediaTranscoder t =
                new PooledMediaTranscoder(settings, new GatewayMetrics(new MetricRegistry()), Clock.systemUTC())) {
            for (int i = -3; i < runs; i++) {
                long start = System.nanoTime();
                List<MediaPart> out = t.transcode(List.of(new MediaPart("in.jpg", "image/jpeg", input)), target)
                        .toCompletableFuture()
                        .get(120, TimeUnit.SECONDS);
                long elapsed = System.nanoTime() - start;
                if (i >= 0) ours[i] = elapsed;
                outBytes = out.get(0).size();
            }
        }
        System.out.printf("gomsggw-transcode: median %.1f ms, output %d bytes%n", median(ours) / 1e6, outBytes);

        Path out = dir.resolve("out.jpg");
        String convert = System.getProperty(
                "convert", Files.isExecutable(Path.of("/usr/bin/convert")) ? "/usr/bin/convert" : "convert");
        String[] command = {convert, in.toString(), "-resize", "1920x1920>", "-quality", "85", out.toString()};
        try {
            long[] theirs = new long[runs];
            for (int i = -1; i < runs; i++) {
                long start = System.nanoTime();
                Process p =
                        new ProcessBuilder(command).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor() != 0) throw new IllegalStateException("convert exited " + p.exitValue());
                long elapsed = System.nanoTime() - start;
                if (i >= 0) theirs[i] = elapsed;
            }
            System.out.printf(
                    "imagemagick convert: median %.1f ms, output %d bytes%n", median(theirs) / 1e6, Files.size(out));
        } catch (java.io.IOException e) {
            System.out.println("imagemagick convert: not available (" + e.getMessage() + ")");
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
