package io.gomsggw.core.pipeline;

/**
 * Bounds of the pipeline.
 *
 * @param maxInFlight messages accepted and not yet through dispatch; beyond it ingress is refused
 */
public record PipelineSettings(int maxInFlight) {
    public static final PipelineSettings DEFAULTS = new PipelineSettings(50_000);

    public PipelineSettings {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive");
        }
    }
}
