package io.gomsggw.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.Secret;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectoryTest {
    private final AdminFixture fixture = new AdminFixture();

    @BeforeEach
    void reset() {
        fixture.reset();
    }

    @Test
    void startsEmptyAndLoadsOnReload() {
        Directory directory = new Directory(
                fixture.stores.clients(),
                fixture.stores.numbers(),
                fixture.stores.carriers(),
                fixture.stores.failovers(),
                java.time.Clock.systemUTC());
        fixture.webClient("app");
        fixture.carrier("main");

        assertThat(directory.clientByUsername("app")).isEmpty();
        DirectorySnapshot loaded = directory.reload();
        assertThat(loaded.clientCount()).isEqualTo(1);
        assertThat(loaded.carrierCount()).isEqualTo(1);
        assertThat(directory.clientByUsername("app")).isPresent();
    }

    @Test
    void reloadPicksUpEditsMadeDirectlyInTheStores() {
        fixture.stores
                .clients()
                .create(new Client(0, "direct", Secret.of("pw"), null, ClientType.WEB, null, null, false, null));
        assertThat(fixture.directory.clientByUsername("direct")).isEmpty();

        DirectorySnapshot snapshot = fixture.admin.reload();

        assertThat(snapshot.clientByUsername("direct")).isPresent();
        assertThat(snapshot.loadedAt()).isEqualTo(AdminFixture.NOW);
        assertThat(fixture.directory.snapshot()).isSameAs(snapshot);
    }

    @Test
    void aSnapshotNeverChanges() {
        DirectorySnapshot before = fixture.directory.snapshot();
        fixture.webClient("app");
        assertThat(before.clientByUsername("app")).isEmpty();
        assertThat(fixture.directory.snapshot().clientByUsername("app")).isPresent();
        assertThat(before.numbersOf(1)).isEmpty();
    }

    @Test
    void aBulkChangeReloadsOnceAtItsEnd() {
        java.util.List<DirectorySnapshot> loads = new java.util.ArrayList<>();
        fixture.directory.addListener(loads::add);
        DirectorySnapshot before = fixture.directory.snapshot();

        fixture.directory.bulkChange(() -> {
            fixture.webClient("one");
            fixture.webClient("two");
            fixture.carrier("main");
            assertThat(fixture.directory.snapshot()).isSameAs(before);
            assertThat(fixture.admin.reload()).isSameAs(before);
        });

        assertThat(loads).hasSize(1);
        assertThat(fixture.directory.clientByUsername("one")).isPresent();
        assertThat(fixture.directory.clientByUsername("two")).isPresent();
        assertThat(fixture.directory.carrierByName("main")).isPresent();
    }

    @Test
    void aBulkChangeThatFailsHalfWayStillReloadsWhatItChanged() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fixture.directory.bulkChange(() -> {
                    fixture.webClient("kept");
                    fixture.webClient("kept");
                }))
                .isInstanceOf(ConflictException.class);

        assertThat(fixture.directory.clientByUsername("kept")).isPresent();
    }

    @Test
    void aBulkChangeWithoutChangesDoesNotReload() {
        DirectorySnapshot before = fixture.directory.snapshot();
        fixture.directory.bulkChange(() -> {});
        assertThat(fixture.directory.snapshot()).isSameAs(before);
    }
}
