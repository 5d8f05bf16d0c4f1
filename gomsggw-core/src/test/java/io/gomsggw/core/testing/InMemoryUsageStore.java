package io.gomsggw.core.testing;

import io.gomsggw.core.store.UsageStore;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link UsageStore} in a map, for unit tests of code above the store. */
public final class InMemoryUsageStore implements UsageStore {
    private final Map<String, Long> values = new ConcurrentHashMap<>();

    private static String key(String counter, Instant periodStart) {
        return counter + "@" + periodStart;
    }

    @Override
    public long add(String counter, Instant periodStart, long delta) {
        return values.merge(key(counter, periodStart), delta, Long::sum);
    }

    @Override
    public long get(String counter, Instant periodStart) {
        return values.getOrDefault(key(counter, periodStart), 0L);
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return 0;
    }
}
