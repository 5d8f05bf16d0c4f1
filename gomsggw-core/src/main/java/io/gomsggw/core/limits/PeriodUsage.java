package io.gomsggw.core.limits;

/**
 * Usage in one period against its limit; {@code limit} 0 means unlimited and then {@code remaining}
 * is -1.
 */
public record PeriodUsage(long currentUsage, long limit) {
    public long remaining() {
        return limit == 0 ? -1 : Math.max(0, limit - currentUsage);
    }
}
