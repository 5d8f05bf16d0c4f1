package io.gomsggw.core.store.jdbi;

import static io.gomsggw.core.store.jdbi.Fixtures.carrier;
import static io.gomsggw.core.store.jdbi.Fixtures.rawColumn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.model.Secret;
import io.gomsggw.core.store.CarrierStore;
import io.gomsggw.core.store.DuplicateKeyException;
import org.junit.jupiter.api.Test;

/** The {@link CarrierStore} contract. */
interface CarrierStoreContract extends StoreFixture {

    @Test
    default void addsFindsListsUpdatesAndDeletesCarriers() {
        CarrierStore carriers = stores().carriers();
        Carrier telnyx = carriers.add(carrier("telnyx-main", "5f0e6a4c-0000-4000-8000-000000000001"));
        Carrier twilio = carriers.add(new Carrier(
                0, "twilio", "twilio", null, null, "5f0e6a4c-0000-4000-8000-000000000002", null, null, null));

        assertThat(telnyx.id()).isPositive();
        assertThat(carriers.find(telnyx.id())).contains(telnyx);
        assertThat(carriers.findByName("twilio")).contains(twilio);
        assertThat(carriers.findByUuid("5f0e6a4c-0000-4000-8000-000000000001")).contains(telnyx);
        assertThat(carriers.findByName("nope")).isEmpty();
        assertThat(carriers.findByUuid("nope")).isEmpty();
        assertThat(carriers.list()).containsExactly(telnyx, twilio);
        assertThat(carriers.find(twilio.id()).orElseThrow().password().reveal()).isEmpty();

        Carrier changed = new Carrier(
                telnyx.id(),
                "telnyx-eu",
                "telnyx",
                "acct",
                Secret.of("NEW-KEY"),
                "5f0e6a4c-0000-4000-8000-000000000003",
                "profile-eu",
                "a2V5",
                "https://api.telnyx.eu");
        assertThat(carriers.update(changed)).isTrue();
        assertThat(carriers.find(telnyx.id())).contains(changed);
        assertThat(carriers.find(telnyx.id()).orElseThrow().password().reveal()).isEqualTo("NEW-KEY");
        assertThat(carriers.update(changed.withId(424242))).isFalse();

        assertThat(carriers.delete(twilio.id())).isTrue();
        assertThat(carriers.delete(twilio.id())).isFalse();
        assertThat(carriers.list()).containsExactly(changed);
    }

    @Test
    default void duplicateNameOrUuidIsRefusedNamingTheField() {
        CarrierStore carriers = stores().carriers();
        carriers.add(carrier("main", "uuid-1"));

        assertThatThrownBy(() -> carriers.add(carrier("main", "uuid-2")))
                .isInstanceOfSatisfying(
                        DuplicateKeyException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThatThrownBy(() -> carriers.add(carrier("second", "uuid-1")))
                .isInstanceOfSatisfying(
                        DuplicateKeyException.class, e -> assertThat(e.field()).isEqualTo("uuid"));
        assertThat(carriers.list()).hasSize(1);
    }

    @Test
    default void carrierPasswordIsEncryptedAtRest() {
        Carrier added = stores().carriers().add(carrier("secretive", "uuid-s"));

        String raw = rawColumn(dataSource(), "carriers", "password", added.id());
        assertThat(raw).startsWith("v1:").doesNotContain("KEY-secretive");
        assertThat(cipher().decrypt(raw)).isEqualTo("KEY-secretive");
        assertThat(stores().carriers()
                        .findByName("secretive")
                        .orElseThrow()
                        .password()
                        .reveal())
                .isEqualTo("KEY-secretive");
    }
}
