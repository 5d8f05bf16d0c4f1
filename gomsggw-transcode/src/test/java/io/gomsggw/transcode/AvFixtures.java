package io.gomsggw.transcode;

import io.humble.video.AudioChannel;
import io.humble.video.AudioFormat;
import io.humble.video.Codec;
import io.humble.video.Coder;
import io.humble.video.ContainerFormat;
import io.humble.video.Encoder;
import io.humble.video.MediaAudio;
import io.humble.video.MediaPacket;
import io.humble.video.MediaPicture;
import io.humble.video.Muxer;
import io.humble.video.PixelFormat;
import io.humble.video.Rational;
import io.humble.video.awt.MediaPictureConverter;
import io.humble.video.awt.MediaPictureConverterFactory;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Video and audio made by the tests themselves: a clip encoded with Humble Video, a WAV written by hand. */
final class AvFixtures {
    private AvFixtures() {}

    /**
     * An H.264 MP4 of a colored square moving over shifting noise (so it compresses badly), at a
     * high bitrate.
     */
    static byte[] mp4(int width, int height, int fps, int seconds, int bitrate) throws Exception {
        Path file = Files.createTempFile("gomsggw-fixture-", ".mp4");
        try {
            Muxer muxer = Muxer.make(file.toString(), null, "mp4");
            Encoder encoder = Encoder.make(Codec.findEncodingCodec(Codec.ID.CODEC_ID_H264));
            encoder.setWidth(width);
            encoder.setHeight(height);
            encoder.setPixelFormat(PixelFormat.Type.PIX_FMT_YUV420P);
            encoder.setTimeBase(Rational.make(1, fps));
            encoder.setProperty("b", (long) bitrate);
            encoder.setProperty("preset", "ultrafast");
            if (muxer.getFormat().getFlag(ContainerFormat.Flag.GLOBAL_HEADER)) {
                encoder.setFlag(Coder.Flag.FLAG_GLOBAL_HEADER, true);
            }
            encoder.open(null, null);
            muxer.addNewStream(encoder);
            // A sine-wave AAC track (libvo_aacenc takes packed 16-bit stereo in frames of 1024).
            Encoder aac = Encoder.make(Codec.findEncodingCodec(Codec.ID.CODEC_ID_AAC));
            aac.setSampleRate(44_100);
            aac.setChannels(2);
            aac.setChannelLayout(AudioChannel.Layout.CH_LAYOUT_STEREO);
            aac.setSampleFormat(AudioFormat.Type.SAMPLE_FMT_S16);
            aac.setTimeBase(Rational.make(1, 44_100));
            aac.setProperty("b", 128_000L);
            if (muxer.getFormat().getFlag(ContainerFormat.Flag.GLOBAL_HEADER)) {
                aac.setFlag(Coder.Flag.FLAG_GLOBAL_HEADER, true);
            }
            aac.open(null, null);
            muxer.addNewStream(aac);
            muxer.open(null, null);
            byte[] pcm = Arrays.copyOfRange(wav(44_100, 2, seconds, 440), 44, 44 + 44_100 * 2 * 2 * seconds);
            int frameBytes = aac.getFrameSize() * 4;
            MediaPacket audioPacket = MediaPacket.make();
            for (int at = 0, n = 0; at + frameBytes <= pcm.length; at += frameBytes, n++) {
                MediaAudio a = MediaAudio.make(
                        aac.getFrameSize(),
                        44_100,
                        2,
                        AudioChannel.Layout.CH_LAYOUT_STEREO,
                        AudioFormat.Type.SAMPLE_FMT_S16);
                a.getData(0).put(pcm, at, 0, frameBytes);
                a.setNumSamples(aac.getFrameSize());
                a.setTimeBase(aac.getTimeBase());
                a.setTimeStamp((long) n * aac.getFrameSize());
                a.setComplete(true);
                aac.encode(audioPacket, a);
                if (audioPacket.isComplete()) muxer.write(audioPacket, false);
            }
            do {
                aac.encode(audioPacket, null);
                if (audioPacket.isComplete()) muxer.write(audioPacket, false);
            } while (audioPacket.isComplete());

            BufferedImage noise = Fixtures.photoLike(width + 64, height + 64, 7);
            BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            MediaPicture picture = MediaPicture.make(width, height, PixelFormat.Type.PIX_FMT_YUV420P);
            picture.setTimeBase(encoder.getTimeBase());
            MediaPictureConverter converter = null;
            MediaPacket packet = MediaPacket.make();
            int frames = fps * seconds;
            for (int i = 0; i < frames; i++) {
                Graphics2D g = frame.createGraphics();
                g.drawImage(noise, -(i * 7 % 64), -(i * 3 % 64), null);
                g.setColor(Color.getHSBColor(i / (float) frames, 0.9f, 0.9f));
                int side = height / 4;
                g.fillRect((width - side) * i / frames, (height - side) / 2, side, side);
                g.dispose();
                if (converter == null) converter = MediaPictureConverterFactory.createConverter(frame, picture);
                converter.toPicture(picture, frame, i);
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

    /** A 16-bit PCM WAV of a sine wave. */
    static byte[] wav(int sampleRate, int channels, double seconds, double hz) {
        int samples = (int) (sampleRate * seconds);
        int dataBytes = samples * channels * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
        b.put("fmt ".getBytes())
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) channels)
                .putInt(sampleRate)
                .putInt(sampleRate * channels * 2)
                .putShort((short) (channels * 2))
                .putShort((short) 16);
        b.put("data".getBytes()).putInt(dataBytes);
        for (int i = 0; i < samples; i++) {
            short v = (short) (Math.sin(2 * Math.PI * hz * i / sampleRate) * 12_000);
            for (int c = 0; c < channels; c++) b.putShort(v);
        }
        return b.array();
    }

    /** Width, height and codec of the first video stream, read back with Humble's demuxer. */
    record VideoInfo(int width, int height, Codec.ID codec) {}

    static VideoInfo videoInfo(byte[] mp4) throws Exception {
        return readBack(mp4, ".mp4", demuxer -> {
            VideoStream video = firstVideoStream(demuxer);
            return video == null
                    ? null
                    : new VideoInfo(
                            video.decoder().getWidth(),
                            video.decoder().getHeight(),
                            video.decoder().getCodecID());
        });
    }

    /** The codec ids of all streams. */
    static java.util.List<Codec.ID> codecs(byte[] media, String suffix) throws Exception {
        return readBack(media, suffix, demuxer -> {
            java.util.List<Codec.ID> ids = new java.util.ArrayList<>();
            for (int i = 0; i < demuxer.getNumStreams(); i++) {
                io.humble.video.Decoder d = demuxer.getStream(i).getDecoder();
                ids.add(d == null ? null : d.getCodecID());
            }
            return ids;
        });
    }

    /** The container's duration in seconds, read back with Humble's demuxer. */
    static double seconds(byte[] media, String suffix) throws Exception {
        return readBack(media, suffix, demuxer -> demuxer.getDuration() / 1_000_000.0);
    }

    /** What decoding the first video stream gives: how many pictures, and the first as an image. */
    record DecodedVideo(int pictures, BufferedImage first) {}

    /** Decodes every packet of the first video stream with Humble's decoder. */
    static DecodedVideo decodeVideo(byte[] media, String suffix) throws Exception {
        return readBack(media, suffix, demuxer -> {
            VideoStream video = firstVideoStream(demuxer);
            if (video == null) return new DecodedVideo(0, null);
            io.humble.video.Decoder decoder = video.decoder();
            decoder.open(null, null);
            MediaPicture picture = MediaPicture.make(decoder.getWidth(), decoder.getHeight(), decoder.getPixelFormat());
            MediaPictureConverter converter =
                    MediaPictureConverterFactory.createConverter(MediaPictureConverterFactory.HUMBLE_BGR_24, picture);
            BufferedImage first = null;
            int pictures = 0;
            MediaPacket packet = MediaPacket.make();
            while (demuxer.read(packet) >= 0) {
                if (packet.getStreamIndex() != video.index()) continue;
                int offset = 0;
                while (offset < packet.getSize()) {
                    int read = decoder.decode(picture, packet, offset);
                    if (picture.isComplete() && pictures++ == 0) first = converter.toImage(null, picture);
                    if (read <= 0) break;
                    offset += read;
                }
            }
            do {
                decoder.decode(picture, null, 0);
                if (picture.isComplete() && pictures++ == 0) first = converter.toImage(null, picture);
            } while (picture.isComplete());
            return new DecodedVideo(pictures, first);
        });
    }

    /** Reads what the demuxer gives. */
    @FunctionalInterface
    private interface DemuxerRead<T> {
        T read(io.humble.video.Demuxer demuxer) throws Exception;
    }

    /** Writes {@code media} to a temporary file, opens it with Humble's demuxer and applies {@code read}. */
    private static <T> T readBack(byte[] media, String suffix, DemuxerRead<T> read) throws Exception {
        Path file = Files.createTempFile("gomsggw-readback-", suffix);
        try {
            Files.write(file, media);
            io.humble.video.Demuxer demuxer = io.humble.video.Demuxer.make();
            demuxer.open(file.toString(), null, false, true, null, null);
            try {
                return read.read(demuxer);
            } finally {
                demuxer.close();
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private record VideoStream(int index, io.humble.video.Decoder decoder) {}

    /** The first video stream and its decoder, or null. */
    private static VideoStream firstVideoStream(io.humble.video.Demuxer demuxer) throws Exception {
        for (int i = 0; i < demuxer.getNumStreams(); i++) {
            io.humble.video.Decoder d = demuxer.getStream(i).getDecoder();
            if (d != null && d.getCodecType() == io.humble.video.MediaDescriptor.Type.MEDIA_VIDEO) {
                return new VideoStream(i, d);
            }
        }
        return null;
    }

    /** AVCProfileIndication from the avcC box (66 = baseline), or -1. */
    static int avcProfile(byte[] mp4) {
        for (int i = 0; i + 9 < mp4.length; i++) {
            if (mp4[i] == 'a' && mp4[i + 1] == 'v' && mp4[i + 2] == 'c' && mp4[i + 3] == 'C') return mp4[i + 5] & 0xFF;
        }
        return -1;
    }
}
