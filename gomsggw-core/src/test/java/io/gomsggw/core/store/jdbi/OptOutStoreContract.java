package io.gomsggw.core.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.store.OptOutStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@link OptOutStore} contract. */
interface OptOutStoreContract extends StoreFixture {

    @Test
    default void recordsAndRemovesOptOutsPerNumberAndParty() {
        OptOutStore optOuts = stores().optOuts();
        Instant first = Instant.parse("2026-03-01T10:00:00Z");

        assertThat(optOuts.optedOutAt("+12505550001", "+16045550001")).isEmpty();
        optOuts.optOut("+12505550001", "+16045550001", first);
        optOuts.optOut("+12505550001", "+16045550001", first.plusSeconds(60));

        assertThat(optOuts.optedOutAt("+12505550001", "+16045550001")).contains(first);
        assertThat(optOuts.optedOutAt("+12505550002", "+16045550001")).isEmpty();
        assertThat(optOuts.optedOutAt("+12505550001", "+16045550002")).isEmpty();

        assertThat(optOuts.optIn("+12505550001", "+16045550001")).isTrue();
        assertThat(optOuts.optIn("+12505550001", "+16045550001")).isFalse();
        assertThat(optOuts.optedOutAt("+12505550001", "+16045550001")).isEmpty();
    }

    @Test
    default void readsTheOptOutsOfManyPartiesAtOnce() {
        OptOutStore optOuts = stores().optOuts();
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        optOuts.optOut("+12505550001", "+16045550001", at);
        optOuts.optOut("+12505550001", "+16045550003", at);
        optOuts.optOut("+12505550002", "+16045550002", at);

        assertThat(optOuts.optedOut(
                        "+12505550001", List.of("+16045550001", "+16045550002", "+16045550003", "+16045550001")))
                .as("the same answers as optedOutAt, one party at a time")
                .containsExactlyInAnyOrder("+16045550001", "+16045550003");
        assertThat(optOuts.optedOut("+12505550002", List.of("+16045550001"))).isEmpty();
        assertThat(optOuts.optedOut("+12505550001", List.of())).isEmpty();
    }
}
