package io.gomsggw.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import io.gomsggw.core.metrics.GatewayMetrics;
import io.gomsggw.core.metrics.LatencyHistogram;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.spi.MediaTarget;
import io.gomsggw.core.spi.TranscodeException;
import io.gomsggw.core.spi.TranscoderSaturatedException;
import io.gomsggw.transcode.worker.AvWorkerSettings;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 120, unit = TimeUnit.SECONDS) // hang guard only; no timing is asserted
class PooledMediaTranscoderTest {
    private static final long MMS = 614_400;
    private static final MediaTarget ANY = new MediaTarget(MMS, Set.of());
    private static final MediaTarget JPEG_ONLY = new MediaTarget(MMS, Set.of("image/jpeg"));

    private final MetricRegistry registry = new MetricRegistry();
    private final List<PooledMediaTranscoder> opened = new ArrayList<>();

    private PooledMediaTranscoder transcoder(TranscodeSettings settings, Clock clock) {
        PooledMediaTranscoder t = new PooledMediaTranscoder(settings, new GatewayMetrics(registry), clock);
        opened.add(t);
        return t;
    }

    private PooledMediaTranscoder transcoder() {
        return transcoder(TranscodeSettings.defaults().withWorkers(2), Clock.systemUTC());
    }

    /** As the server runs without Humble Video on the class path: video and audio are never re-encoded. */
    private PooledMediaTranscoder transcoderWithoutAv() {
        PooledMediaTranscoder t = new PooledMediaTranscoder(
                TranscodeSettings.defaults().withWorkers(2), new GatewayMetrics(registry), Clock.systemUTC(), null);
        opened.add(t);
        return t;
    }

    @AfterEach
    void close() {
        opened.forEach(PooledMediaTranscoder::close);
    }

    private static List<MediaPart> run(PooledMediaTranscoder t, MediaTarget target, MediaPart... parts)
            throws Exception {
        return t.transcode(List.of(parts), target).toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refusal(
            PooledMediaTranscoder t, MediaTarget target, MediaPart... parts) {
        return assertThatThrownBy(() -> run(t, target, parts))
                .isInstanceOf(ExecutionException.class)
                .cause();
    }

    private static String code(Throwable e) {
        return ((TranscodeException) e).code();
    }

    private static void assertJpegWithin(MediaPart part, long maxBytes, int maxEdge) {
        assertThat(part.contentType()).isEqualTo("image/jpeg");
        assertThat(part.filename()).endsWith(".jpg");
        assertThat(part.size()).isLessThanOrEqualTo((int) maxBytes);
        assertThat(part.content()[0] & 0xFF).isEqualTo(0xFF);
        assertThat(part.content()[1] & 0xFF).isEqualTo(0xD8);
        BufferedImage out = Fixtures.decode(part.content());
        assertThat(out.getWidth()).isLessThanOrEqualTo(maxEdge);
        assertThat(out.getHeight()).isLessThanOrEqualTo(maxEdge);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "png", "gif", "bmp", "tiff"})
    void everyImageFormatBecomesAJpegWithinTheTarget(String format) throws Exception {
        BufferedImage img = Fixtures.photoLike(2400, 1200, 1);
        byte[] bytes = switch (format) {
            case "jpeg" -> Fixtures.jpeg(img, 0.95f);
            case "tiff" -> Fixtures.tiff(img);
            default -> Fixtures.imageIo(img, format);
        };
        // declared type deliberately wrong: detection is by content
        MediaPart in = new MediaPart("picture." + format, "application/octet-stream", bytes);

        MediaPart out = run(transcoder(), JPEG_ONLY, in).get(0);

        assertJpegWithin(out, MMS, 1920);
        BufferedImage decoded = Fixtures.decode(out.content());
        assertThat(decoded.getWidth()).isEqualTo(1920);
        assertThat(decoded.getHeight()).isEqualTo(960);
    }

