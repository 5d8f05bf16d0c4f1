package io.gomsggw.transcode.av;

import io.gomsggw.transcode.detect.MediaType;
import io.humble.video.AudioChannel;
import io.humble.video.AudioFormat;
import io.humble.video.Codec;
import java.util.Map;

/**
 * The outputs {@link HumbleTranscoder} writes, each with its container, codecs and bitrate rules.
 * A video output takes {@code total − audio} for the picture, kept between its minimum and
 * maximum, at a fixed audio rate; an audio-only output takes the highest of 128…8 kb/s under the
 * total.
 */
enum AvProfile {
    /** H.264 baseline (libx264, {@code veryfast}) + AAC 64 kb/s 44.1 kHz stereo in MP4, within the box. */
    MP4_H264_AAC(MediaType.MP4, "mp4", 100_000, 4_000_000, 64_000),
    /**
     * H.263 + AMR-NB 12.2 kb/s (8 kHz mono) in 3GP: 176×144 (352×288 from 256 kb/s), letterboxed,
     * 5 to 15 fps by rate. The fallback when MP4 cannot fit, and the output when only 3GP is accepted.
     */
    THREE_GPP_H263_AMR(MediaType.THREE_GPP, "3gp", 24_000, 1_000_000, 12_200),
    /** MP3 (libmp3lame), mono 44.1 kHz. */
    MP3(MediaType.MP3, "mp3", 0, 0, 0),
    /** AAC in M4A, stereo 44.1 kHz: audio when the build has no MP3 encoder. */
    M4A_AAC(MediaType.M4A, "mp4", 0, 0, 0);

    private static final int[] AUDIO_LADDER = {128_000, 96_000, 64_000, 48_000, 32_000, 24_000, 16_000, 8_000};
    private static final int AUDIO_RATE = 44_100;
    private static final int AMR_RATE = 8_000;
    private static final int MAX_3GP_FPS = 15;
    private static final int MIN_3GP_FPS = 5;
    /** A 3GP keeps about this many bits per frame, lowering its frame rate (15 down to 5 fps) at low rates. */
    private static final int BITS_PER_3GP_FRAME = 6_000;
    /** From this video rate a 3GP is CIF (352×288) rather than QCIF (176×144). */
    private static final int CIF_FROM_BPS = 256_000;

    private static final int DEFAULT_FPS = 25;

    final MediaType type;
    /** Humble's muxer format name. */
    final String muxer;

    private final int minVideoBps;
    private final int maxVideoBps;
    private final int audioInVideoBps;

    AvProfile(MediaType type, String muxer, int minVideoBps, int maxVideoBps, int audioInVideoBps) {
        this.type = type;
        this.muxer = muxer;
        this.minVideoBps = minVideoBps;
        this.maxVideoBps = maxVideoBps;
        this.audioInVideoBps = audioInVideoBps;
    }

    /** The profile writing {@code output}. */
    static AvProfile writing(MediaType output) {
        for (AvProfile p : values()) {
            if (p.type == output) return p;
        }
        throw new IllegalArgumentException("no profile writes " + output);
    }

    boolean hasVideo() {
        return minVideoBps > 0;
    }

    /** Video and audio bits per second of one attempt. */
    record Rates(int video, int audio) {}

    /** Rates for a first attempt with {@code bps} bits per second in all. */
    Rates first(long bps) {
        if (!hasVideo()) return new Rates(0, audioStep(bps));
        return new Rates((int) Math.min(maxVideoBps, Math.max(minVideoBps, bps - audioInVideoBps)), audioInVideoBps);
    }

    /** Rates for another attempt after one came out {@code 1 / ratio} times too large. */
    Rates lower(Rates rates, double ratio) {
        if (!hasVideo()) return new Rates(0, audioStep((long) (rates.audio() * ratio)));
        int video = (int) Math.max(minVideoBps, rates.video() * ratio - (1 - ratio) * rates.audio());
        return new Rates(video, rates.audio());
    }

    /** Whether {@code rates} are already this profile's lowest. */
    boolean atFloor(Rates rates) {
        return hasVideo() ? rates.video() <= minVideoBps : rates.audio() <= AUDIO_LADDER[AUDIO_LADDER.length - 1];
    }

    /** About the bytes {@code seconds} take at this profile's lowest rates (container overhead aside). */
    long floorBytes(double seconds) {
        int bps = hasVideo() ? minVideoBps + audioInVideoBps : AUDIO_LADDER[AUDIO_LADDER.length - 1];
        return (long) (bps * seconds / 8);
    }

