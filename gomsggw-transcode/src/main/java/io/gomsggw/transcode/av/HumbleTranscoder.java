package io.gomsggw.transcode.av;

import io.gomsggw.core.spi.TranscodeException;
import io.gomsggw.transcode.detect.MediaType;
import io.gomsggw.transcode.image.Deadline;
import io.humble.video.AudioFormat;
import io.humble.video.Codec;
import io.humble.video.ContainerFormat;
import io.humble.video.Decoder;
import io.humble.video.Demuxer;
import io.humble.video.DemuxerStream;
import io.humble.video.MediaDescriptor;
import io.humble.video.MediaPacket;
import io.humble.video.Muxer;
import io.humble.video.PixelFormat;
import io.humble.video.Rational;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Video to MP4 (H.264 baseline + AAC, within the box, default 1280×720), falling back to 3GP
 * (H.263 + AMR-NB, 176×144) when MP4 cannot fit, and audio to MP3 (or AAC in M4A when Humble's
 * build has no MP3 encoder), with Humble Video, through temp files (Humble's demuxer and muxer
 * work on file names) that are deleted afterwards. Rates come from the duration and the budget
 * ({@code 0.9 × budget × 8 / seconds} in all, see {@link AvProfile}); an output still over the
 * budget is encoded again at a lower rate, three attempts per output at most. Thread-safe: every
 * call has its own Humble objects.
 */
final class HumbleTranscoder implements AvTranscoder {
    private static final int ATTEMPTS = 3;
    /**
     * Largest decoded picture, 8K UHD: the decoder allocates several frames of this size, so a
     * header declaring 65535 × 65535 is refused before the decoder is opened.
     */
    static final long MAX_VIDEO_PIXELS = 7680L * 4320;

    private final int boxWidth;
    private final int boxHeight;
    private final boolean mp3;
    private final boolean threeGpp;

    HumbleTranscoder(int maxWidth, int maxHeight) {
        this.boxWidth = Math.min(1280, maxWidth);
        this.boxHeight = Math.min(720, maxHeight);
        this.mp3 = Codec.findEncodingCodecByName("libmp3lame") != null;
        this.threeGpp = Codec.findEncodingCodec(Codec.ID.CODEC_ID_H263) != null
                && Codec.findEncodingCodec(Codec.ID.CODEC_ID_AMR_NB) != null;
    }

    /** Loads the native library and lists the encoders used; throws when it cannot. */
    static String probe() {
        Demuxer.make();
        Codec h264 = Codec.findEncodingCodec(Codec.ID.CODEC_ID_H264);
        Codec aac = Codec.findEncodingCodec(Codec.ID.CODEC_ID_AAC);
        Codec mp3 = Codec.findEncodingCodecByName("libmp3lame");
        Codec h263 = Codec.findEncodingCodec(Codec.ID.CODEC_ID_H263);
        Codec amr = Codec.findEncodingCodec(Codec.ID.CODEC_ID_AMR_NB);
        if (h264 == null || aac == null) throw new IllegalStateException("no H.264 or AAC encoder in this build");
        return "h264=" + h264.getName() + " aac=" + aac.getName() + " mp3=" + (mp3 == null ? "none" : mp3.getName())
                + " 3gp=" + (h263 == null || amr == null ? "none" : h263.getName() + "+" + amr.getName());
    }

    @Override
    public boolean canTranscode(MediaType type) {
        return AvFormats.canTranscode(type);
    }

    @Override
    public List<MediaType> outputsFor(MediaType type) {
        if (!AvFormats.isVideo(type)) return List.of(mp3 ? MediaType.MP3 : MediaType.M4A);
        return threeGpp ? List.of(MediaType.MP4, MediaType.THREE_GPP) : List.of(MediaType.MP4);
    }

    @Override
    public Reencoded transcode(MediaType type, byte[] content, long budget, List<MediaType> outputs, Deadline deadline)
            throws TranscodeException {
        if (outputs.isEmpty()) throw new IllegalArgumentException("no output type to encode " + type + " to");
        Path in = null;
        try {
            in = Files.createTempFile("gomsggw-av-", "." + type.extension());
            Files.write(in, content);
            double seconds = duration(in, type);
            List<AvProfile> profiles = new ArrayList<>();
            for (MediaType out : outputs) profiles.add(AvProfile.writing(out));
            TranscodeException tooLarge = null;
            for (int i = 0; i < profiles.size(); i++) {
                AvProfile profile = profiles.get(i);
                boolean last = i == profiles.size() - 1;
                if (!last && profile.floorBytes(seconds) > budget) {
                    continue; // even its lowest rates cannot fit: go straight to the fallback
                }
                try {
                    return new Reencoded(
                            profile.type, encodeToFit(in, type, content.length, profile, seconds, budget, deadline));
                } catch (TranscodeException e) {
                    if (!e.code().equals(TranscodeException.MEDIA_TOO_LARGE)) throw e;
                    tooLarge = e; // over its budget (or past the deadline, which the next output checks first)
                }
            }
            throw tooLarge;
        } catch (IOException | RuntimeException e) {
            throw new TranscodeException(
                    TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                    type.label() + " (" + type.mime() + ") could not be transcoded: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranscodeException(
                    TranscodeException.MEDIA_TOO_LARGE, "transcoding " + type.mime() + " was interrupted");
        } finally {
            delete(in);
        }
    }