    @Test
    void exifOrientationSixComesOutUpright() throws Exception {
        // stored 400×200, top-left red; orientation 6 = rotate 90° clockwise to show it
        byte[] stored = Fixtures.withOrientation(Fixtures.jpeg(Fixtures.quadrants(400, 200), 1.0f), 6);
        MediaPart in = new MediaPart("rotated.jpg", "image/jpeg", stored);
        MediaTarget tight = new MediaTarget(stored.length / 2, Set.of());

        MediaPart out = run(transcoder(), tight, in).get(0);

        assertThat(out.size()).isLessThanOrEqualTo(stored.length / 2);
        BufferedImage upright = Fixtures.decode(out.content());
        assertThat(upright.getWidth()).isEqualTo(200);
        assertThat(upright.getHeight()).isEqualTo(400);
        // after rotating clockwise the stored top-left (red) is at the top-right, blue at the top-left
        assertColor(upright.getRGB(upright.getWidth() - 20, 20), Color.RED);
        assertColor(upright.getRGB(20, 20), Color.BLUE);
        assertColor(upright.getRGB(upright.getWidth() - 20, upright.getHeight() - 20), Color.GREEN);
    }

    @Test
    void pngAlphaIsFlattenedOntoWhite() throws Exception {
        BufferedImage img = new BufferedImage(300, 300, BufferedImage.TYPE_INT_ARGB); // fully transparent
        Graphics2D g = img.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(100, 100, 100, 100);
        g.dispose();
        MediaPart in = new MediaPart("logo.png", "image/png", Fixtures.imageIo(img, "png"));

        MediaPart out = run(transcoder(), JPEG_ONLY, in).get(0);

        BufferedImage decoded = Fixtures.decode(out.content());
        assertColor(decoded.getRGB(10, 10), Color.WHITE);
        assertColor(decoded.getRGB(150, 150), Color.BLACK);
    }

    @Test
    void smallJpegPassesThroughByteForByte() throws Exception {
        byte[] bytes = Fixtures.jpeg(Fixtures.photoLike(640, 480, 2), 0.8f);
        MediaPart in = new MediaPart("small.jpg", "image/jpeg", bytes);

        MediaPart out = run(transcoder(), ANY, in).get(0);

        assertThat(out).isSameAs(in);
        assertThat(out.content()).isEqualTo(Fixtures.jpeg(Fixtures.photoLike(640, 480, 2), 0.8f));
        assertThat(registry.counter("gomsggw_transcode_parts{outcome=\"passthrough\"}")
                        .getCount())
                .isEqualTo(1);
    }

    @Test
    void passThroughCorrectsAWrongDeclaredType() throws Exception {
        byte[] bytes = Fixtures.imageIo(Fixtures.quadrants(64, 64), "png");
        MediaPart out = run(transcoder(), ANY, new MediaPart("x.jpg", "image/jpeg", bytes))
                .get(0);
        assertThat(out.contentType()).isEqualTo("image/png");
        assertThat(out.content()).isSameAs(bytes);
    }

    @Test
    void largeNoisyPhotoShrinksUnder600KB() throws Exception {
        byte[] bytes = Fixtures.jpeg(Fixtures.photoLike(4000, 3000, 3), 0.92f);
        assertThat(bytes.length).isGreaterThan(2 * (int) MMS);

        MediaPart out = run(transcoder(), ANY, new MediaPart("photo.jpg", "image/jpeg", bytes))
                .get(0);

        assertJpegWithin(out, MMS, 1920);
        assertThat(registry.counter("gomsggw_transcode_saved_bytes{}").getCount())
                .isEqualTo(bytes.length - out.size());
        assertThat(((LatencyHistogram) registry.getMetrics().get("gomsggw_transcode_duration_seconds{}"))
                        .bucketCounts())
                .containsOnly(0L, 1L)
                .contains(1L);
    }

    @Test
    void animatedGifIsKeptWhenItFitsElseItsFirstFrameBecomesJpeg() throws Exception {
        byte[] gif = Fixtures.animatedGif(200, 100);
        MediaPart in = new MediaPart("anim.gif", "image/gif", gif);

        assertThat(run(transcoder(), ANY, in).get(0)).isSameAs(in);

        MediaPart out = run(transcoder(), JPEG_ONLY, in).get(0);
        assertJpegWithin(out, MMS, 1920);
        BufferedImage first = Fixtures.decode(out.content());
        assertColor(first.getRGB(10, 10), Color.RED); // frame 1 is the quadrants
    }