    /**
     * The video stream for a {@code width} × {@code height} source at {@code sourceFps} (0 when
     * unknown); MP4 fits the box and never scales up, 3GP fills its fixed frame keeping the aspect.
     */
    VideoSpec video(int width, int height, double sourceFps, int bitrate, int boxWidth, int boxHeight) {
        int fps = sourceFps > 0 ? (int) Math.max(1, Math.min(60, Math.round(sourceFps))) : DEFAULT_FPS;
        if (this == THREE_GPP_H263_AMR) {
            int frameW = bitrate >= CIF_FROM_BPS ? 352 : 176;
            int frameH = bitrate >= CIF_FROM_BPS ? 288 : 144;
            int[] picture = fit(width, height, frameW, frameH, true);
            int fps3gp = Math.min(Math.min(MAX_3GP_FPS, fps), Math.max(MIN_3GP_FPS, bitrate / BITS_PER_3GP_FRAME));
            // Without a tolerance and a buffer near the rate, FFmpeg's H.263 rate control overshoots
            // low rates two- to threefold.
            String rate = String.valueOf(bitrate);
            return new VideoSpec(
                    Codec.findEncodingCodec(Codec.ID.CODEC_ID_H263),
                    frameW,
                    frameH,
                    picture[0],
                    picture[1],
                    fps3gp,
                    bitrate,
                    Map.of("bt", rate, "maxrate", rate, "bufsize", String.valueOf(2L * bitrate)));
        }
        boolean landscape = width >= height;
        int[] size = fit(width, height, landscape ? boxWidth : boxHeight, landscape ? boxHeight : boxWidth, false);
        return new VideoSpec(
                Codec.findEncodingCodec(Codec.ID.CODEC_ID_H264),
                size[0],
                size[1],
                size[0],
                size[1],
                fps,
                bitrate,
                Map.of("profile", "baseline", "preset", "veryfast"));
    }

    /** The audio stream at {@code bitrate} bits per second. */
    AudioSpec audio(int bitrate) {
        return switch (this) {
            case THREE_GPP_H263_AMR ->
                new AudioSpec(
                        Codec.findEncodingCodec(Codec.ID.CODEC_ID_AMR_NB),
                        AMR_RATE,
                        AudioChannel.Layout.CH_LAYOUT_MONO,
                        AudioFormat.Type.SAMPLE_FMT_S16,
                        bitrate);
            case MP3 ->
                new AudioSpec(
                        Codec.findEncodingCodecByName("libmp3lame"),
                        AUDIO_RATE,
                        AudioChannel.Layout.CH_LAYOUT_MONO,
                        AudioFormat.Type.SAMPLE_FMT_S16P,
                        bitrate);
            case MP4_H264_AAC, M4A_AAC -> aacStereo(bitrate);
        };
    }

    private static AudioSpec aacStereo(int bitrate) {
        Codec aac = Codec.findEncodingCodec(Codec.ID.CODEC_ID_AAC);
        // libvo_aacenc takes packed S16; the native "aac" encoder takes FLTP, which AudioPath does not feed.
        if (!aac.getSupportedAudioFormats().contains(AudioFormat.Type.SAMPLE_FMT_S16)) {
            throw new IllegalStateException("AAC encoder " + aac.getName() + " does not take 16-bit PCM");
        }
        return new AudioSpec(
                aac, AUDIO_RATE, AudioChannel.Layout.CH_LAYOUT_STEREO, AudioFormat.Type.SAMPLE_FMT_S16, bitrate);
    }

    /** MP3 / AAC rates the encoders take, between 8 and 128 kb/s. */
    private static int audioStep(long bps) {
        for (int r : AUDIO_LADDER) {
            if (r <= bps) return r;
        }
        return AUDIO_LADDER[AUDIO_LADDER.length - 1];
    }

    /** {@code w × h} scaled to fit {@code bw × bh} keeping the aspect, even sizes; never up unless {@code up}. */
    static int[] fit(int w, int h, int bw, int bh, boolean up) {
        double scale = Math.min((double) bw / w, (double) bh / h);
        if (!up) scale = Math.min(1.0, scale);
        int ow = Math.max(2, Math.min(bw, (int) Math.round(w * scale)) & ~1);
        int oh = Math.max(2, Math.min(bh, (int) Math.round(h * scale)) & ~1);
        return new int[] {ow, oh};
    }
}
