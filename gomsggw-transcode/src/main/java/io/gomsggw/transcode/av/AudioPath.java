package io.gomsggw.transcode.av;

import io.humble.video.AudioChannel;
import io.humble.video.AudioFormat;
import io.humble.video.Coder;
import io.humble.video.Decoder;
import io.humble.video.Encoder;
import io.humble.video.MediaAudio;
import io.humble.video.MediaAudioResampler;
import io.humble.video.MediaPacket;
import io.humble.video.Muxer;
import io.humble.video.Rational;
import java.util.Arrays;

/**
 * Decoder → resampler to 16-bit PCM at the output's rate and channels → fixed-size frames →
 * audio encoder, for one stream of one encode.
 */
final class AudioPath {
    /** Samples room for one decoded or resampled audio frame (PCM frames have no fixed size). */
    private static final int AUDIO_ROOM = 1 << 16;

    private final Decoder decoder;
    private final Encoder encoder;
    private final MediaAudio decoded;
    private final MediaAudio resampled;
    private MediaAudioResampler resampler;
    private final MediaPacket out = MediaPacket.make();
    private final AudioSpec spec;
    private final int channels;
    private final int frameSize;
    private final byte[] pending;
    private int pendingBytes;
    private long samples;

    /** @param decoder an opened decoder */
    AudioPath(Decoder decoder, AudioSpec spec, boolean globalHeader) {
        this.decoder = decoder;
        this.spec = spec;
        this.channels = spec.channels();
        encoder = Encoder.make(spec.codec());
        encoder.setSampleRate(spec.sampleRate());
        encoder.setChannels(channels);
        encoder.setChannelLayout(spec.layout());
        encoder.setSampleFormat(spec.format());
        encoder.setTimeBase(Rational.make(1, spec.sampleRate()));
        encoder.setProperty("b", (long) spec.bitrate());
        if (globalHeader) encoder.setFlag(Coder.Flag.FLAG_GLOBAL_HEADER, true);
        encoder.open(null, null);
        frameSize = encoder.getFrameSize() > 0 ? encoder.getFrameSize() : 1152;
        pending = new byte[(AUDIO_ROOM + frameSize) * channels * 2];
        decoded = MediaAudio.make(
                AUDIO_ROOM,
                decoder.getSampleRate(),
                decoder.getChannels(),
                inputLayout(decoder),
                decoder.getSampleFormat());
        resampled = MediaAudio.make(
                AUDIO_ROOM, spec.sampleRate(), channels, spec.layout(), AudioFormat.Type.SAMPLE_FMT_S16);
    }

    Encoder encoder() {
        return encoder;
    }

    /** Samples handed to the encoder so far. */
    long samples() {
        return samples;
    }

    private static AudioChannel.Layout inputLayout(Decoder decoder) {
        AudioChannel.Layout l = decoder.getChannelLayout();
        if (l == null || l == AudioChannel.Layout.CH_LAYOUT_UNKNOWN)
            l = AudioChannel.getDefaultLayout(decoder.getChannels());
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
            Arrays.fill(pending, pendingBytes, frameSize * channels * 2, (byte) 0);
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
            MediaAudio labelled = MediaAudio.make(
                    input.getData(0),
                    input.getNumSamples(),
                    input.getSampleRate(),
                    input.getChannels(),
                    AudioChannel.getDefaultLayout(input.getChannels()),
                    input.getFormat());
            labelled.setNumSamples(input.getNumSamples());
            labelled.setTimeBase(input.getTimeBase());
            labelled.setTimeStamp(input.getTimeStamp());
            labelled.setComplete(true);
            input = labelled;
        }
        if (resampler == null) {
            resampler = MediaAudioResampler.make(
                    spec.layout(),
                    spec.sampleRate(),
                    AudioFormat.Type.SAMPLE_FMT_S16,
                    input.getChannelLayout(),
                    input.getSampleRate(),
                    input.getFormat());
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
            MediaAudio frame = MediaAudio.make(frameSize, spec.sampleRate(), channels, spec.layout(), spec.format());
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
