package io.gomsggw.core.model;

/**
 * A fallback client that takes a legacy client's traffic while it is offline or failing.
 *
 * @param id               database id; 0 for a failover not stored yet
 * @param primaryClientId  the client whose traffic is redirected
 * @param fallbackClientId the client that receives it
 * @param priority         lower is tried first
 * @param enabled          disabled failovers are kept but not used
 */
public record Failover(long id, long primaryClientId, long fallbackClientId, int priority, boolean enabled) {
    public Failover withId(long newId) {
        return new Failover(newId, primaryClientId, fallbackClientId, priority, enabled);
    }
}
