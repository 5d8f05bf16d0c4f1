package io.gomsggw.core.admin;

import static io.gomsggw.core.admin.ClientAdminTest.assertField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.core.model.Failover;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailoverAdminTest {
    private final AdminFixture fixture = new AdminFixture();
    private final FailoverAdmin failovers = fixture.admin.failovers();
    private long primary;
    private long backup;

    @BeforeEach
    void reset() {
        fixture.reset();
        primary = fixture.webClient("primary");
        backup = fixture.webClient("backup");
    }

    @Test
    void addsWithDefaultsAndListsByPriority() {
        long second = fixture.webClient("second");
        Failover low = failovers.add(primary, new NewFailover(second, 5, null));
        Failover high = failovers.add(primary, new NewFailover(backup, null, null));

        assertThat(high.priority()).isZero();
        assertThat(high.enabled()).isTrue();
        assertThat(failovers.list(primary)).extracting(Failover::id).containsExactly(high.id(), low.id());
        assertThat(fixture.directory.failoversOf(primary))
                .extracting(Failover::id)
                .containsExactly(high.id(), low.id());
    }

    @Test
    void theFallbackMustExistAndDifferFromThePrimary() {
        assertField(() -> failovers.add(primary, new NewFailover(null, 1, true)), "fallback_client_id");
        assertField(() -> failovers.add(primary, new NewFailover(primary, 1, true)), "fallback_client_id");
        assertField(() -> failovers.add(primary, new NewFailover(999L, 1, true)), "fallback_client_id");
        assertField(() -> failovers.add(primary, new NewFailover(backup, -1, true)), "priority");
        assertThatThrownBy(() -> failovers.add(999, new NewFailover(backup, 1, true)))
                .isInstanceOf(NotFoundException.class);
        failovers.add(primary, new NewFailover(backup, 1, true));
        assertThatThrownBy(() -> failovers.add(primary, new NewFailover(backup, 2, true)))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void updatesAndDeletesOnlyThroughThePrimary() {
        Failover added = failovers.add(primary, new NewFailover(backup, 1, true));

        Failover updated = failovers.update(primary, added.id(), new FailoverPatch(null, false));
        assertThat(updated.priority()).isEqualTo(1);
        assertThat(updated.enabled()).isFalse();
        assertThat(fixture.directory.failoversOf(primary)).containsExactly(updated);

        assertThatThrownBy(() -> failovers.update(backup, added.id(), new FailoverPatch(3, null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> failovers.delete(backup, added.id())).isInstanceOf(NotFoundException.class);
        failovers.delete(primary, added.id());
        assertThat(failovers.list(primary)).isEmpty();
        assertThat(fixture.directory.failoversOf(primary)).isEmpty();
    }
}
