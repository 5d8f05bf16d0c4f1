package io.gomsggw.core.pipeline;

/**
 * Bounds of the pipeline.
 *
 * @param maxInFlight        messages accepted and not yet through dispatch; beyond it ingress is refused
 * @param writeQueueCapacity messages waiting for the group-commit writer
 * @param maxBatch           most messages written in one transaction
 */
public record PipelineSettings(int maxInFlight, int writeQueueCapacity, int maxBatch) {
    public static final PipelineSettings DEFAULTS = new PipelineSettings(50_000, 10_000, 500);

    public PipelineSettings {
        if (maxInFlight < 1 || writeQueueCapacity < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("pipeline bounds must be positive");
        }
    }
}
