package io.gomsggw.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import io.gomsggw.core.metrics.GatewayMetrics;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.spi.MediaTarget;
import io.gomsggw.core.spi.TranscodeException;
import io.gomsggw.transcode.av.AvSupport;
import io.gomsggw.transcode.detect.MediaSniffer;
import io.gomsggw.transcode.detect.MediaType;
import io.gomsggw.transcode.worker.AvWorkerSettings;
import io.humble.video.Codec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Video and audio through Humble Video in the worker processes, with media the test makes itself.
 * One transcoder (and so one worker, started once) serves every test of the class.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS) // hang guard only; no timing is asserted
class AvTranscodeTest {
    private static final MetricRegistry registry = new MetricRegistry();
    private static PooledMediaTranscoder transcoder;

    @BeforeAll
    static void start() {
        assertThat(AvSupport.probe().available())
                .as("Humble Video loads in this build")
                .isTrue();
        transcoder = new PooledMediaTranscoder(
                TranscodeSettings.defaults().withWorkers(2).withLimits(128, Duration.ofSeconds(120), 50_000_000L, 0),
                new AvWorkerSettings(1, 256, Duration.ofSeconds(120), 32L << 20, 16),
                new GatewayMetrics(registry),
                Clock.systemUTC());
        transcoder.warmUp();
    }

    @AfterAll
    static void close() {
        transcoder.close();
    }

    private List<MediaPart> run(MediaTarget target, MediaPart... parts) throws Exception {
        return transcoder
                .transcode(List.of(parts), target)
                .toCompletableFuture()
                .get(170, TimeUnit.SECONDS);
    }

    @Test
    void a1080pClipBecomesH264BaselineMp4Within720pAndTheTarget() throws Exception {
        byte[] clip = AvFixtures.mp4(1920, 1080, 15, 10, 8_000_000);
        long target = 614_400;
        assertThat((long) clip.length).as("the fixture is over the target").isGreaterThan(target);
        assertThat(AvFixtures.videoInfo(clip).width()).isEqualTo(1920);
        assertThat(AvFixtures.codecs(clip, ".mp4")).contains(Codec.ID.CODEC_ID_AAC);

        MediaPart out = run(new MediaTarget(target, Set.of()), new MediaPart("clip.mov", "video/quicktime", clip))
                .get(0);

        assertThat(out.contentType()).isEqualTo("video/mp4");
        assertThat(out.filename()).isEqualTo("clip.mp4");
        assertThat((long) out.size()).isLessThanOrEqualTo(target);
        assertThat(new String(out.content(), 4, 4, StandardCharsets.ISO_8859_1)).isEqualTo("ftyp");
        AvFixtures.VideoInfo info = AvFixtures.videoInfo(out.content());
        assertThat(info.codec()).isEqualTo(Codec.ID.CODEC_ID_H264);
        assertThat(info.width()).isLessThanOrEqualTo(1280);
        assertThat(info.height()).isLessThanOrEqualTo(720);
        assertThat(info.width()).isEqualTo(1280);
        assertThat(AvFixtures.avcProfile(out.content()))
                .as("H.264 baseline profile")
                .isEqualTo(66);
        assertThat(AvFixtures.codecs(out.content(), ".mp4"))
                .containsExactlyInAnyOrder(Codec.ID.CODEC_ID_H264, Codec.ID.CODEC_ID_AAC);
        assertThat(AvFixtures.seconds(out.content(), ".mp4")).isBetween(9.0, 11.0);
        assertThat(registry.counter("gomsggw_transcode_worker_jobs{outcome=\"transcoded\"}")
                        .getCount())
                .as("encoded by a worker process")
                .isPositive();
    }

    /** 4 s of 320×240 at 15 fps; MP4's lowest rates (100 kb/s H.264 + 64 kb/s AAC) need about 82 KB. */
    private static final int SECONDS = 4;

    private static final long UNDER_MP4_FLOOR = 40_000;

    @Test
    void aClipMp4CannotFitBecomesA3gpWithinTheTarget() throws Exception {
        byte[] clip = AvFixtures.mp4(320, 240, 15, SECONDS, 1_500_000);
        assertThat((100_000 + 64_000) * SECONDS / 8)
                .as("MP4 at its lowest rates")
                .isGreaterThan((int) UNDER_MP4_FLOOR);

        MediaPart out = run(new MediaTarget(UNDER_MP4_FLOOR, Set.of()), new MediaPart("clip.mp4", "video/mp4", clip))
                .get(0);

        assertThat(out.contentType()).isEqualTo("video/3gpp");
        assertThat(out.filename()).isEqualTo("clip.3gp");
        assertThat((long) out.size()).isLessThanOrEqualTo(UNDER_MP4_FLOOR);
        assertThat(new MediaSniffer().detect(out.content(), "application/octet-stream"))
                .isEqualTo(MediaType.THREE_GPP);
        assertThat(AvFixtures.codecs(out.content(), ".3gp"))
                .containsExactlyInAnyOrder(Codec.ID.CODEC_ID_H263, Codec.ID.CODEC_ID_AMR_NB);
        AvFixtures.VideoInfo info = AvFixtures.videoInfo(out.content());
        assertThat(info.width()).isEqualTo(176);
        assertThat(info.height()).isEqualTo(144);
        assertThat(AvFixtures.seconds(out.content(), ".3gp")).isBetween(3.5, 4.5);
        // every picture decodes; at this rate the frame rate is lowered from 15 (to 5..15 fps)
        assertThat(AvFixtures.decodeVideo(out.content(), ".3gp").pictures()).isBetween(5 * SECONDS, 15 * SECONDS);
    }