    @Test
    void garbageIsRefusedAsUnsupported() {
        byte[] garbage = new byte[4096];
        new java.util.Random(4).nextBytes(garbage);
        garbage[0] = 0x12;
        refusal(transcoder(), ANY, new MediaPart("x.jpg", "image/jpeg", garbage))
                .isInstanceOf(TranscodeException.class)
                .satisfies(e -> assertThat(code(e)).isEqualTo(TranscodeException.UNSUPPORTED_MEDIA_TYPE))
                .hasMessageContaining("unrecognised");
    }

    @Test
    void garbageBehindAJpegMagicIsRefusedAsCorrupt() {
        byte[] garbage = new byte[4096];
        new java.util.Random(5).nextBytes(garbage);
        garbage[0] = (byte) 0xFF;
        garbage[1] = (byte) 0xD8;
        garbage[2] = (byte) 0xFF;
        refusal(transcoder(), ANY, new MediaPart("x.jpg", "image/jpeg", garbage))
                .satisfies(e -> assertThat(code(e)).isEqualTo(TranscodeException.UNSUPPORTED_MEDIA_TYPE))
                .hasMessageContaining("image/jpeg");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "png", "gif"})
    void truncatedFilesAreRefused(String format) {
        BufferedImage img = Fixtures.photoLike(1200, 900, 6);
        byte[] whole = format.equals("jpeg") ? Fixtures.jpeg(img, 0.9f) : Fixtures.imageIo(img, format);
        byte[] half = Arrays.copyOf(whole, whole.length / 2);
        refusal(transcoder(), ANY, new MediaPart("cut." + format, "image/" + format, half))
                .satisfies(e -> assertThat(code(e)).isEqualTo(TranscodeException.UNSUPPORTED_MEDIA_TYPE))
                .hasMessageContaining("truncated");
    }

    @Test
    void decompressionBombHeaderIsRefusedWithoutDecoding() {
        byte[] bomb = Fixtures.pngHeader(100_000, 100_000);
        assertThat(bomb.length).isLessThan(100);
        refusal(transcoder(), ANY, new MediaPart("bomb.png", "image/png", bomb))
                .satisfies(e -> assertThat(code(e)).isEqualTo(TranscodeException.MEDIA_TOO_LARGE))
                .hasMessageContaining("100000x100000")
                .hasMessageContaining("50000000");
    }

    @Test
    void webpThatFitsAndIsAcceptedPassesThroughByteForByte() throws Exception {
        MediaPart in = new MediaPart("s.webp", "image/webp", Fixtures.webp("lossy-quadrants-64x48.webp"));
        assertThat(run(transcoder(), ANY, in).get(0)).isSameAs(in);
    }

    @Test
    void losslessWebpBecomesAJpegScaledToTheBox() throws Exception {
        byte[] webp = Fixtures.webp("lossless-quadrants-2400x1600.webp"); // VP8L, 420 bytes
        MediaPart out = run(transcoder(), JPEG_ONLY, new MediaPart("q.webp", "image/webp", webp))
                .get(0);

        assertJpegWithin(out, MMS, 1920);
        assertThat(out.filename()).isEqualTo("q.jpg");
        BufferedImage decoded = Fixtures.decode(out.content());
        assertThat(decoded.getWidth()).isEqualTo(1920);
        assertThat(decoded.getHeight()).isEqualTo(1280);
        assertQuadrants(decoded);
    }

    @Test
    void lossyWebpBecomesAJpeg() throws Exception {
        byte[] webp = Fixtures.webp("lossy-quadrants-64x48.webp"); // simple VP8
        MediaPart out = run(transcoder(), JPEG_ONLY, new MediaPart("q.webp", "image/webp", webp))
                .get(0);

        assertJpegWithin(out, MMS, 1920);
        BufferedImage decoded = Fixtures.decode(out.content());
        assertThat(decoded.getWidth()).isEqualTo(64);
        assertThat(decoded.getHeight()).isEqualTo(48);
        assertQuadrants(decoded);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lossless-alpha-64x64.webp", "lossy-alpha-64x64.webp"})
    void webpAlphaIsFlattenedOntoWhite(String fixture) throws Exception {
        // left half fully transparent (red underneath), right half opaque blue
        MediaPart in = new MediaPart("a.webp", "image/webp", Fixtures.webp(fixture));

        MediaPart out = run(transcoder(), JPEG_ONLY, in).get(0);

        BufferedImage decoded = Fixtures.decode(out.content());
        assertColor(decoded.getRGB(8, 32), Color.WHITE);
        assertColor(decoded.getRGB(56, 32), Color.BLUE);
    }

    @Test
    void animatedWebpIsKeptWhenItFitsElseItsFirstFrameBecomesJpeg() throws Exception {
        MediaPart in = new MediaPart("anim.webp", "image/webp", Fixtures.webp("animated-red-then-green-32x32.webp"));

        assertThat(run(transcoder(), ANY, in).get(0)).isSameAs(in);

        MediaPart out = run(transcoder(), JPEG_ONLY, in).get(0);
        assertJpegWithin(out, MMS, 1920);
        BufferedImage first = Fixtures.decode(out.content());
        assertThat(first.getWidth()).isEqualTo(32);
        assertColor(first.getRGB(16, 16), Color.RED); // frame 1 is red, frame 2 green
    }

    @ParameterizedTest
    @ValueSource(strings = {"VP8L", "VP8 ", "VP8X", "ANMF"})
    void webpDeclaring16383x16383IsRefusedBeforeDecoding(String chunk) {
        String fixture = switch (chunk) {
            case "VP8L" -> "lossless-quadrants-2400x1600.webp";
            case "VP8 " -> "lossy-quadrants-64x48.webp";
            case "VP8X" -> "lossy-alpha-64x64.webp";
            default -> "animated-red-then-green-32x32.webp";
        };
        // 268 megapixels (1 GiB as ARGB) declared by a file of a few hundred bytes
        byte[] bomb = Fixtures.webpDeclaring(Fixtures.webp(fixture), chunk, 16383, 16383);

        refusal(transcoder(), JPEG_ONLY, new MediaPart("bomb.webp", "image/webp", bomb))
                .satisfies(e -> assertThat(code(e)).isEqualTo(TranscodeException.MEDIA_TOO_LARGE))
                .hasMessageContaining("image/webp of 16383x16383")
                .hasMessageContaining("50000000");
    }

    @Test
    void truncatedWebpIsRefused() {
        byte[] whole = Fixtures.webp("lossless-quadrants-2400x1600.webp");
        byte[] half = Arrays.copyOf(whole, whole.length / 2);
        refusal(transcoder(), ANY, new MediaPart("cut.webp", "image/webp", half))
                .satisfies(e -> assertThat(code(e)).isEqualTo(TranscodeException.UNSUPPORTED_MEDIA_TYPE))
                .hasMessageContaining("image/webp")
                .hasMessageContaining("truncated");
    }

    @Test
    void webpWithNoPictureDataIsRefusedAsCorrupt() {
        byte[] header = Fixtures.webpHeader(320, 240); // a VP8L signature and sizes, nothing to decode
        refusal(transcoder(), JPEG_ONLY, new MediaPart("h.webp", "image/webp", header))
                .satisfies(e -> assertThat(code(e)).isEqualTo(TranscodeException.UNSUPPORTED_MEDIA_TYPE))
                .hasMessageContaining("image/webp");
    }

    @Test
    void twoPartMessageSharesTheTargetAndTextCountsAsIs() throws Exception {
        byte[] a = Fixtures.jpeg(Fixtures.photoLike(1600, 1200, 8), 0.9f);
        byte[] b = Fixtures.jpeg(Fixtures.photoLike(1200, 1600, 9), 0.9f);
        byte[] text = "Look at these".getBytes(StandardCharsets.UTF_8);
        assertThat(a.length + b.length).isGreaterThan((int) MMS);

        List<MediaPart> out = run(
                transcoder(),
                ANY,
                new MediaPart("a.jpg", "image/jpeg", a),
                new MediaPart("body.txt", "text/plain", text),
                new MediaPart("b.jpg", "image/jpeg", b));

        assertThat(out).hasSize(3);
        assertThat(out.get(1).content()).isSameAs(text);
        long total = out.stream().mapToLong(MediaPart::size).sum();
        assertThat(total).isLessThanOrEqualTo(MMS);
        long share = (MMS - text.length) * a.length / (a.length + b.length);
        assertThat(out.get(0).size()).isLessThanOrEqualTo((int) share);
        assertJpegWithin(out.get(0), MMS, 1920);
        assertJpegWithin(out.get(2), MMS, 1920);
    }

    @Test
    void partsThatCannotShrinkOverTheTargetAreRefusedWithSizes() {
        byte[] video = Arrays.copyOf("\0\0\0\u0018ftypisom".getBytes(StandardCharsets.ISO_8859_1), 700_000);
        refusal(transcoderWithoutAv(), ANY, new MediaPart("clip.mp4", "video/mp4", video))
                .satisfies(e -> assertThat(code(e)).isEqualTo(TranscodeException.MEDIA_TOO_LARGE))
                .hasMessageContaining("700000")
                .hasMessageContaining(String.valueOf(MMS));
    }

    @Test
    void videoAndAudioPassWhenAcceptedAndAreRefusedWhenNot() throws Exception {
        byte[] mp4 = Arrays.copyOf("\0\0\0\u0018ftypisom".getBytes(StandardCharsets.ISO_8859_1), 10_000);
        byte[] amr = Arrays.copyOf("#!AMR\n".getBytes(StandardCharsets.ISO_8859_1), 2_000);
        MediaPart video = new MediaPart("clip.mp4", "video/mp4", mp4);
        MediaPart audio = new MediaPart("voice.amr", "audio/amr", amr);

        List<MediaPart> out = run(transcoderWithoutAv(), ANY, video, audio);
        assertThat(out.get(0)).isSameAs(video);
        assertThat(out.get(1)).isSameAs(audio);

        refusal(transcoderWithoutAv(), JPEG_ONLY, video)
                .satisfies(e -> assertThat(code(e)).isEqualTo(TranscodeException.UNSUPPORTED_MEDIA_TYPE))
                .hasMessageContaining("mp4");
    }

    @Test
    void withNoVideoAndAudioWorkersVideoIsHandledAsWithoutHumbleVideo() throws Exception {
        PooledMediaTranscoder t = new PooledMediaTranscoder(
                TranscodeSettings.defaults().withWorkers(2),
                AvWorkerSettings.defaults().withWorkers(0),
                new GatewayMetrics(registry),
                Clock.systemUTC());
        opened.add(t);
        byte[] big = Arrays.copyOf("\0\0\0\u0018ftypisom".getBytes(StandardCharsets.ISO_8859_1), 700_000);
        MediaPart small = new MediaPart("clip.mp4", "video/mp4", Arrays.copyOf(big, 10_000));

        assertThat(run(t, ANY, small).get(0)).isSameAs(small);
        refusal(t, ANY, new MediaPart("clip.mp4", "video/mp4", big))
                .satisfies(e -> assertThat(code(e)).isEqualTo(TranscodeException.MEDIA_TOO_LARGE))
                .hasMessageContaining("cannot be reduced");
    }

    @Test
    void aCacheHitReturnsTheSameBytes() throws Exception {
        byte[] bytes = Fixtures.jpeg(Fixtures.photoLike(2000, 1500, 10), 0.95f);
        PooledMediaTranscoder t = transcoder();

        MediaPart first =
                run(t, ANY, new MediaPart("p.jpg", "image/jpeg", bytes)).get(0);
        MediaPart second =
                run(t, ANY, new MediaPart("p.jpg", "image/jpeg", bytes.clone())).get(0);

        assertThat(second.content()).isSameAs(first.content());
        assertThat(registry.counter("gomsggw_transcode_cache{result=\"hit\"}").getCount())
                .isEqualTo(1);
        // a different target is a different entry
        MediaPart third = run(t, new MediaTarget(200_000, Set.of()), new MediaPart("p.jpg", "image/jpeg", bytes))
                .get(0);
        assertThat(third.size()).isLessThanOrEqualTo(200_000);
        assertThat(registry.counter("gomsggw_transcode_cache{result=\"hit\"}").getCount())
                .isEqualTo(1);
    }

    @Test
    void aFullQueueIsRefusedWithASaturationError() {
        TranscodeSettings one =
                TranscodeSettings.defaults().withWorkers(1).withLimits(1, Duration.ofSeconds(30), 50_000_000L, 0);
        PooledMediaTranscoder t = transcoder(one, Clock.systemUTC());
        byte[] big = Fixtures.jpeg(Fixtures.photoLike(1500, 1000, 11), 0.95f);
        MediaPart[] parts = new MediaPart[4];
        for (int i = 0; i < parts.length; i++) parts[i] = new MediaPart(i + ".jpg", "image/jpeg", big);

        assertThatThrownBy(() -> run(t, ANY, parts)) // every part must shrink: slow enough to fill the queue
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(TranscoderSaturatedException.class)
                .hasMessageContaining("queue is full");
        assertThat(registry.counter("gomsggw_transcode_parts{outcome=\"rejected\"}")
                        .getCount())
                .isPositive();
    }

    @Test
    void anItemPastItsDeadlineIsRefused() {
        Clock leaping = new LeapingClock();
        PooledMediaTranscoder t = transcoder(TranscodeSettings.defaults().withWorkers(1), leaping);
        byte[] bytes = Fixtures.jpeg(Fixtures.photoLike(2000, 1500, 12), 0.95f);
        refusal(t, ANY, new MediaPart("p.jpg", "image/jpeg", bytes))
                .satisfies(e -> assertThat(code(e)).isEqualTo(TranscodeException.MEDIA_TOO_LARGE))
                .hasMessageContaining("took longer than");
    }

    @Test
    void jpegOutputThatTheDestinationRefusesIsUnsupported() {
        byte[] png = Fixtures.imageIo(Fixtures.quadrants(64, 64), "png");
        refusal(transcoder(), new MediaTarget(MMS, Set.of("image/gif")), new MediaPart("a.png", "image/png", png))
                .satisfies(e -> assertThat(code(e)).isEqualTo(TranscodeException.UNSUPPORTED_MEDIA_TYPE))
                .hasMessageContaining("image/jpeg");
    }

    /** Red, green / blue, yellow, as {@link Fixtures#quadrants}. */
    private static void assertQuadrants(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        assertColor(img.getRGB(w / 4, h / 4), Color.RED);
        assertColor(img.getRGB(3 * w / 4, h / 4), Color.GREEN);
        assertColor(img.getRGB(w / 4, 3 * h / 4), Color.BLUE);
        assertColor(img.getRGB(3 * w / 4, 3 * h / 4), Color.YELLOW);
    }

    private static void assertColor(int rgb, Color expected) {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        assertThat(Math.abs(r - expected.getRed()))
                .as("red of %06x", rgb & 0xFFFFFF)
                .isLessThan(40);
        assertThat(Math.abs(g - expected.getGreen()))
                .as("green of %06x", rgb & 0xFFFFFF)
                .isLessThan(40);
        assertThat(Math.abs(b - expected.getBlue()))
                .as("blue of %06x", rgb & 0xFFFFFF)
                .isLessThan(40);
    }

    /** Every reading is an hour after the previous one. */
    private static final class LeapingClock extends Clock {
        private Instant now = Instant.parse("2025-01-01T00:00:00Z");

        @Override
        public synchronized Instant instant() {
            now = now.plus(Duration.ofHours(1));
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
