package io.gomsggw.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.store.OptOutStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OptOutRegistryTest {
    private static final String NUMBER = "+12505550001";

    /** Opt-outs in a map, counting the reads. */
    private static final class MapStore implements OptOutStore {
        final Map<String, Instant> rows = new HashMap<>();
        final AtomicInteger singleReads = new AtomicInteger();
        final AtomicInteger manyReads = new AtomicInteger();
        final List<String> asked = new ArrayList<>();

        @Override
        public void optOut(String number, String party, Instant at) {
            rows.putIfAbsent(number + " " + party, at);
        }

        @Override
        public boolean optIn(String number, String party) {
            return rows.remove(number + " " + party) != null;
        }

        @Override
        public Optional<Instant> optedOutAt(String number, String party) {
            singleReads.incrementAndGet();
            return Optional.ofNullable(rows.get(number + " " + party));
        }

        @Override
        public Set<String> optedOut(String number, Collection<String> parties) {
            manyReads.incrementAndGet();
            asked.addAll(parties);
            return parties.stream()
                    .filter(p -> rows.containsKey(number + " " + p))
                    .collect(Collectors.toSet());
        }
    }

    private final MapStore store = new MapStore();
    private final OptOutRegistry registry =
            new OptOutRegistry(store, Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void aPrefetchAnswersTheChecksThatFollowWithoutReadingEachParty() {
        store.optOut(NUMBER, "+16045550002", Instant.EPOCH);

        registry.prefetch(NUMBER, List.of("+16045550001", "+16045550002", "+16045550003"));

        assertThat(registry.isOptedOut(NUMBER, "+16045550001")).isFalse();
        assertThat(registry.isOptedOut(NUMBER, "+16045550002")).isTrue();
        assertThat(registry.isOptedOut(NUMBER, "+16045550003")).isFalse();
        assertThat(store.manyReads).hasValue(1);
        assertThat(store.singleReads).hasValue(0);
        assertThat(registry.isOptedOut(NUMBER, "+16045550004"))
                .as("a party not prefetched is read on its own")
                .isFalse();
        assertThat(store.singleReads).hasValue(1);
    }

    @Test
    void aPrefetchKeepsWhatIsCachedAndReadsOnlyTheRest() {
        registry.optOut(NUMBER, "+16045550001");
        store.optIn(NUMBER, "+16045550001"); // another node's opt-in, not seen here yet

        registry.prefetch(NUMBER, List.of("+16045550001", "+16045550002"));
        registry.prefetch(NUMBER, List.of("+16045550001", "+16045550002"));

        assertThat(registry.isOptedOut(NUMBER, "+16045550001"))
                .as("this node's own change stays until the cache expires, as without a prefetch")
                .isTrue();
        assertThat(store.asked).as("only the party not cached is read").containsExactly("+16045550002");
        assertThat(store.manyReads)
                .as("the second prefetch finds everything cached")
                .hasValue(1);
    }
}
