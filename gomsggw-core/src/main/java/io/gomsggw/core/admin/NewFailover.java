package io.gomsggw.core.admin;

/**
 * A failover to add to a primary client.
 *
 * @param fallbackClientId required; an existing client other than the primary
 * @param priority         lower is tried first; null means 0
 * @param enabled          null means true
 */
public record NewFailover(Long fallbackClientId, Integer priority, Boolean enabled) {}