    @Test
    void withoutThe3gpFallbackTheSameClipIsRefusedWithItsSizes() throws Exception {
        byte[] clip = AvFixtures.mp4(320, 240, 15, SECONDS, 1_500_000);

        assertThatThrownBy(() -> run(
                        new MediaTarget(UNDER_MP4_FLOOR, Set.of("video/mp4")),
                        new MediaPart("clip.mp4", "video/mp4", clip)))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .satisfies(
                        e -> assertThat(((TranscodeException) e).code()).isEqualTo(TranscodeException.MEDIA_TOO_LARGE))
                .hasMessageContaining(String.valueOf(clip.length))
                .hasMessageContaining(String.valueOf(UNDER_MP4_FLOOR));
    }

    @Test
    void aDestinationTakingOnly3gpGetsALetterboxedCifClip() throws Exception {
        byte[] clip = AvFixtures.mp4(320, 240, 15, 2, 1_500_000); // 4:3 into 11:9 CIF: 352x264 on black bars
        MediaPart out = run(
                        new MediaTarget(614_400, Set.of("video/3gpp")), new MediaPart("clip.mp4", "video/mp4", clip))
                .get(0);

        assertThat(out.contentType()).isEqualTo("video/3gpp");
        assertThat((long) out.size()).isLessThanOrEqualTo(614_400);
        AvFixtures.VideoInfo info = AvFixtures.videoInfo(out.content());
        assertThat(info.codec()).isEqualTo(Codec.ID.CODEC_ID_H263);
        assertThat(info.width()).isEqualTo(352);
        assertThat(info.height()).isEqualTo(288);
        java.awt.image.BufferedImage first =
                AvFixtures.decodeVideo(out.content(), ".3gp").first();
        assertThat(luma(first.getRGB(176, 4))).as("top bar").isLessThan(40);
        assertThat(luma(first.getRGB(176, 283))).as("bottom bar").isLessThan(40);
        assertThat(luma(first.getRGB(176, 100))).as("picture").isGreaterThan(40);
    }

    private static int luma(int rgb) {
        return (((rgb >> 16) & 0xFF) * 299 + ((rgb >> 8) & 0xFF) * 587 + (rgb & 0xFF) * 114) / 1000;
    }

    @Test
    void aWavOverItsBudgetBecomesMp3() throws Exception {
        byte[] wav = AvFixtures.wav(44_100, 2, 5, 440);
        long target = 100_000;
        assertThat((long) wav.length).isGreaterThan(target);

        MediaPart out = run(new MediaTarget(target, Set.of()), new MediaPart("tone.wav", "audio/wav", wav))
                .get(0);

        assertThat(out.contentType()).isEqualTo("audio/mpeg");
        assertThat(out.filename()).isEqualTo("tone.mp3");
        assertThat((long) out.size()).isLessThanOrEqualTo(target);
        assertThat(new MediaSniffer().detect(out.content(), "application/octet-stream"))
                .isEqualTo(MediaType.MP3);
        assertThat(AvFixtures.codecs(out.content(), ".mp3")).containsExactly(Codec.ID.CODEC_ID_MP3);
        assertThat(AvFixtures.seconds(out.content(), ".mp3")).isBetween(4.5, 5.5);
    }

    @Test
    void aWavTheDestinationDoesNotAcceptBecomesMp3EvenWhenItFits() throws Exception {
        byte[] wav = AvFixtures.wav(8_000, 1, 1, 440);
        MediaPart out = run(new MediaTarget(614_400, Set.of("audio/mpeg")), new MediaPart("a.wav", "audio/wav", wav))
                .get(0);
        assertThat(out.contentType()).isEqualTo("audio/mpeg");
    }

    @Test
    void amrStillPassesThrough() throws Exception {
        byte[] amr = Arrays.copyOf("#!AMR\n".getBytes(StandardCharsets.ISO_8859_1), 2_000);
        MediaPart in = new MediaPart("voice.amr", "audio/amr", amr);
        assertThat(run(new MediaTarget(614_400, Set.of()), in).get(0)).isSameAs(in);
    }

    @Test
    void garbageVideoOverTheTargetIsRefusedAsUnsupported() {
        byte[] video = Arrays.copyOf("\0\0\0\u0018ftypisom".getBytes(StandardCharsets.ISO_8859_1), 700_000);
        assertThatThrownBy(() -> run(new MediaTarget(614_400, Set.of()), new MediaPart("x.mp4", "video/mp4", video)))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .satisfies(e -> assertThat(((TranscodeException) e).code())
                        .isEqualTo(TranscodeException.UNSUPPORTED_MEDIA_TYPE))
                .hasMessageContaining("mp4");
    }
}
