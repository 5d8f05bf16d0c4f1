package io.gomsggw.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import io.gomsggw.core.metrics.GatewayMetrics;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.spi.MediaTarget;
import io.gomsggw.core.spi.TranscodeException;
import io.gomsggw.core.testing.Eventually;
import io.gomsggw.transcode.worker.AvWorkerPool;
import io.gomsggw.transcode.worker.AvWorkerSettings;
import io.gomsggw.transcode.worker.WorkerLauncher;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A corpus of hostile video and audio, made from the test's own clip by damaging it, through the
 * real worker process (Humble Video): each file ends with a {@link TranscodeException} and the next
 * normal job succeeds; the test's JVM, which plays the gateway, never notices. One transcoder
 * (one worker, warm) serves every case.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS) // hang guard only; no timing is asserted
class HostileMediaTest {
    /**
     * Small enough that the 2-second clip (about 375 KB) must be re-encoded, and without
     * {@code video/mp4}, so that every file of the corpus, even a small one, goes to the worker.
     */
    private static final MediaTarget TARGET = new MediaTarget(60_000, Set.of("video/3gpp", "audio/mpeg"));

    private static final MetricRegistry registry = new MetricRegistry();
    private static PooledMediaTranscoder transcoder;
    private static byte[] clip;
    private static byte[] tone;

    @BeforeAll
    static void start() throws Exception {
        transcoder = new PooledMediaTranscoder(
                TranscodeSettings.defaults().withWorkers(1),
                new AvWorkerSettings(1, 256, Duration.ofSeconds(60), 32L << 20, 16),
                new GatewayMetrics(registry),
                Clock.systemUTC());
        transcoder.warmUp();
        clip = AvFixtures.mp4(320, 240, 15, 2, 1_500_000);
        tone = AvFixtures.wav(44_100, 2, 2, 440);
        assertThat((long) clip.length).isGreaterThan(TARGET.maxTotalBytes());
    }

    @AfterAll
    static void close() {
        transcoder.close();
    }

    private static List<MediaPart> run(PooledMediaTranscoder t, MediaPart part) throws Exception {
        return t.transcode(List.of(part), TARGET).toCompletableFuture().get(120, TimeUnit.SECONDS);
    }

    static Stream<String> corpus() {
        return Stream.of(
                "truncated in half",
                "cut inside moov",
                "65535x65535 in tkhd and avc1",
                "65520x65520 in the SPS",
                "zero-length tracks",
                "ftyp box only",
                "mdat zeroed",
                "wav of 0 channels",
                "wav claiming 4 GB");
    }

