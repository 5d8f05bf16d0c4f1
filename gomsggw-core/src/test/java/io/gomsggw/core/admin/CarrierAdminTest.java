package io.gomsggw.core.admin;

import static io.gomsggw.core.admin.ClientAdminTest.assertField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.core.model.Carrier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CarrierAdminTest {
    private final AdminFixture fixture = new AdminFixture();
    private final CarrierAdmin carriers = fixture.admin.carriers();

    @BeforeEach
    void reset() {
        fixture.reset();
    }

    @Test
    void addsACarrierWithAGeneratedUuid() {
        Carrier added = carriers.add(new NewCarrier(
                "main", "Telnyx", null, "KEY123", null, "profile-1", null, "https://api.telnyx.test/v2"));

        assertThat(added.id()).isPositive();
        assertThat(added.type()).isEqualTo("telnyx");
        assertThat(added.uuid()).matches("[0-9a-f-]{36}");
        assertThat(added.password().matches("KEY123")).isTrue();
        assertThat(carriers.get(added.id()).password().matches("KEY123")).isTrue();
        assertThat(fixture.directory.carrierByName("main")).isPresent();
        assertThat(fixture.directory.carrierByUuid(added.uuid())).isPresent();
    }

    @Test
    void keepsAGivenUuid() {
        Carrier added = carriers.add(new NewCarrier("main", "telnyx", null, null, "my-uuid", null, null, null));
        assertThat(added.uuid()).isEqualTo("my-uuid");
        assertThatThrownBy(
                        () -> carriers.add(new NewCarrier("other", "telnyx", null, null, "my-uuid", null, null, null)))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void refusesMissingFieldsAndWhatTheValidatorRefuses() {
        assertField(() -> carriers.add(new NewCarrier(null, "telnyx", null, null, null, null, null, null)), "name");
        assertField(() -> carriers.add(new NewCarrier("x", " ", null, null, null, null, null, null)), "type");
        assertField(
                () -> carriers.add(new NewCarrier("x", "carrier-pigeon", null, null, null, null, null, null)), "type");
        assertField(() -> carriers.add(new NewCarrier("x", "twilio", null, "tok", null, null, null, null)), "username");
        assertField(
                () -> carriers.add(new NewCarrier("x", "telnyx", null, null, null, null, null, "file:///etc")),
                "base_url");
        assertThat(carriers.list()).isEmpty();
    }

    @Test
    void aTakenNameIsAConflict() {
        fixture.carrier("main");
        assertThatThrownBy(() -> fixture.carrier("main"))
                .isInstanceOf(ConflictException.class)
                .extracting(e -> ((ConflictException) e).field())
                .isEqualTo("name");
    }

    @Test
    void updatesPartiallyAndKeepsThePasswordUnlessGiven() {
        Carrier added = carriers.add(new NewCarrier("main", "twilio", "AC1", "token1", null, null, null, null));

        Carrier renamed = carriers.update(added.id(), new CarrierPatch("primary", null, null, null, "p2", null, null));
        assertThat(renamed.name()).isEqualTo("primary");
        assertThat(renamed.username()).isEqualTo("AC1");
        assertThat(renamed.profileId()).isEqualTo("p2");
        assertThat(carriers.get(added.id()).password().matches("token1")).isTrue();

        carriers.update(added.id(), new CarrierPatch(null, null, null, "token2", null, null, null));
        assertThat(carriers.get(added.id()).password().matches("token2")).isTrue();
        assertThat(fixture.directory
                        .carrierByName("primary")
                        .orElseThrow()
                        .password()
                        .matches("token2"))
                .isTrue();
        assertThat(fixture.directory.carrierByName("main")).isEmpty();

        assertField(
                () -> carriers.update(added.id(), new CarrierPatch(null, null, "", null, null, null, null)),
                "username");
        assertThatThrownBy(() -> carriers.update(999, new CarrierPatch("x", null, null, null, null, null, null)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aCarrierInUseCannotBeRenamedOrDeleted() {
        fixture.carrier("main");
        long carrierId = fixture.directory.carrierByName("main").orElseThrow().id();
        long client = fixture.webClient("app");
        fixture.admin.numbers().add(client, new NewNumber("2505551234", "main", null, null, null, null));

        assertThatThrownBy(() -> carriers.delete(carrierId))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("1 number");
        assertThatThrownBy(() ->
                        carriers.update(carrierId, new CarrierPatch("renamed", null, null, null, null, null, null)))
                .isInstanceOf(ConflictException.class);

        fixture.admin.clients().delete(client);
        carriers.delete(carrierId);
        assertThat(carriers.list()).isEmpty();
        assertThatThrownBy(() -> carriers.get(carrierId)).isInstanceOf(NotFoundException.class);
    }
}
