package io.gomsggw.transcode.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrientationTest {
    /** A 3×2 image whose pixels are 1..6, row by row. */
    private static BufferedImage sample() {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        int v = 1;
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) img.setRGB(x, y, v++);
        }
        return img;
    }

    private static String rows(BufferedImage img) {
        StringBuilder s = new StringBuilder();
        for (int y = 0; y < img.getHeight(); y++) {
            if (y > 0) s.append('/');
            for (int x = 0; x < img.getWidth(); x++) s.append(img.getRGB(x, y) & 0xFFFFFF);
        }
        return s.toString();
    }

    /**
     * Stored:  1 2 3
     *          4 5 6
     * Each row of the table is what a viewer honouring the EXIF orientation shows.
     */
    @ParameterizedTest
    @CsvSource({
        "1, 123/456",
        "2, 321/654",
        "3, 654/321",
        "4, 456/123",
        "5, 14/25/36",
        "6, 41/52/63",
        "7, 63/52/41",
        "8, 36/25/14",
    })
    void allEightOrientations(int orientation, String expected) {
        assertThat(rows(Orientation.apply(sample(), orientation))).isEqualTo(expected);
    }
}
