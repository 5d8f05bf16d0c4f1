package io.gomsggw.core.admin;

/**
 * A partial update of a failover; null fields stay as they are.
 *
 * @param priority lower is tried first
 * @param enabled  whether the failover is used
 */
public record FailoverPatch(Integer priority, Boolean enabled) {}
