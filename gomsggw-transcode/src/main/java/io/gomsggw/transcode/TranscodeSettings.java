package io.gomsggw.transcode;

import java.time.Duration;

/**
 * How the transcoder works. The server builds it from {@code MMS_IMAGE_QUALITY},
 * {@code MMS_MIN_IMAGE_QUALITY} and {@code TRANSCODER_WORKERS}; {@code MMS_MAX_SIZE} is not here
 * but in each {@link io.gomsggw.core.spi.MediaTarget}.
 *
 * @param maxWidth       largest output image width (default 1920)
 * @param maxHeight      largest output image height (default 1920)
 * @param quality        first JPEG quality tried, 1..100 (default 85)
 * @param minQuality     lowest JPEG quality before scaling further down, 1..quality (default 50)
 * @param workers        worker threads (default: available processors)
 * @param queueCapacity  items waiting for a worker before new work is refused (default 64 × workers)
 * @param itemTimeout    longest time spent on one attachment (default 30 s)
 * @param maxPixels      decompression-bomb guard: largest width × height decoded (default 50 MP)
 * @param cacheMaxBytes  total size of transcoded results kept in the cache; 0 disables it (default 64 MiB)
 */
public record TranscodeSettings(
        int maxWidth,
        int maxHeight,
        int quality,
        int minQuality,
        int workers,
        int queueCapacity,
        Duration itemTimeout,
        long maxPixels,
        long cacheMaxBytes) {

    public TranscodeSettings {
        if (maxWidth < 16 || maxHeight < 16) throw new IllegalArgumentException("max box must be at least 16x16");
        if (quality < 1 || quality > 100) throw new IllegalArgumentException("quality must be 1..100, got " + quality);
        if (minQuality < 1 || minQuality > quality) {
            throw new IllegalArgumentException("minQuality must be 1.." + quality + ", got " + minQuality);
        }
        if (workers < 1) throw new IllegalArgumentException("workers must be positive, got " + workers);
        if (queueCapacity < 1) throw new IllegalArgumentException("queueCapacity must be positive");
        if (itemTimeout == null || itemTimeout.isNegative() || itemTimeout.isZero()) {
            throw new IllegalArgumentException("itemTimeout must be positive");
        }
        if (maxPixels < 1) throw new IllegalArgumentException("maxPixels must be positive");
        if (cacheMaxBytes < 0) throw new IllegalArgumentException("cacheMaxBytes must not be negative");
    }

    /** The defaults: 1920×1920, quality 85 down to 50, one worker per core, 30 s, 50 MP, 64 MiB cache. */
    public static TranscodeSettings defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new TranscodeSettings(
                1920, 1920, 85, 50, cores, 64 * cores, Duration.ofSeconds(30), 50_000_000L, 64L << 20);
    }

    /** A copy with other JPEG qualities ({@code MMS_IMAGE_QUALITY}, {@code MMS_MIN_IMAGE_QUALITY}). */
    public TranscodeSettings withQuality(int quality, int minQuality) {
        return new TranscodeSettings(
                maxWidth,
                maxHeight,
                quality,
                minQuality,
                workers,
                queueCapacity,
                itemTimeout,
                maxPixels,
                cacheMaxBytes);
    }

    /** A copy with another worker count ({@code TRANSCODER_WORKERS}) and a queue of 64 per worker. */
    public TranscodeSettings withWorkers(int workers) {
        return new TranscodeSettings(
                maxWidth, maxHeight, quality, minQuality, workers, 64 * workers, itemTimeout, maxPixels, cacheMaxBytes);
    }

    /** A copy with another output box. */
    public TranscodeSettings withMaxBox(int maxWidth, int maxHeight) {
        return new TranscodeSettings(
                maxWidth,
                maxHeight,
                quality,
                minQuality,
                workers,
                queueCapacity,
                itemTimeout,
                maxPixels,
                cacheMaxBytes);
    }

    /** A copy with other operating limits. */
    public TranscodeSettings withLimits(int queueCapacity, Duration itemTimeout, long maxPixels, long cacheMaxBytes) {
        return new TranscodeSettings(
                maxWidth,
                maxHeight,
                quality,
                minQuality,
                workers,
                queueCapacity,
                itemTimeout,
                maxPixels,
                cacheMaxBytes);
    }
}
