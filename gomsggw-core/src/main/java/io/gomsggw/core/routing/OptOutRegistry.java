package io.gomsggw.core.routing;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.gomsggw.core.store.OptOutStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Opt-outs (STOP) in front of their store, cached so the check on every outbound message is a
 * memory read. This node's own changes update the cache at once; changes by other nodes are seen
 * within the cache's refresh time.
 *
 * <p>Threading: thread-safe; a cache miss reads the store, so call from blocking workers.
 */
public final class OptOutRegistry {
    private record Pair(String number, String party) {}

    private final OptOutStore store;
    private final Clock clock;
    private final LoadingCache<Pair, Boolean> cache;

    public OptOutRegistry(OptOutStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .maximumSize(200_000)
                .expireAfterWrite(Duration.ofMinutes(5))
                .build(pair -> store.optedOutAt(pair.number(), pair.party()).isPresent());
    }

    /** Whether {@code party} opted out of messages from {@code number}. */
    public boolean isOptedOut(String number, String party) {
        return cache.get(new Pair(number, party));
    }

    /**
     * Reads into the cache, in one store read, whether each of {@code parties} opted out of
     * {@code number}, so that checking them one by one soon after (a batch's next rows) is a
     * memory read. What is cached already, such as a change this node made meanwhile, is kept.
     */
    public void prefetch(String number, Collection<String> parties) {
        Map<Pair, Boolean> cached = cache.asMap();
        List<String> missing = parties.stream()
                .distinct()
                .filter(party -> !cached.containsKey(new Pair(number, party)))
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        Set<String> optedOut = store.optedOut(number, missing);
        for (String party : missing) {
            cached.putIfAbsent(new Pair(number, party), optedOut.contains(party));
        }
    }

    public void optOut(String number, String party) {
        store.optOut(number, party, clock.instant());
        cache.put(new Pair(number, party), true);
    }

    public void optIn(String number, String party) {
        store.optIn(number, party);
        cache.put(new Pair(number, party), false);
    }
}
