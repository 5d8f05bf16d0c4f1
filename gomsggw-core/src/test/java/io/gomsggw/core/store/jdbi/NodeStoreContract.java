package io.gomsggw.core.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.store.NodeStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The {@link NodeStore} contract: one live holder per id, leases on the database's clock. */
interface NodeStoreContract extends StoreFixture {
    Duration LEASE = Duration.ofSeconds(15);

    @Test
    default void aLiveNodeKeepsItsIdFromAnother() {
        NodeStore nodes = stores().nodes();
        assertThat(nodes.register("node-a", "first", "10.0.0.1:3000", LEASE, false))
                .isEmpty();

        Optional<NodeStore.Node> holder = nodes.register("node-a", "second", "10.0.0.2:3000", LEASE, false);

        assertThat(holder).hasValueSatisfying(node -> {
            assertThat(node.incarnation()).isEqualTo("first");
            assertThat(node.address()).isEqualTo("10.0.0.1:3000");
            assertThat(node.alive()).isTrue();
        });
        assertThat(nodes.renew("node-a", "first", LEASE)).isTrue();
        assertThat(nodes.renew("node-a", "second", LEASE)).isFalse();
        assertThat(nodes.register("node-b", "third", null, LEASE, false)).isEmpty();
        assertThat(nodes.register("node-b", "sole", null, LEASE, true))
                .as("taken over when told to")
                .isEmpty();
        assertThat(nodes.renew("node-b", "third", LEASE)).isFalse();
        assertThat(nodes.nodes()).extracting(NodeStore.Node::serverId).containsExactlyInAnyOrder("node-a", "node-b");
    }

    @Test
    default void anIdIsFreeOnceItsHolderLeftOrItsLeaseEnded() {
        NodeStore nodes = stores().nodes();
        nodes.register("node-a", "first", null, LEASE, false);
        nodes.leave("node-a", "first");
        assertThat(nodes.nodes())
                .singleElement()
                .satisfies(node -> assertThat(node.alive()).isFalse());
        assertThat(nodes.register("node-a", "second", null, LEASE, false)).isEmpty();

        // A lease of zero ends as it starts: as a node that stopped its heartbeats a lease ago.
        nodes.register("node-b", "stalled", null, Duration.ZERO, false);
        assertThat(nodes.register("node-b", "successor", null, LEASE, false)).isEmpty();
        assertThat(nodes.renew("node-b", "stalled", LEASE))
                .as("the stalled node finds its id taken")
                .isFalse();
        nodes.leave("node-b", "stalled");
        assertThat(nodes.nodes())
                .filteredOn(node -> node.serverId().equals("node-b"))
                .singleElement()
                .satisfies(node -> {
                    assertThat(node.incarnation()).isEqualTo("successor");
                    assertThat(node.alive())
                            .as("a late leave of the stalled node frees nothing")
                            .isTrue();
                });
    }

    @Test
    default void twoNodesRegisteringOneIdAtOnceGetItOnce() throws Exception {
        NodeStore nodes = stores().nodes();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Optional<NodeStore.Node>>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String incarnation = "racer-" + i;
                results.add(threads.submit(() -> {
                    start.await();
                    return nodes.register("node-race", incarnation, null, LEASE, false);
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Optional<NodeStore.Node>> result : results) {
                if (result.get(30, TimeUnit.SECONDS).isEmpty()) won++;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }
}