    /** A damaged copy of the clip (or the tone). */
    static MediaPart hostile(String name) {
        byte[] b = clip.clone();
        switch (name) {
            case "truncated in half" -> b = Arrays.copyOf(b, b.length / 2);
            case "cut inside moov" ->
                b = Arrays.copyOf(b, Mp4Boxes.first(b, "moov").offset() + 200);
            case "65535x65535 in tkhd and avc1" -> {
                for (Mp4Boxes.Box tkhd : Mp4Boxes.find(b, "moov/trak/tkhd")) {
                    int fields = tkhd.body() + (b[tkhd.body()] == 1 ? 88 : 76); // width, height: 16.16 fixed point
                    Mp4Boxes.putU32(b, fields, 0xFFFF0000);
                    Mp4Boxes.putU32(b, fields + 4, 0xFFFF0000);
                }
                Mp4Boxes.Box avc1 = Mp4Boxes.first(b, "moov/trak/mdia/minf/stbl/stsd/avc1");
                Mp4Boxes.putU16(b, avc1.body() + 24, 0xFFFF);
                Mp4Boxes.putU16(b, avc1.body() + 26, 0xFFFF);
            }
            case "65520x65520 in the SPS" -> {
                Mp4Boxes.Box avcC = Mp4Boxes.first(b, "moov/trak/mdia/minf/stbl/stsd/avc1/avcC");
                byte[] body = Arrays.copyOfRange(b, avcC.body(), avcC.end());
                int spsLength = ByteBuffer.wrap(body).getShort(6) & 0xFFFF;
                byte[] sps = H264Sps.withSize(Arrays.copyOfRange(body, 8, 8 + spsLength), 4095, 4095);
                ByteBuffer changed = ByteBuffer.allocate(body.length - spsLength + sps.length);
                changed.put(body, 0, 6)
                        .putShort((short) sps.length)
                        .put(sps)
                        .put(body, 8 + spsLength, body.length - 8 - spsLength);
                b = Mp4Boxes.replaceBody(b, avcC, changed.array());
            }
            case "zero-length tracks" -> {
                for (String table : List.of("stts", "stsc", "stsz", "stco", "stss")) {
                    for (Mp4Boxes.Box box : Mp4Boxes.find(b, "moov/trak/mdia/minf/stbl/" + table)) {
                        // stsz: version and flags, sample size, sample count; the others: version and flags, count
                        Mp4Boxes.putU32(b, box.body() + (table.equals("stsz") ? 8 : 4), 0);
                    }
                }
                for (String header : List.of("moov/mvhd", "moov/trak/tkhd", "moov/trak/mdia/mdhd")) {
                    for (Mp4Boxes.Box box : Mp4Boxes.find(b, header)) {
                        Mp4Boxes.putU32(b, box.body() + (header.endsWith("tkhd") ? 20 : 16), 0); // duration (version 0)
                    }
                }
            }
            case "ftyp box only" ->
                b = Arrays.copyOf(b, Mp4Boxes.first(b, "ftyp").end());
            case "mdat zeroed" -> {
                Mp4Boxes.Box mdat = Mp4Boxes.first(b, "mdat");
                Arrays.fill(b, mdat.body(), mdat.end(), (byte) 0);
            }
            case "wav of 0 channels" -> {
                b = tone.clone();
                ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(22, (short) 0);
                return new MediaPart("tone.wav", "audio/wav", b);
            }
            case "wav claiming 4 GB" -> {
                b = tone.clone();
                ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(4, -1).putInt(40, -1);
                return new MediaPart("tone.wav", "audio/wav", b);
            }
            default -> throw new IllegalArgumentException(name);
        }
        return new MediaPart("clip.mp4", "video/mp4", b);
    }

    /** How a file of the corpus must end: with a refusal of this code naming this, or re-encoded. */
    private record Outcome(String code, String says) {
        static final Outcome REENCODED = new Outcome(null, null);
    }

