package io.gomsggw.transcode.av;

import io.gomsggw.core.spi.TranscodeException;
import io.gomsggw.transcode.detect.MediaType;
import io.gomsggw.transcode.image.Deadline;
import io.humble.video.AudioChannel;
import io.humble.video.AudioFormat;
import io.humble.video.Codec;
import io.humble.video.Coder;
import io.humble.video.ContainerFormat;
import io.humble.video.Decoder;
import io.humble.video.Demuxer;
import io.humble.video.DemuxerStream;
import io.humble.video.Encoder;
import io.humble.video.MediaAudio;
import io.humble.video.MediaAudioResampler;
import io.humble.video.MediaDescriptor;
import io.humble.video.MediaPacket;
import io.humble.video.MediaPicture;
import io.humble.video.MediaPictureResampler;
import io.humble.video.Muxer;
import io.humble.video.PixelFormat;
import io.humble.video.Rational;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * Video to MP4 (H.264 baseline + AAC, within the box, default 1280×720) and audio to MP3 (or AAC
 * in M4A when Humble's build has no MP3 encoder) with Humble Video, through temp files (Humble's
 * demuxer and muxer work on file names) that are deleted afterwards. The video bitrate comes from
 * the duration and the budget: {@code 0.9 × budget × 8 / seconds − audio}, at least 100 kb/s;
 * an output still over the budget is encoded again at a lower rate, twice at most. Thread-safe:
 * every call has its own Humble objects.
 */
final class HumbleTranscoder implements AvTranscoder {
    private static final Set<MediaType> VIDEO_IN = EnumSet.of(MediaType.MP4, MediaType.MOV, MediaType.THREE_GPP,
            MediaType.WEBM, MediaType.MATROSKA, MediaType.AVI);
    private static final Set<MediaType> AUDIO_IN = EnumSet.of(MediaType.WAV, MediaType.M4A, MediaType.OGG,
            MediaType.MP3);
    private static final int AUDIO_IN_VIDEO_BPS = 64_000;
    private static final int MIN_VIDEO_BPS = 100_000;
    private static final int MAX_VIDEO_BPS = 4_000_000;
    private static final int AUDIO_RATE = 44_100;
    /** Samples room for one decoded or resampled audio frame (PCM frames have no fixed size). */
    private static final int AUDIO_ROOM = 1 << 16;
    private static final int ATTEMPTS = 3;

    private final int boxWidth;
    private final int boxHeight;
    private final boolean mp3;

    HumbleTranscoder(int maxWidth, int maxHeight) {
        this.boxWidth = Math.min(1280, maxWidth);
        this.boxHeight = Math.min(720, maxHeight);
        this.mp3 = Codec.findEncodingCodecByName("libmp3lame") != null;
    }

    /** Loads the native library and lists the encoders used; throws when it cannot. */
    static String probe() {
        Demuxer.make();
        Codec h264 = Codec.findEncodingCodec(Codec.ID.CODEC_ID_H264);
        Codec aac = Codec.findEncodingCodec(Codec.ID.CODEC_ID_AAC);
        Codec mp3 = Codec.findEncodingCodecByName("libmp3lame");
        if (h264 == null || aac == null) throw new IllegalStateException("no H.264 or AAC encoder in this build");
        return "h264=" + h264.getName() + " aac=" + aac.getName() + " mp3=" + (mp3 == null ? "none" : mp3.getName());
    }

    @Override
    public boolean canTranscode(MediaType type) {
        return VIDEO_IN.contains(type) || AUDIO_IN.contains(type);
    }

    @Override
    public MediaType outputFor(MediaType type) {
        if (VIDEO_IN.contains(type)) return MediaType.MP4;
        return mp3 ? MediaType.MP3 : MediaType.M4A;
    }