    /** Up to {@link #ATTEMPTS} encodes to {@code profile}, each at lower rates than the last. */
    private byte[] encodeToFit(
            Path in,
            MediaType type,
            int originalBytes,
            AvProfile profile,
            double seconds,
            long budget,
            Deadline deadline)
            throws IOException, InterruptedException, TranscodeException {
        Path result = Files.createTempFile("gomsggw-av-", "." + profile.type.extension());
        try {
            AvProfile.Rates rates = profile.first((long) (0.9 * budget * 8 / seconds));
            for (int attempt = 1; ; attempt++) {
                deadline.check(type.mime());
                encode(in, type, result, profile, rates, deadline);
                long size = Files.size(result);
                if (size <= budget) return Files.readAllBytes(result);
                if (attempt >= ATTEMPTS || profile.atFloor(rates)) {
                    throw new TranscodeException(
                            TranscodeException.MEDIA_TOO_LARGE,
                            type.label() + " of " + originalBytes + " bytes came to " + size + " bytes as "
                                    + profile.type.label() + ", over its budget of " + budget + " bytes");
                }
                rates = profile.lower(rates, 0.9 * budget / size);
            }
        } finally {
            delete(result);
        }
    }

    private static double duration(Path in, MediaType type)
            throws IOException, InterruptedException, TranscodeException {
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
            throw new TranscodeException(
                    TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                    type.label() + " (" + type.mime() + ") could not be opened: " + e.getMessage());
        }
    }

    /** One encode of the first video (for a video profile) and the first audio stream. */
    private void encode(Path in, MediaType type, Path out, AvProfile profile, AvProfile.Rates rates, Deadline deadline)
            throws IOException, InterruptedException, TranscodeException {
        Demuxer demuxer = Demuxer.make();
        open(demuxer, in, type);
        Muxer muxer = null;
        boolean complete = false;
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
                if (d.getCodecType() == MediaDescriptor.Type.MEDIA_VIDEO && videoIndex < 0 && profile.hasVideo()) {
                    videoIndex = i;
                    videoDecoder = d;
                    videoStream = s;
                } else if (d.getCodecType() == MediaDescriptor.Type.MEDIA_AUDIO && audioIndex < 0) {
                    audioIndex = i;
                    audioDecoder = d;
                }
            }
            if (profile.hasVideo() && videoDecoder == null) {
                throw new TranscodeException(
                        TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                        type.label() + " (" + type.mime() + ") has no video stream that can be decoded");
            }
            if (!profile.hasVideo() && audioDecoder == null) {
                throw new TranscodeException(
                        TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                        type.label() + " (" + type.mime() + ") has no audio stream that can be decoded");
            }
            if (videoDecoder != null) checkPicture(type, videoDecoder);
            if (audioDecoder != null && videoDecoder == null) checkSound(type, audioDecoder);
            muxer = Muxer.make(out.toString(), null, profile.muxer);
            boolean globalHeader = muxer.getFormat().getFlag(ContainerFormat.Flag.GLOBAL_HEADER);

            VideoPath videoPath = null;
            if (videoDecoder != null) {
                videoDecoder.open(null, null);
                Rational rate = videoStream.getFrameRate();
                double sourceFps = rate == null ? 0 : rate.getDouble();
                VideoSpec spec = profile.video(
                        videoDecoder.getWidth(),
                        videoDecoder.getHeight(),
                        sourceFps,
                        rates.video(),
                        boxWidth,
                        boxHeight);
                videoPath = new VideoPath(videoDecoder, sourceFps, spec, globalHeader);
                muxer.addNewStream(videoPath.encoder());
            }
            AudioPath audioPath = null;
            if (audioDecoder != null) {
                audioDecoder.open(null, null);
                audioPath = new AudioPath(audioDecoder, profile.audio(rates.audio()), globalHeader);
                muxer.addNewStream(audioPath.encoder());
            }
            muxer.open(null, null);

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
            if (videoPath != null ? videoPath.pictures() == 0 : audioPath.samples() == 0) {
                throw new TranscodeException(
                        TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                        type.label() + " (" + type.mime() + ") has no " + (videoPath != null ? "picture" : "sound")
                                + " that decodes");
            }
            complete = true;
        } finally {
            if (muxer != null) close(muxer, complete);
            demuxer.close();
        }
    }

    /**
     * Closes the muxer; after a failure quietly, since Humble throws on closing a muxer that never
     * wrote a packet, and that would hide the failure.
     */
    private static void close(Muxer muxer, boolean complete) {
        if (complete) {
            muxer.close();
            return;
        }
        try {
            muxer.close();
        } catch (RuntimeException e) {
            // the failure that got here is the one to report
        }
    }

    /** Refuses a picture the decoder could not size, or one too large to decode. */
    private static void checkPicture(MediaType type, Decoder decoder) throws TranscodeException {
        int width = decoder.getWidth();
        int height = decoder.getHeight();
        if (width <= 0 || height <= 0 || decoder.getPixelFormat() == PixelFormat.Type.PIX_FMT_NONE) {
            throw new TranscodeException(
                    TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                    type.label() + " (" + type.mime() + ") has no picture that decodes (" + width + "x" + height + ", "
                            + decoder.getPixelFormat() + ")");
        }
        if ((long) width * height > MAX_VIDEO_PIXELS) {
            throw new TranscodeException(
                    TranscodeException.MEDIA_TOO_LARGE,
                    type.mime() + " of " + width + "x" + height + " pixels exceeds the video decoding limit of "
                            + MAX_VIDEO_PIXELS + " pixels");
        }
    }

    /** Refuses sound the decoder could not describe. */
    private static void checkSound(MediaType type, Decoder decoder) throws TranscodeException {
        if (decoder.getSampleRate() <= 0
                || decoder.getChannels() <= 0
                || decoder.getSampleFormat() == AudioFormat.Type.SAMPLE_FMT_NONE) {
            throw new TranscodeException(
                    TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                    type.label() + " (" + type.mime()
                            + ") has no sound that decodes (" + decoder.getSampleRate() + " Hz, "
                            + decoder.getChannels()
                            + " channels)");
        }
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
