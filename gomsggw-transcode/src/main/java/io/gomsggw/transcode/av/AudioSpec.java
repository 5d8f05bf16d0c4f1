package io.gomsggw.transcode.av;

import io.humble.video.AudioChannel;
import io.humble.video.AudioFormat;
import io.humble.video.Codec;

/**
 * How the audio stream of one output is encoded. Samples are fed as 16-bit PCM: {@code format}
 * is {@code SAMPLE_FMT_S16}, or {@code SAMPLE_FMT_S16P} for mono (the same bytes).
 *
 * @param codec      the encoder
 * @param sampleRate output sample rate
 * @param layout     mono or stereo
 * @param format     the sample format handed to the encoder
 * @param bitrate    target bits per second
 */
record AudioSpec(Codec codec, int sampleRate, AudioChannel.Layout layout, AudioFormat.Type format, int bitrate) {
    int channels() {
        return layout == AudioChannel.Layout.CH_LAYOUT_MONO ? 1 : 2;
    }
}
