package io.gomsggw.transcode.worker;

/**
 * A worker's first frame, sent once its native library is loaded (or failed to load).
 *
 * @param available whether it can transcode video and audio
 * @param detail    the encoders it found, or why it cannot transcode
 */
record Hello(boolean available, String detail) {}
