package io.gomsggw.transcode.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MediaSnifferTest {
    private final MediaSniffer sniffer = new MediaSniffer();

    private static byte[] bytes(int... v) {
        byte[] b = new byte[Math.max(v.length, 32)];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }

    private static byte[] ascii(String head, int padTo) {
        return Arrays.copyOf(head.getBytes(StandardCharsets.ISO_8859_1), padTo);
    }

    @Test
    void images() {
        assertThat(sniffer.detect(bytes(0xFF, 0xD8, 0xFF, 0xE0), "text/plain")).isEqualTo(MediaType.JPEG);
        assertThat(sniffer.detect(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A), null))
                .isEqualTo(MediaType.PNG);
        assertThat(sniffer.detect(ascii("GIF89a", 32), null)).isEqualTo(MediaType.GIF);
        assertThat(sniffer.detect(ascii("GIF87a", 32), null)).isEqualTo(MediaType.GIF);
        assertThat(sniffer.detect(ascii("BM", 32), "image/png")).isEqualTo(MediaType.BMP);
        assertThat(sniffer.detect(bytes('I', 'I', 0x2A, 0), null)).isEqualTo(MediaType.TIFF);
        assertThat(sniffer.detect(bytes('M', 'M', 0, 0x2A), null)).isEqualTo(MediaType.TIFF);
        assertThat(sniffer.detect(ascii("RIFF\0\0\0\0WEBPVP8 ", 32), null)).isEqualTo(MediaType.WEBP);
    }

    @Test
    void videoAndAudio() {
        assertThat(sniffer.detect(ascii("\0\0\0\u0018ftypisom", 32), null)).isEqualTo(MediaType.MP4);
        assertThat(sniffer.detect(ascii("\0\0\0\u0018ftypmp42", 32), null)).isEqualTo(MediaType.MP4);
        assertThat(sniffer.detect(ascii("\0\0\0\u0014ftypqt  ", 32), null)).isEqualTo(MediaType.MOV);
        assertThat(sniffer.detect(ascii("\0\0\0\u0018ftyp3gp4", 32), null)).isEqualTo(MediaType.THREE_GPP);
        assertThat(sniffer.detect(ascii("\0\0\0\u0018ftypM4A ", 32), null)).isEqualTo(MediaType.M4A);
        byte[] webm = bytes(0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, 'w', 'e', 'b', 'm');
        assertThat(sniffer.detect(webm, null)).isEqualTo(MediaType.WEBM);
        byte[] mkv = bytes(0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x88, 'm', 'a', 't', 'r');
        assertThat(sniffer.detect(mkv, null)).isEqualTo(MediaType.MATROSKA);
        assertThat(sniffer.detect(ascii("RIFF\0\0\0\0AVI LIST", 32), null)).isEqualTo(MediaType.AVI);
        assertThat(sniffer.detect(ascii("RIFF\0\0\0\0WAVEfmt ", 32), null)).isEqualTo(MediaType.WAV);
        assertThat(sniffer.detect(ascii("OggS", 32), null)).isEqualTo(MediaType.OGG);
        assertThat(sniffer.detect(ascii("ID3\u0004", 32), null)).isEqualTo(MediaType.MP3);
        assertThat(sniffer.detect(bytes(0xFF, 0xFB, 0x90, 0x64), null)).isEqualTo(MediaType.MP3);
        assertThat(sniffer.detect(ascii("#!AMR\n", 32), null)).isEqualTo(MediaType.AMR);
    }

    @Test
    void textAndSmilNeedTextBytes() {
        byte[] text = "hello there".getBytes(StandardCharsets.UTF_8);
        assertThat(sniffer.detect(text, "text/plain; charset=utf-8")).isEqualTo(MediaType.TEXT);
        assertThat(sniffer.detect("<smil><body/></smil>".getBytes(StandardCharsets.UTF_8), "application/smil"))
                .isEqualTo(MediaType.SMIL);
        assertThat(sniffer.detect(text, "image/jpeg")).isEqualTo(MediaType.UNKNOWN);
        assertThat(sniffer.detect(bytes(0, 1, 2, 3), "text/plain")).isEqualTo(MediaType.UNKNOWN);
    }

    @Test
    void garbageAndShortInputAreUnknown() {
        assertThat(sniffer.detect(new byte[0], null)).isEqualTo(MediaType.UNKNOWN);
        assertThat(sniffer.detect(new byte[] {(byte) 0xFF}, "image/jpeg")).isEqualTo(MediaType.UNKNOWN);
        assertThat(sniffer.detect("RIFF".getBytes(StandardCharsets.US_ASCII), null))
                .isEqualTo(MediaType.UNKNOWN);
        assertThat(sniffer.detect(bytes(0xDE, 0xAD, 0xBE, 0xEF, 0x00), "video/mp4"))
                .isEqualTo(MediaType.UNKNOWN);
    }
}
