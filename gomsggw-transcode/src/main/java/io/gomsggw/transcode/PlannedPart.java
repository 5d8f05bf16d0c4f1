package io.gomsggw.transcode;

import io.gomsggw.core.model.MediaPart;
import io.gomsggw.transcode.detect.MediaType;

/**
 * One part of a message with its detected type and the bytes it may use.
 *
 * @param part     the part as received
 * @param type     the type its bytes show
 * @param budget   the bytes this part may take in the output
 * @param reducible whether the transcoder can make it smaller (images it can decode)
 */
record PlannedPart(MediaPart part, MediaType type, long budget, boolean reducible) {}
