package io.gomsggw.core.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.store.OptOutStore;
import java.time.Instant;
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
}
