package io.gomsggw.transcode.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.spi.TranscodeException;
import io.gomsggw.transcode.Fixtures;
import io.gomsggw.transcode.detect.MediaSniffer;
import io.gomsggw.transcode.detect.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Real images (JPEG, PNG, GIF, BMP, TIFF, and the WebP fixtures: lossy, lossless with alpha,
 * animated) with bytes flipped, cut off or repeated go through the header check and, when it
 * passes, the conversion to a JPEG: each ends with a picture or a {@link TranscodeException},
 * nothing else (no other exception, no {@link OutOfMemoryError}: the 2-megapixel budget bounds
 * what may be decoded). Small pictures keep a run within seconds.
 */
class MutatedImagePropertiesTest {
    private static final long MAX_PIXELS = 2_000_000;
    private static final long BUDGET = 20_000;
    private static final Map<String, byte[]> ORIGINALS = Map.of(
            "jpeg", Fixtures.withOrientation(Fixtures.jpeg(Fixtures.photoLike(96, 64, 1), 0.9f), 6),
            "png", Fixtures.imageIo(Fixtures.photoLike(80, 60, 2), "png"),
            "gif", Fixtures.animatedGif(64, 32),
            "bmp", Fixtures.imageIo(Fixtures.quadrants(40, 30), "bmp"),
            "tiff", Fixtures.tiff(Fixtures.quadrants(40, 30)),
            "webp-lossy", Fixtures.webp("lossy-quadrants-64x48.webp"),
            "webp-lossless-alpha", Fixtures.webp("lossless-alpha-64x64.webp"),
            "webp-lossy-alpha", Fixtures.webp("lossy-alpha-64x64.webp"),
            "webp-animated", Fixtures.webp("animated-red-then-green-32x32.webp"));

    private final ImageConverter converter = new ImageConverter(1920, 1920, 85, 50, MAX_PIXELS);
    private final MediaSniffer sniffer = new MediaSniffer();

    /** A change to an image's bytes. */
    enum Kind {
        FLIP,
        TRUNCATE,
        DUPLICATE
    }

    record Mutation(Kind kind, int at, int length, int bits) {
        byte[] apply(byte[] original) {
            int n = original.length;
            int from = Math.floorMod(at, n);
            return switch (kind) {
                case FLIP -> {
                    byte[] b = original.clone();
                    for (int i = 0; i < length % 8 + 1; i++) {
                        int index = Math.floorMod(from + i * 7919, n);
                        b[index] ^= (byte) (bits == 0 ? 0xFF : bits);
                    }
                    yield b;
                }
                case TRUNCATE -> Arrays.copyOf(original, from);
                case DUPLICATE -> {
                    int len = Math.min(length, n - from);
                    byte[] b = new byte[n + len];
                    System.arraycopy(original, 0, b, 0, from + len);
                    System.arraycopy(original, from, b, from + len, n - from);
                    yield b;
                }
            };
        }
    }

    @Provide
    Arbitrary<String> images() {
        return Arbitraries.of(ORIGINALS.keySet());
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(
                        Arbitraries.of(Kind.class),
                        Arbitraries.integers().between(0, 1 << 20),
                        Arbitraries.integers().between(1, 4096),
                        Arbitraries.integers().between(0, 255))
                .as(Mutation::new);
    }

    @Property(tries = 1500)
    void aMutatedImageBecomesAJpegOrATypedRefusal(
            @ForAll("images") String image, @ForAll("mutations") Mutation mutation) {
        byte[] original = ORIGINALS.get(image);
        byte[] mutated = mutation.apply(original);
        MediaType claimed = sniffer.byMagic(original);
        MediaType detected = sniffer.byMagic(mutated);
        // as the pipeline does it (what the bytes show), and as a sender claiming the original type
        transcode(detected.kind() == MediaType.Kind.IMAGE ? detected : claimed, mutated);
        transcode(claimed, mutated);
    }

    @Property(tries = 300)
    void theProbeAloneRefusesWithATypedErrorOnly(
            @ForAll("images") String image, @ForAll("mutations") Mutation mutation) {
        byte[] mutated = mutation.apply(ORIGINALS.get(image));
        try {
            ImageHeader header = converter.probe(sniffer.byMagic(ORIGINALS.get(image)), mutated);
            assertThat(header.pixels()).isBetween(1L, MAX_PIXELS);
        } catch (TranscodeException e) {
            assertThat(e.code()).isIn(TranscodeException.UNSUPPORTED_MEDIA_TYPE, TranscodeException.MEDIA_TOO_LARGE);
        }
    }

    private void transcode(MediaType type, byte[] bytes) {
        try {
            ImageHeader header = converter.probe(type, bytes);
            byte[] jpeg = converter.toJpeg(
                    type, bytes, header, BUDGET, Deadline.after(Clock.systemUTC(), Duration.ofSeconds(30)));
            assertThat(jpeg.length).isBetween(3, (int) BUDGET);
            assertThat(sniffer.byMagic(jpeg)).isEqualTo(MediaType.JPEG);
        } catch (TranscodeException e) {
            assertThat(e.code()).isIn(TranscodeException.UNSUPPORTED_MEDIA_TYPE, TranscodeException.MEDIA_TOO_LARGE);
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