    private static Outcome expected(String name) {
        return switch (name) {
            case "truncated in half", "ftyp box only", "wav of 0 channels" ->
                new Outcome(TranscodeException.UNSUPPORTED_MEDIA_TYPE, "could not be opened");
            case "cut inside moov" -> new Outcome(TranscodeException.UNSUPPORTED_MEDIA_TYPE, "has no video stream");
            case "65520x65520 in the SPS", "zero-length tracks", "mdat zeroed" ->
                new Outcome(TranscodeException.UNSUPPORTED_MEDIA_TYPE, "has no picture that decodes");
            // FFmpeg sizes the picture from the SPS and reads a WAV's data to the end of the file:
            // these headers lie, but the media is there
            case "65535x65535 in tkhd and avc1", "wav claiming 4 GB" -> Outcome.REENCODED;
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void hostileMediaEndsAsExpectedAndTheNextJobSucceeds(String name) throws Exception {
        MediaPart part = hostile(name);
        Outcome outcome = expected(name);

        if (outcome == Outcome.REENCODED) {
            MediaPart out = run(transcoder, part).get(0);
            assertThat(out.contentType()).isIn("video/3gpp", "audio/mpeg");
            assertThat((long) out.size()).isLessThanOrEqualTo(TARGET.maxTotalBytes());
        } else {
            assertThatThrownBy(() -> run(transcoder, part))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(TranscodeException.class)
                    .satisfies(e -> assertThat(((TranscodeException) e).code()).isEqualTo(outcome.code()))
                    .hasMessageContaining(outcome.says());
        }
        assertNextJobSucceeds();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void anMp4WithBytesFlippedInItsSamplesIsReencodedOrRefusedAndTheNextJobSucceeds(long seed) throws Exception {
        byte[] b = clip.clone();
        Mp4Boxes.Box mdat = Mp4Boxes.first(b, "mdat");
        Random random = new Random(seed);
        for (int i = 0; i < 200; i++) {
            b[mdat.body() + random.nextInt(mdat.size() - 8)] ^= (byte) (1 + random.nextInt(255));
        }

        try {
            MediaPart out =
                    run(transcoder, new MediaPart("clip.mp4", "video/mp4", b)).get(0);
            assertThat((long) out.size()).isLessThanOrEqualTo(TARGET.maxTotalBytes());
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(TranscodeException.class);
        }
        assertNextJobSucceeds();
    }

    private static void assertNextJobSucceeds() throws Exception {
        MediaPart next =
                run(transcoder, new MediaPart("tone.wav", "audio/wav", tone)).get(0);
        assertThat(next.contentType()).isEqualTo("audio/mpeg");
        assertThat((long) next.size()).isLessThanOrEqualTo(TARGET.maxTotalBytes());
    }

    /**
     * Through the SPI, with a stand-in worker that hangs on a part the way a decoder in a loop
     * would: the test kills it by its pid; the message fails with {@code media_unprocessable} and
     * the next message is served by a new worker.
     */
    @Test
    void aWorkerKilledMidJobFailsThatMessageAndTheNextMessageIsServed(@TempDir Path markers) throws Exception {
        MetricRegistry metrics = new MetricRegistry();
        WorkerLauncher standIn = WorkerLauncher.sameClassPath()
                .withMainClass("io.gomsggw.transcode.worker.StandInWorker")
                .withJvmOptions(List.of("-Dstandin.markers=" + markers));
        try (PooledMediaTranscoder t = new PooledMediaTranscoder(
                TranscodeSettings.defaults().withWorkers(1),
                new GatewayMetrics(metrics),
                Clock.systemUTC(),
                new AvWorkerPool(
                        new AvWorkerSettings(1, 64, Duration.ofSeconds(60), 1 << 20, 4),
                        standIn,
                        new GatewayMetrics(metrics)))) {
            var message = t.transcode(List.of(new MediaPart("loop.mp4", "video/mp4", mp4Saying("hang"))), TARGET)
                    .toCompletableFuture();
            Eventually.await("the worker is on the part", () -> busy(markers).isPresent());
            long pid = busy(markers).orElseThrow();

            assertThat(ProcessHandle.of(pid).orElseThrow().destroyForcibly()).isTrue();

            assertThatThrownBy(() -> message.get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .satisfies(e -> assertThat(((TranscodeException) e).code())
                            .isEqualTo(TranscodeException.MEDIA_UNPROCESSABLE))
                    .hasMessageContaining("mp4 (video/mp4) of 100000 bytes could not be transcoded");
            MediaPart next = t.transcode(List.of(new MediaPart("ok.mp4", "video/mp4", mp4Saying("fine"))), TARGET)
                    .toCompletableFuture()
                    .get(60, TimeUnit.SECONDS)
                    .get(0);
            assertThat(next.contentType()).isEqualTo("video/3gpp"); // the stand-in's first output TARGET accepts
            assertThat(new String(next.content(), StandardCharsets.US_ASCII))
                    .startsWith("done:fine:")
                    .doesNotEndWith(":" + pid);
            assertThat(metrics.counter("gomsggw_transcode_errors{code=\"media_unprocessable\"}")
                            .getCount())
                    .isEqualTo(1);
            assertThat(metrics.counter("gomsggw_transcode_worker_restarts{reason=\"crashed\"}")
                            .getCount())
                    .isEqualTo(1);
        }
    }

    /** 100,000 bytes that sniff as MP4 and carry {@code word} for the stand-in worker. */
    private static byte[] mp4Saying(String word) {
        return Arrays.copyOf(("\0\0\0\u0018ftypisom " + word + " ").getBytes(StandardCharsets.ISO_8859_1), 100_000);
    }

    /** The pid the stand-in wrote when it took the part. */
    private static Optional<Long> busy(Path markers) {
        try (Stream<Path> files = Files.list(markers)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("busy-"))
                    .map(n -> Long.parseLong(n.substring("busy-".length())))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
