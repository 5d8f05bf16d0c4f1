package io.gomsggw.transcode.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.core.spi.TranscodeException;
import io.gomsggw.transcode.Fixtures;
import io.gomsggw.transcode.detect.MediaType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** WebP dimensions from the RIFF chunks, with the libwebp-made fixtures in {@code src/test/resources/webp}. */
class WebpHeaderTest {
    @ParameterizedTest
    @CsvSource({
        "lossless-quadrants-2400x1600.webp, 2400, 1600", // Commons Imaging 1.0.0-alpha6 reads 2400x832 here
        "lossy-quadrants-64x48.webp, 64, 48",
        "lossless-alpha-64x64.webp, 64, 64",
        "lossy-alpha-64x64.webp, 64, 64",
        "animated-red-then-green-32x32.webp, 32, 32"
    })
    void readsTheDeclaredSize(String fixture, int width, int height) {
        WebpHeader header = WebpHeader.parse(Fixtures.webp(fixture));
        assertThat(header.width()).isEqualTo(width);
        assertThat(header.height()).isEqualTo(height);
        assertThat(header.largestPixels()).isEqualTo((long) width * height);
    }

    @Test
    void anAnimationFrameLargerThanItsCanvasCounts() {
        byte[] webp = Fixtures.webpDeclaring(Fixtures.webp("animated-red-then-green-32x32.webp"), "ANMF", 9000, 7000);
        WebpHeader header = WebpHeader.parse(webp);
        assertThat(header.width()).isEqualTo(32);
        assertThat(header.largestWidth()).isEqualTo(9000);
        assertThat(header.largestHeight()).isEqualTo(7000);
    }

    @Test
    void aCutFileIsTruncated() {
        byte[] webp = Fixtures.webp("lossy-alpha-64x64.webp");
        assertThatThrownBy(() -> WebpHeader.parse(Arrays.copyOf(webp, webp.length - 10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void theDecoderChecksTheReadersOwnSizeToo() {
        // past the probe (as if it were skipped), the reader's header still stops a 16383x16383 VP8L
        byte[] bomb = Fixtures.webpDeclaring(Fixtures.webp("lossless-quadrants-2400x1600.webp"), "VP8L", 16383, 16383);
        assertThatThrownBy(() -> new ImageDecoder(50_000_000L).decode(MediaType.WEBP, bomb))
                .isInstanceOf(TranscodeException.class)
                .satisfies(
                        e -> assertThat(((TranscodeException) e).code()).isEqualTo(TranscodeException.MEDIA_TOO_LARGE))
                .hasMessageContaining("16383x16383");
    }
}