    @Override
    public byte[] transcode(MediaType type, byte[] content, long budget, Deadline deadline) throws TranscodeException {
        boolean video = VIDEO_IN.contains(type);
        MediaType out = outputFor(type);
        Path in = null;
        Path result = null;
        try {
            in = Files.createTempFile("gomsggw-av-", "." + type.extension());
            result = Files.createTempFile("gomsggw-av-", "." + out.extension());
            Files.write(in, content);
            double seconds = duration(in, type);
            long bits = (long) (0.9 * budget * 8 / seconds);
            int audioBps;
            int videoBps;
            if (video) {
                audioBps = AUDIO_IN_VIDEO_BPS;
                videoBps = (int) Math.min(MAX_VIDEO_BPS, Math.max(MIN_VIDEO_BPS, bits - audioBps));
            } else {
                videoBps = 0;
                audioBps = audioBitrate(bits);
            }
            for (int attempt = 1; ; attempt++) {
                deadline.check(type.mime());
                encode(in, result, type, out, videoBps, audioBps, deadline);
                long size = Files.size(result);
                if (size <= budget) return Files.readAllBytes(result);
                boolean floor = video ? videoBps <= MIN_VIDEO_BPS : audioBps <= 8_000;
                if (attempt >= ATTEMPTS || floor) {
                    throw new TranscodeException(TranscodeException.MEDIA_TOO_LARGE,
                            type.label() + " of " + content.length + " bytes came to " + size
                                    + " bytes as " + out.label() + ", over its budget of " + budget + " bytes");
                }
                double ratio = 0.9 * budget / size;
                if (video) {
                    videoBps = (int) Math.max(MIN_VIDEO_BPS, videoBps * ratio - (1 - ratio) * audioBps);
                } else {
                    audioBps = audioBitrate((long) (audioBps * ratio));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new TranscodeException(TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                    type.label() + " (" + type.mime() + ") could not be transcoded: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranscodeException(TranscodeException.MEDIA_TOO_LARGE,
                    "transcoding " + type.mime() + " was interrupted");
        } finally {
            delete(in);
            delete(result);
        }
    }

    /** MP3 / AAC rates the encoders take, between 8 and 128 kb/s. */
    private static int audioBitrate(long bps) {
        int[] rates = {128_000, 96_000, 64_000, 48_000, 32_000, 24_000, 16_000, 8_000};
        for (int r : rates) if (r <= bps) return r;
        return 8_000;
    }

    private static double duration(Path in, MediaType type) throws IOException, InterruptedException, TranscodeException {
        Demuxer demuxer = Demuxer.make();
        open(demuxer, in, type);
        try {
            long micros = demuxer.getDuration();
            if (micros > 0) return Math.max(0.5, micros / 1_000_000.0);
            for (int i = 0; i < demuxer.getNumStreams(); i++) {
                DemuxerStream s = demuxer.getStream(i);
                if (s.getDuration() > 0 && s.getTimeBase() != null) {
                    return Math.max(0.5, s.getDuration() * s.getTimeBase().getDouble());
                }
            }
            return 10; // unknown: guess, and let the retries correct it
        } finally {
            demuxer.close();
        }
    }

    private static void open(Demuxer demuxer, Path in, MediaType type) throws InterruptedException, TranscodeException {
        try {
            demuxer.open(in.toString(), null, false, true, null, null);
        } catch (IOException | RuntimeException e) {
            throw new TranscodeException(TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                    type.label() + " (" + type.mime() + ") could not be opened: " + e.getMessage());
        }
    }

    private void encode(Path in, Path out, MediaType type, MediaType outType, int videoBps, int audioBps,
                        Deadline deadline) throws IOException, InterruptedException, TranscodeException {
        Demuxer demuxer = Demuxer.make();
        open(demuxer, in, type);
        Muxer muxer = null;
        try {
            int videoIndex = -1;
            int audioIndex = -1;
            Decoder videoDecoder = null;
            Decoder audioDecoder = null;
            DemuxerStream videoStream = null;
            for (int i = 0; i < demuxer.getNumStreams(); i++) {
                DemuxerStream s = demuxer.getStream(i);
                Decoder d = s.getDecoder();
                if (d == null) continue;
                if (d.getCodecType() == MediaDescriptor.Type.MEDIA_VIDEO && videoIndex < 0 && outType == MediaType.MP4) {
                    videoIndex = i;
                    videoDecoder = d;
                    videoStream = s;
                } else if (d.getCodecType() == MediaDescriptor.Type.MEDIA_AUDIO && audioIndex < 0) {
                    audioIndex = i;
                    audioDecoder = d;
                }
            }
            if (outType == MediaType.MP4 && videoDecoder == null) {
                throw new TranscodeException(TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                        type.label() + " (" + type.mime() + ") has no video stream that can be decoded");
            }
            if (outType != MediaType.MP4 && audioDecoder == null) {
                throw new TranscodeException(TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                        type.label() + " (" + type.mime() + ") has no audio stream that can be decoded");
            }
            muxer = Muxer.make(out.toString(), null, outType == MediaType.MP3 ? "mp3" : "mp4");
            boolean globalHeader = muxer.getFormat().getFlag(ContainerFormat.Flag.GLOBAL_HEADER);

            VideoPath videoPath = null;
            if (videoDecoder != null) {
                videoDecoder.open(null, null);
                videoPath = new VideoPath(videoDecoder, videoStream, videoBps, globalHeader);
                muxer.addNewStream(videoPath.encoder);
            }
            AudioPath audioPath = null;
            if (audioDecoder != null) {
                audioDecoder.open(null, null);
                boolean toMp3 = outType == MediaType.MP3;
                audioPath = new AudioPath(audioDecoder, toMp3, audioBps, globalHeader);
                muxer.addNewStream(audioPath.encoder);
            }
            muxer.open(null, null);
            int muxVideo = videoPath == null ? -1 : 0;
            int muxAudio = audioPath == null ? -1 : (videoPath == null ? 0 : 1);
            if (videoPath != null) videoPath.streamIndex = muxVideo;
            if (audioPath != null) audioPath.streamIndex = muxAudio;

            MediaPacket packet = MediaPacket.make();
            while (demuxer.read(packet) >= 0) {
                deadline.check(type.mime());
                int index = packet.getStreamIndex();
                if (videoPath != null && index == videoIndex) {
                    videoPath.decode(packet, muxer);
                } else if (audioPath != null && index == audioIndex) {
                    audioPath.decode(packet, muxer);
                }
            }
            if (videoPath != null) videoPath.finish(muxer);
            if (audioPath != null) audioPath.finish(muxer);
        } finally {
            if (muxer != null) muxer.close();
            demuxer.close();
        }
    }

    /** Decoder → scaler → H.264 encoder. */
    private final class VideoPath {
        final Decoder decoder;
        final Encoder encoder;
        final MediaPicture decoded;
        final MediaPicture scaled;
        final MediaPictureResampler scaler;
        final MediaPacket out = MediaPacket.make();
        int streamIndex;
        long frames;

        VideoPath(Decoder decoder, DemuxerStream stream, int bitrate, boolean globalHeader) {
            this.decoder = decoder;
            int w = decoder.getWidth();
            int h = decoder.getHeight();
            int[] size = fit(w, h);
            int fps = 25;
            Rational rate = stream.getFrameRate();
            if (rate != null && rate.getDouble() > 0) fps = (int) Math.max(1, Math.min(60, Math.round(rate.getDouble())));
            encoder = Encoder.make(Codec.findEncodingCodec(Codec.ID.CODEC_ID_H264));
            encoder.setWidth(size[0]);
            encoder.setHeight(size[1]);
            encoder.setPixelFormat(PixelFormat.Type.PIX_FMT_YUV420P);
            encoder.setTimeBase(Rational.make(1, fps));
            encoder.setProperty("b", (long) bitrate);
            trySet(encoder, "profile", "baseline");
            trySet(encoder, "preset", "veryfast");
            if (globalHeader) encoder.setFlag(Coder.Flag.FLAG_GLOBAL_HEADER, true);
            encoder.open(null, null);
            decoded = MediaPicture.make(w, h, decoder.getPixelFormat());
            scaled = MediaPicture.make(size[0], size[1], PixelFormat.Type.PIX_FMT_YUV420P);
            scaler = MediaPictureResampler.make(size[0], size[1], PixelFormat.Type.PIX_FMT_YUV420P, w, h,
                    decoder.getPixelFormat(), 0);
            scaler.open();
        }

        void decode(MediaPacket packet, Muxer muxer) {
            int offset = 0;
            while (offset < packet.getSize()) {
                int read = decoder.decode(decoded, packet, offset);
                if (decoded.isComplete()) encode(muxer);
                if (read <= 0) break;
                offset += read;
            }
        }

        void finish(Muxer muxer) {
            do {
                decoder.decode(decoded, null, 0);
                if (decoded.isComplete()) encode(muxer);
            } while (decoded.isComplete());
            do {
                encoder.encode(out, null);
                if (out.isComplete()) muxer.write(out, true);
            } while (out.isComplete());
        }

        private void encode(Muxer muxer) {
            scaler.resample(scaled, decoded);
            scaled.setTimeBase(encoder.getTimeBase());
            scaled.setTimeStamp(frames++);
            scaled.setComplete(true);
            encoder.encode(out, scaled);
            if (out.isComplete()) muxer.write(out, true);
        }
    }

    /** Decoder → resampler to 16-bit PCM → fixed-size frames → MP3 or AAC encoder. */
    private static final class AudioPath {
        final Decoder decoder;
        final Encoder encoder;
        final MediaAudio decoded;
        final MediaAudio resampled;
        MediaAudioResampler resampler;
        final MediaPacket out = MediaPacket.make();
        final int channels;
        final AudioChannel.Layout layout;
        final AudioFormat.Type format;
        final int frameSize;
        final byte[] pending;
        int pendingBytes;
        long samples;
        int streamIndex;

        AudioPath(Decoder decoder, boolean mp3, int bitrate, boolean globalHeader) {
            this.decoder = decoder;
            Codec codec = mp3 ? Codec.findEncodingCodecByName("libmp3lame") : Codec.findEncodingCodec(Codec.ID.CODEC_ID_AAC);
            // MP3 mono as S16P (one plane, the same bytes as packed); AAC stereo in the encoder's format.
            channels = mp3 ? 1 : 2;
            layout = mp3 ? AudioChannel.Layout.CH_LAYOUT_MONO : AudioChannel.Layout.CH_LAYOUT_STEREO;
            format = mp3 ? AudioFormat.Type.SAMPLE_FMT_S16P : packedS16OrFail(codec);
            encoder = Encoder.make(codec);
            encoder.setSampleRate(AUDIO_RATE);
            encoder.setChannels(channels);
            encoder.setChannelLayout(layout);
            encoder.setSampleFormat(format);
            encoder.setTimeBase(Rational.make(1, AUDIO_RATE));
            encoder.setProperty("b", (long) bitrate);
            if (globalHeader) encoder.setFlag(Coder.Flag.FLAG_GLOBAL_HEADER, true);
            encoder.open(null, null);
            frameSize = encoder.getFrameSize() > 0 ? encoder.getFrameSize() : 1152;
            pending = new byte[(AUDIO_ROOM + frameSize) * channels * 2];
            decoded = MediaAudio.make(AUDIO_ROOM, decoder.getSampleRate(), decoder.getChannels(),
                    inputLayout(decoder), decoder.getSampleFormat());
            resampled = MediaAudio.make(AUDIO_ROOM, AUDIO_RATE, channels, layout, AudioFormat.Type.SAMPLE_FMT_S16);
        }

        private static AudioFormat.Type packedS16OrFail(Codec codec) {
            // libvo_aacenc takes packed S16; the native "aac" encoder takes FLTP, which this path does not feed.
            if (!codec.getSupportedAudioFormats().contains(AudioFormat.Type.SAMPLE_FMT_S16)) {
                throw new IllegalStateException("AAC encoder " + codec.getName() + " does not take 16-bit PCM");
            }
            return AudioFormat.Type.SAMPLE_FMT_S16;
        }

        private static AudioChannel.Layout inputLayout(Decoder decoder) {
            AudioChannel.Layout l = decoder.getChannelLayout();
            if (l == null || l == AudioChannel.Layout.CH_LAYOUT_UNKNOWN) l = AudioChannel.getDefaultLayout(decoder.getChannels());
            return l;
        }

        void decode(MediaPacket packet, Muxer muxer) {
            int offset = 0;
            while (offset < packet.getSize()) {
                int read = decoder.decode(decoded, packet, offset);
                if (decoded.isComplete()) take(muxer);
                if (read <= 0) break;
                offset += read;
            }
        }

        void finish(Muxer muxer) {
            do {
                decoder.decode(decoded, null, 0);
                if (decoded.isComplete()) take(muxer);
            } while (decoded.isComplete());
            if (pendingBytes > 0) {
                java.util.Arrays.fill(pending, pendingBytes, frameSize * channels * 2, (byte) 0);
                pendingBytes = frameSize * channels * 2;
                drain(muxer);
            }
            do {
                encoder.encode(out, null);
                if (out.isComplete()) muxer.write(out, true);
            } while (out.isComplete());
        }

        private void take(Muxer muxer) {
            MediaAudio input = decoded;
            if (input.getChannelLayout() == AudioChannel.Layout.CH_LAYOUT_UNKNOWN && !input.isPlanar()) {
                // PCM (WAV) often comes without a layout, which the resampler needs: label it.
                MediaAudio labelled = MediaAudio.make(input.getData(0), input.getNumSamples(), input.getSampleRate(),
                        input.getChannels(), AudioChannel.getDefaultLayout(input.getChannels()), input.getFormat());
                labelled.setNumSamples(input.getNumSamples());
                labelled.setTimeBase(input.getTimeBase());
                labelled.setTimeStamp(input.getTimeStamp());
                labelled.setComplete(true);
                input = labelled;
            }
            if (resampler == null) {
                resampler = MediaAudioResampler.make(layout, AUDIO_RATE, AudioFormat.Type.SAMPLE_FMT_S16,
                        input.getChannelLayout(), input.getSampleRate(), input.getFormat());
                resampler.open();
            }
            resampler.resample(resampled, input);
            int n = resampled.getNumSamples();
            if (n <= 0) return;
            int bytes = n * channels * 2;
            if (pendingBytes + bytes > pending.length) drain(muxer);
            resampled.getData(0).get(0, pending, pendingBytes, bytes);
            pendingBytes += bytes;
            drain(muxer);
        }

        /** Encodes every whole frame in {@code pending}. */
        private void drain(Muxer muxer) {
            int frameBytes = frameSize * channels * 2;
            int at = 0;
            while (pendingBytes - at >= frameBytes) {
                MediaAudio frame = MediaAudio.make(frameSize, AUDIO_RATE, channels, layout, format);
                frame.getData(0).put(pending, at, 0, frameBytes);
                frame.setNumSamples(frameSize);
                frame.setTimeBase(encoder.getTimeBase());
                frame.setTimeStamp(samples);
                frame.setComplete(true);
                samples += frameSize;
                at += frameBytes;
                encoder.encode(out, frame);
                if (out.isComplete()) muxer.write(out, true);
            }
            System.arraycopy(pending, at, pending, 0, pendingBytes - at);
            pendingBytes -= at;
        }
    }

    private static void trySet(Encoder encoder, String name, String value) {
        try {
            encoder.setProperty(name, value);
        } catch (RuntimeException ignored) {
            // not settable in this build: the encoder's default is used
        }
    }

    /** Scales to fit the box (turned for portrait), never up, even dimensions. */
    int[] fit(int w, int h) {
        int bw = w >= h ? boxWidth : boxHeight;
        int bh = w >= h ? boxHeight : boxWidth;
        double scale = Math.min(1.0, Math.min((double) bw / w, (double) bh / h));
        int ow = Math.max(2, (int) Math.round(w * scale) & ~1);
        int oh = Math.max(2, (int) Math.round(h * scale) & ~1);
        return new int[] {ow, oh};
    }

    private static void delete(Path p) {
        if (p == null) return;
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temp file left behind; nothing else to do
        }
    }
}
