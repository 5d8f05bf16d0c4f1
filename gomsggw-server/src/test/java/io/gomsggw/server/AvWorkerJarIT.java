package io.gomsggw.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.gomsggw.core.metrics.GatewayMetrics;
import io.gomsggw.transcode.av.Reencoded;
import io.gomsggw.transcode.detect.MediaSniffer;
import io.gomsggw.transcode.detect.MediaType;
import io.gomsggw.transcode.worker.AvWorkerPool;
import io.gomsggw.transcode.worker.AvWorkerSettings;
import io.gomsggw.transcode.worker.WorkerLauncher;
import io.humble.video.Codec;
import io.humble.video.Coder;
import io.humble.video.ContainerFormat;
import io.humble.video.Encoder;
import io.humble.video.MediaPacket;
import io.humble.video.MediaPicture;
import io.humble.video.Muxer;
import io.humble.video.PixelFormat;
import io.humble.video.Rational;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The shaded jar's video and audio worker, as the server starts it ({@code java -cp gomsggw-server.jar
 * io.gomsggw.transcode.worker.AvWorkerMain}): Humble Video finds its native library through the
 * server jar's manifest, and a video and a sound are re-encoded through it. Run by failsafe after
 * {@code package}; only where the native build exists (Linux x86-64).
 */
@EnabledOnOs(value = OS.LINUX, architectures = "amd64")
class AvWorkerJarIT {
    private static final MetricRegistry registry = new MetricRegistry();
    private static AvWorkerPool pool;

    @BeforeAll
    static void startWorker() {
        Path jar = Path.of(System.getProperty("gomsggw.server.jar", "target/gomsggw-server.jar"))
                .toAbsolutePath();
        assertThat(jar)
                .as("the shaded jar; run mvn verify, which packages it first")
                .isRegularFile();
        pool = new AvWorkerPool(
                AvWorkerSettings.defaults().withWorkers(1),
                WorkerLauncher.sameClassPath().withClassPath(jar.toString()),
                new GatewayMetrics(registry));
        pool.warmUp();
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @Test
    void aVideoIsReencodedByTheServerJarsWorker() throws Exception {
        byte[] clip = noiseMp4(640, 480, 15, 3);
        long budget = clip.length / 4;

        Reencoded out = pool.transcode(MediaType.MP4, clip, budget, List.of(MediaType.MP4, MediaType.THREE_GPP))
                .get(120, TimeUnit.SECONDS);

        assertThat(out.type()).isIn(MediaType.MP4, MediaType.THREE_GPP);
        assertThat((long) out.content().length).isLessThanOrEqualTo(budget);
        assertThat(new MediaSniffer().byMagic(out.content())).isEqualTo(out.type());
        assertThat(registry.counter("gomsggw_transcode_worker_jobs{outcome=\"transcoded\"}")
                        .getCount())
                .isPositive();
    }

    @Test
    void aSoundIsReencodedToMp3ByTheServerJarsWorker() throws Exception {
        byte[] wav = wav(44_100, 2, 3);

        Reencoded out = pool.transcode(MediaType.WAV, wav, 60_000, List.of(MediaType.MP3, MediaType.M4A))
                .get(120, TimeUnit.SECONDS);

        assertThat(out.type()).as("the jar's build has libmp3lame").isEqualTo(MediaType.MP3);
        assertThat(out.content().length).isLessThanOrEqualTo(60_000);
        assertThat(new MediaSniffer().byMagic(out.content())).isEqualTo(MediaType.MP3);
    }

    /** An H.264 MP4 of noise (it compresses badly), made with Humble Video in this JVM. */
    private static byte[] noiseMp4(int width, int height, int fps, int seconds) throws Exception {
        Path file = Files.createTempFile("gomsggw-it-", ".mp4");
        try {
            Muxer muxer = Muxer.make(file.toString(), null, "mp4");
            Encoder encoder = Encoder.make(Codec.findEncodingCodec(Codec.ID.CODEC_ID_H264));
            encoder.setWidth(width);
            encoder.setHeight(height);
            encoder.setPixelFormat(PixelFormat.Type.PIX_FMT_YUV420P);
            encoder.setTimeBase(Rational.make(1, fps));
            encoder.setProperty("b", 4_000_000L);
            encoder.setProperty("preset", "ultrafast");
            if (muxer.getFormat().getFlag(ContainerFormat.Flag.GLOBAL_HEADER)) {
                encoder.setFlag(Coder.Flag.FLAG_GLOBAL_HEADER, true);
            }
            encoder.open(null, null);
            muxer.addNewStream(encoder);
            muxer.open(null, null);
            MediaPicture picture = MediaPicture.make(width, height, PixelFormat.Type.PIX_FMT_YUV420P);
            picture.setTimeBase(encoder.getTimeBase());
            MediaPacket packet = MediaPacket.make();
            Random random = new Random(1);
            byte[] luma = new byte[picture.getLineSize(0) * height];
            for (int i = 0; i < fps * seconds; i++) {
                random.nextBytes(luma);
                picture.getData(0).put(luma, 0, 0, luma.length);
                picture.setTimeStamp(i);
                picture.setComplete(true);
                encoder.encode(packet, picture);
                if (packet.isComplete()) muxer.write(packet, false);
            }
            do {
                encoder.encode(packet, null);
                if (packet.isComplete()) muxer.write(packet, false);
            } while (packet.isComplete());
            muxer.close();
            return Files.readAllBytes(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** A 16-bit PCM WAV of a 440 Hz sine. */
    private static byte[] wav(int rate, int channels, int seconds) {
        int samples = rate * seconds;
        int dataBytes = samples * channels * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt(36 + dataBytes)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) channels)
                .putInt(rate)
                .putInt(rate * channels * 2)
                .putShort((short) (channels * 2))
                .putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
        for (int i = 0; i < samples; i++) {
            short v = (short) (Math.sin(2 * Math.PI * 440 * i / rate) * 12_000);
            for (int c = 0; c < channels; c++) b.putShort(v);
        }
        return b.array();
    }
}
