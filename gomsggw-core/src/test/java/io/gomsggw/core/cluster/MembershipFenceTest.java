package io.gomsggw.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.store.NodeStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The fence and the end of a lease: a node that may have lost its work starts none of it. */
class MembershipFenceTest {
    private static final Duration LEASE = Duration.ofSeconds(15);

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final FakeNodes store = new FakeNodes();

    private Membership member(boolean exclusive) {
        Membership membership = new Membership(store, "node-1", null, LEASE, exclusive, nanos::get);
        membership.register();
        return membership;
    }

    @Test
    void theFenceShutsTwoThirdsOfALeaseAfterTheLastRenewalBeganAndOpensOnTheNext() {
        Membership membership = member(false);
        assertThat(membership.mayWork()).isTrue();

        nanos.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(membership.mayWork()).isTrue();
        nanos.addAndGet(Duration.ofSeconds(1).toNanos()); // 10 s: two thirds of 15
        assertThat(membership.mayWork()).isFalse();

        membership.beat();

        assertThat(membership.mayWork()).isTrue();
        assertThat(membership.holdsLease()).isTrue();
    }

    @Test
    void aRenewalThatFailsWithAnErrorLeavesTheFenceToTheClock() {
        Membership membership = member(false);
        store.failing = true;

        nanos.addAndGet(Duration.ofSeconds(6).toNanos());
        membership.beat();
        assertThat(membership.mayWork()).isTrue();
        nanos.addAndGet(Duration.ofSeconds(6).toNanos());
        membership.beat();

        assertThat(membership.mayWork()).isFalse();
        assertThat(membership.holdsLease()).isTrue(); // not known to be lost: the database did not answer
    }

    @Test
    void aLeaseTakenOverIsGoneForGoodAndTheListenerIsToldOnce() {
        Membership membership = member(false);
        AtomicInteger told = new AtomicInteger();
        membership.onLeaseLost(told::incrementAndGet);

        store.takenOver = true;
        membership.beat();
        store.takenOver = false; // even if the row looked free again, the in-memory work is not this node's
        membership.beat();

        assertThat(told).hasValue(1);
        assertThat(membership.holdsLease()).isFalse();
        assertThat(membership.mayWork()).isFalse();
        assertThat(store.registrations).hasValue(1);
    }

    @Test
    void onTheEmbeddedDatabaseTheFenceIsAlwaysOpen() {
        Membership membership = member(true);

        nanos.addAndGet(Duration.ofMinutes(5).toNanos());

        assertThat(membership.mayWork()).isTrue();
    }

    /** One row, held by whoever registered last; {@code takenOver} makes renewals fail as after a takeover. */
    private static final class FakeNodes implements NodeStore {
        volatile boolean takenOver;
        volatile boolean failing;
        final AtomicInteger registrations = new AtomicInteger();

        @Override
        public Optional<Node> register(
                String serverId, String incarnation, String address, Duration lease, boolean takeOver) {
            registrations.incrementAndGet();
            return Optional.empty();
        }

        @Override
        public boolean renew(String serverId, String incarnation, Duration lease) {
            if (failing) throw new IllegalStateException("database out of reach");
            return !takenOver;
        }

        @Override
        public void leave(String serverId, String incarnation) {}

        @Override
        public List<Node> nodes() {
            return List.of();
        }

        @Override
        public Optional<Takeover> takeOver(String deadServerId, String survivorId) {
            return Optional.empty();
        }
    }
}
