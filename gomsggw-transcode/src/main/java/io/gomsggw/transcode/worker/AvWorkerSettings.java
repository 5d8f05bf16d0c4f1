package io.gomsggw.transcode.worker;

import java.time.Duration;

/**
 * How the video and audio worker processes run. The server builds it from
 * {@code TRANSCODER_AV_WORKERS}, {@code TRANSCODER_AV_MEMORY_MB} and {@code TRANSCODER_AV_TIMEOUT_SECS}.
 *
 * @param workers       worker processes, each doing one job at a time (default 1 on up to 2
 *                      processors, else 2); 0 turns video and audio re-encoding off (they pass
 *                      through or are refused, as without Humble Video)
 * @param memoryMb      Java heap of each worker ({@code -Xmx}), in MiB (default 256); FFmpeg's own
 *                      allocations are native and not counted in it
 * @param timeout       time one job may take; the worker's own deadline, checked between packets,
 *                      refuses with {@code media_too_large}, and a worker still busy
 *                      {@link #killAfter()} after the start of the job is killed (default 60 s)
 * @param maxInputBytes largest part sent to a worker; a larger one that must be re-encoded is refused
 *                      with {@code media_too_large} (default: an eighth of the memory, 32 MiB)
 * @param queueCapacity jobs waiting for a worker before new ones are refused (default 16 per worker)
 */
public record AvWorkerSettings(int workers, int memoryMb, Duration timeout, long maxInputBytes, int queueCapacity) {
    /** Smallest heap a worker starts with: the JVM, Humble Video's classes and one small job. */
    static final int MIN_MEMORY_MB = 64;
    /** Room in a frame beyond the media itself: type, budget, refusal texts. */
    static final int FRAME_OVERHEAD = 64 * 1024;

    private static final Duration MAX_GRACE = Duration.ofSeconds(5);

    public AvWorkerSettings {
        if (workers < 0) throw new IllegalArgumentException("workers must not be negative, got " + workers);
        if (memoryMb < MIN_MEMORY_MB) {
            throw new IllegalArgumentException("memoryMb must be at least " + MIN_MEMORY_MB + ", got " + memoryMb);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (maxInputBytes < 1 || maxInputBytes > ((long) memoryMb << 20) / 4) {
            throw new IllegalArgumentException("maxInputBytes must be 1.." + (((long) memoryMb << 20) / 4)
                    + " (a quarter of the memory), got " + maxInputBytes);
        }
        if (queueCapacity < 1) throw new IllegalArgumentException("queueCapacity must be positive");
    }

    /** One worker on up to 2 processors, else 2; 256 MiB, 60 s, 32 MiB inputs, 16 jobs queued per worker. */
    public static AvWorkerSettings defaults() {
        int workers = Runtime.getRuntime().availableProcessors() <= 2 ? 1 : 2;
        return new AvWorkerSettings(workers, 256, Duration.ofSeconds(60), inputFor(256), 16 * workers);
    }

    /** A copy with another number of workers ({@code TRANSCODER_AV_WORKERS}) and a queue of 16 per worker. */
    public AvWorkerSettings withWorkers(int workers) {
        return new AvWorkerSettings(workers, memoryMb, timeout, maxInputBytes, 16 * Math.max(1, workers));
    }

    /** A copy with another heap ({@code TRANSCODER_AV_MEMORY_MB}) and inputs up to an eighth of it. */
    public AvWorkerSettings withMemoryMb(int memoryMb) {
        return new AvWorkerSettings(workers, memoryMb, timeout, inputFor(memoryMb), queueCapacity);
    }

    /** A copy with another time per job ({@code TRANSCODER_AV_TIMEOUT_SECS}). */
    public AvWorkerSettings withTimeout(Duration timeout) {
        return new AvWorkerSettings(workers, memoryMb, timeout, maxInputBytes, queueCapacity);
    }

    /** A copy with another queue length. */
    public AvWorkerSettings withQueueCapacity(int queueCapacity) {
        return new AvWorkerSettings(workers, memoryMb, timeout, maxInputBytes, queueCapacity);
    }

    /** When a worker still busy with a job is killed: the timeout plus as much again, at most 5 s more. */
    public Duration killAfter() {
        return timeout.plus(timeout.compareTo(MAX_GRACE) < 0 ? timeout : MAX_GRACE);
    }

    /** Largest request frame a worker reads. */
    long maxRequestBytes() {
        return maxInputBytes + FRAME_OVERHEAD;
    }

    private static long inputFor(int memoryMb) {
        return ((long) memoryMb << 20) / 8;
    }
}
