package io.gomsggw.transcode.av;

import io.gomsggw.transcode.detect.MediaType;

/**
 * Video or audio after re-encoding.
 *
 * @param type    what it became ({@code MP4}, or {@code THREE_GPP} when MP4 could not fit; {@code MP3}
 *                or {@code M4A} for audio)
 * @param content the encoded file
 */
public record Reencoded(MediaType type, byte[] content) {}
