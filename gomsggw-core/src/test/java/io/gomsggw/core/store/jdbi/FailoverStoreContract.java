package io.gomsggw.core.store.jdbi;

import static io.gomsggw.core.store.jdbi.Fixtures.webClient;
import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.model.Failover;
import io.gomsggw.core.store.FailoverStore;
import org.junit.jupiter.api.Test;

/** The {@link FailoverStore} contract. */
interface FailoverStoreContract extends StoreFixture {

    @Test
    default void addsFindsListsUpdatesAndDeletesFailovers() {
        FailoverStore failovers = stores().failovers();
        long a = stores().clients().create(webClient("a")).id();
        long b = stores().clients().create(webClient("b")).id();
        long c = stores().clients().create(webClient("c")).id();
        Failover aToC = failovers.add(new Failover(0, a, c, 5, true));
        Failover aToB = failovers.add(new Failover(0, a, b, 1, false));
        Failover bToC = failovers.add(new Failover(0, b, c, 1, true));
        Failover aToBAgain = failovers.add(new Failover(0, a, b, 5, true));

        assertThat(aToC.id()).isPositive();
        assertThat(failovers.find(aToB.id())).contains(aToB);
        assertThat(failovers.find(424242)).isEmpty();
        assertThat(failovers.listByPrimary(a)).containsExactly(aToB, aToC, aToBAgain);
        assertThat(failovers.listByPrimary(c)).isEmpty();
        assertThat(failovers.list()).containsExactly(aToC, aToB, bToC, aToBAgain);

        Failover changed = new Failover(aToB.id(), a, c, 9, true);
        assertThat(failovers.update(changed)).isTrue();
        assertThat(failovers.find(aToB.id())).contains(changed);
        assertThat(failovers.update(changed.withId(424242))).isFalse();

        assertThat(failovers.delete(bToC.id())).isTrue();
        assertThat(failovers.delete(bToC.id())).isFalse();
        assertThat(failovers.list()).containsExactly(aToC, changed, aToBAgain);
    }
}
