package io.gomsggw.server.config;

/**
 * Targets of the MMS media pipeline.
 *
 * @param mmsMaxSizeBytes     {@code MMS_MAX_SIZE}: largest MMS payload sent, in bytes
 * @param imageQuality        {@code MMS_IMAGE_QUALITY}: first JPEG quality tried (1-100)
 * @param minImageQuality     {@code MMS_MIN_IMAGE_QUALITY}: lowest JPEG quality before scaling down (1-100)
 * @param workers             {@code TRANSCODER_WORKERS}: concurrent transcodes
 */
public record TranscodeConfig(int mmsMaxSizeBytes, int imageQuality, int minImageQuality, int workers) {}
