package io.gomsggw.core.pipeline;

import java.time.Duration;

/**
 * Bounds of the pipeline.
 *
 * @param maxInFlight          messages accepted and not yet through dispatch
 * @param maxInFlightPerClient of those, messages to one client (a PBX, a web app's webhook): one
 *                             slow destination fills its own share, not the gateway's
 * @param admissionWait        how long a client's message may wait for room, in all, before it is
 *                             refused (zero: refused at once)
 * @param maxWaiting           messages that may wait for room at a time, per bound; beyond, refused
 *                             at once
 */
public record PipelineSettings(int maxInFlight, int maxInFlightPerClient, Duration admissionWait, int maxWaiting) {
    /**
     * 5,000 messages to one client are under half a second of what one PBX can take at the most
     * (measured: about 12,000 messages/s); more only lengthens the queue: the messages then
     * wait for their turn long enough to be written to the database twice (accepted, then final)
     * instead of once. The wait stays well below the shortest response timeout common SMPP
     * clients use (jsmpp's default is 2 s), so a waiting client is answered, late, rather than
     * timing out.
     */
    public static final PipelineSettings DEFAULTS = new PipelineSettings(50_000, 5_000, Duration.ofSeconds(1), 10_000);

    public PipelineSettings {
        if (maxInFlight < 1 || maxInFlightPerClient < 1 || admissionWait.isNegative() || maxWaiting < 0) {
            throw new IllegalArgumentException("invalid pipeline bounds");
        }
    }

    /** {@code maxInFlight} in flight (to one client or many), and a message beyond them refused at once. */
    public PipelineSettings(int maxInFlight) {
        this(maxInFlight, maxInFlight, Duration.ZERO, 0);
    }
}
