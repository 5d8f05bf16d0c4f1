package io.gomsggw.server.config;

import java.time.Duration;

/**
 * Targets of the MMS media pipeline.
 *
 * @param mmsMaxSizeBytes     {@code MMS_MAX_SIZE}: largest MMS payload sent, in bytes
 * @param imageQuality        {@code MMS_IMAGE_QUALITY}: first JPEG quality tried (1-100)
 * @param minImageQuality     {@code MMS_MIN_IMAGE_QUALITY}: lowest JPEG quality before scaling down (1-100)
 * @param workers             {@code TRANSCODER_WORKERS}: concurrent image transcodes
 * @param avWorkers           {@code TRANSCODER_AV_WORKERS}: video and audio worker processes; 0: no video
 *                            and audio re-encoding
 * @param avMemoryMb          {@code TRANSCODER_AV_MEMORY_MB}: Java heap of each of them, in MiB
 * @param avTimeout           {@code TRANSCODER_AV_TIMEOUT_SECS}: time one video or audio part may take
 */
public record TranscodeConfig(
        int mmsMaxSizeBytes,
        int imageQuality,
        int minImageQuality,
        int workers,
        int avWorkers,
        int avMemoryMb,
        Duration avTimeout) {}
