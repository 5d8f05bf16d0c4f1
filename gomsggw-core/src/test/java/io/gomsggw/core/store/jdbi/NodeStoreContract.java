package io.gomsggw.core.store.jdbi;

import static io.gomsggw.core.store.jdbi.Fixtures.webClient;
import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.batch.BatchItem;
import io.gomsggw.core.batch.BatchItemStatus;
import io.gomsggw.core.batch.BatchJob;
import io.gomsggw.core.batch.BatchStatus;
import io.gomsggw.core.model.Direction;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.model.Protocol;
import io.gomsggw.core.store.NodeStore;
import io.gomsggw.core.store.OwedReport;
import io.gomsggw.core.store.OwedReportStore;
import io.gomsggw.core.store.StatusTransition;
import io.gomsggw.core.store.UsageStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@link NodeStore} contract: one live holder per id, leases on the database's clock, and a
 * dead node's work taken over once, by one survivor.
 */
interface NodeStoreContract extends StoreFixture {
    Duration LEASE = Duration.ofSeconds(15);
    Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static Message message(String id, String serverId, int second) {
        return Message.builder()
                .id(id)
                .type(MessageType.SMS)
                .direction(Direction.OUTBOUND)
                .from("+12505550100")
                .to("+16045550100")
                .text("hello " + id)
                .ingress(Protocol.HTTP)
                .targetClientId(7L)
                .status(MessageStatus.QUEUED)
                .serverId(serverId)
                .createdAt(T0.plusSeconds(second))
                .build();
    }

    private static BatchJob job(
            String id, long clientId, BatchStatus status, String webhook, boolean notified, int second) {
        Instant at = T0.plusSeconds(second);
        return new BatchJob(
                id, clientId, null, status, 1, "+12505550100", webhook, 10, 60, null, notified, at, at, null);
    }

    private static List<BatchItem> oneRow(String batchId) {
        return List.of(new BatchItem(
                batchId, 0, batchId + "-row", "+16045550199", "hi", BatchItemStatus.PENDING, null, 0, null, null, T0));
    }

    /** Registers {@code serverId} with a lease that ends as it starts: a node that died a lease ago. */
    private void deadNode(String serverId) {
        assertThat(stores().nodes().register(serverId, serverId + "-gone", null, Duration.ZERO, false))
                .isEmpty();
    }

    @Test
    default void aDeadNodesWorkGoesToTheSurvivorThatTakesItOverAndTheIdCanStartAgain() {
        NodeStore nodes = stores().nodes();
        deadNode("node-dead");
        nodes.register("node-live", "live", null, LEASE, false);
        nodes.register("survivor-1", "s1", null, LEASE, false);
        nodes.register("survivor-2", "s2", null, LEASE, false);
        List<Message> accepted = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            accepted.add(message("dead-" + i, "node-dead", i));
        }
        accepted.add(message("live-0", "node-live", 1));
        stores().messages().insertAll(accepted);
        Instant later = T0.plusSeconds(60);
        stores().messages()
                .transitionAll(List.of(
                        // dead-0 stays queued, dead-1 is parked, dead-2 was being dispatched
                        new StatusTransition(
                                "dead-1",
                                MessageStatus.QUEUED,
                                later,
                                "HTTP 503",
                                1,
                                null,
                                later.plusSeconds(30),
                                null),
                        new StatusTransition("dead-2", MessageStatus.DISPATCHING, later, null, 1, null, null, null),
                        new StatusTransition("dead-3", MessageStatus.SENT, later, null, 1, "c-3", null, null),
                        new StatusTransition("dead-4", MessageStatus.DELIVERED, later, null, 1, null, null, null),
                        new StatusTransition("dead-5", MessageStatus.UNDELIVERED, later, "gone", 1, null, null, null),
                        new StatusTransition("dead-6", MessageStatus.FAILED, later, "404", 1, null, null, null)));
        // dead-7 stays queued too: created last, it comes last
        long client = stores().clients().create(webClient("shop")).id();
        var deadJobs = stores().batchesOwnedBy("node-dead");
        deadJobs.create(job("job-running", client, BatchStatus.PROCESSING, null, false, 1), oneRow("job-running"));
        deadJobs.create(
                job("job-to-report", client, BatchStatus.COMPLETED, "https://app.example.com/done", false, 2),
                oneRow("job-to-report"));
        deadJobs.create(
                job("job-done", client, BatchStatus.COMPLETED, "https://app.example.com/done", true, 3),
                oneRow("job-done"));
        stores().batchesOwnedBy("node-live")
                .create(job("job-live", client, BatchStatus.PENDING, null, false, 4), oneRow("job-live"));

        assertThat(nodes.takeOver("node-live", "survivor-1"))
                .as("a live node is never taken over")
                .isEmpty();
        deadNode("node-dead-too");
        assertThat(nodes.takeOver("node-dead", "node-dead-too"))
                .as("a node whose own lease has ended takes nothing over")
                .isEmpty();
        assertThat(nodes.takeOver("node-dead", "never-registered")).isEmpty();
        // node-dead holds 9 units of a grant it did not report used; node-live holds 4
        stores().usage()
                .grantWithin("node-dead", List.of(new UsageStore.GrantRequest("client:1:sms:daily", T0, 100, 1, 10)));
        stores().usage()
                .grantWithin("node-live", List.of(new UsageStore.GrantRequest("client:1:sms:daily", T0, 100, 1, 5)));
        stores().owedReports()
                .writeAll(List.of(
                        new OwedReportStore.Keep(OwedReportStoreContract.report("dead-4", "node-dead", later)),
                        new OwedReportStore.Keep(OwedReportStoreContract.report("dead-6", "node-dead", later)),
                        new OwedReportStore.Keep(OwedReportStoreContract.report("live-0", "node-live", later))));
        Optional<NodeStore.Takeover> taken = nodes.takeOver("node-dead", "survivor-1");
        assertThat(stores().usage().get("client:1:sms:daily", T0))
                .as("the dead node's units given back, the live one's kept")
                .isEqualTo(6);
        assertThat(stores().usage().used("client:1:sms:daily", T0)).isEqualTo(2);

        assertThat(taken).hasValueSatisfying(t -> {
            assertThat(t.deadServerId()).isEqualTo("node-dead");
            assertThat(t.messageIds()).containsExactly("dead-0", "dead-1", "dead-2", "dead-7");
            assertThat(t.batchIds()).containsExactly("job-running", "job-to-report");
            assertThat(t.reportIds()).containsExactly("dead-4", "dead-6");
        });
        assertThat(stores().owedReports().ownedBy("survivor-1"))
                .extracting(OwedReport::messageId)
                .containsExactly("dead-4", "dead-6");
        assertThat(stores().owedReports().ownedBy("node-dead")).isEmpty();
        assertThat(stores().owedReports().ownedBy("node-live"))
                .extracting(OwedReport::messageId)
                .containsExactly("live-0");
        assertThat(nodes.takeOver("node-dead", "survivor-2"))
                .as("taken over once")
                .isEmpty();
        assertThat(List.of("dead-0", "dead-1", "dead-2", "dead-7", "dead-3", "dead-5", "live-0"))
                .extracting(id -> stores().messages().find(id).orElseThrow().serverId())
                .containsExactly(
                        "survivor-1", "survivor-1", "survivor-1", "survivor-1", "node-dead", "node-dead", "node-live");
        assertThat(stores().messages().findDue(later.plusSeconds(60), "survivor-1", 10))
                .extracting(Message::id)
                .containsExactly("dead-1");
        assertThat(stores().messages().findDue(later.plusSeconds(60), "node-dead", 10))
                .isEmpty();
        assertThat(stores().batchesOwnedBy("survivor-1").unfinished())
                .extracting(BatchJob::id)
                .containsExactly("job-running");
        assertThat(stores().batchesOwnedBy("survivor-1").awaitingWebhook())
                .extracting(BatchJob::id)
                .containsExactly("job-to-report");
        assertThat(stores().batchesOwnedBy("node-live").unfinished())
                .extracting(BatchJob::id)
                .containsExactly("job-live");
        assertThat(nodes.nodes())
                .filteredOn(n -> n.serverId().equals("node-dead"))
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.takenOverBy()).isEqualTo("survivor-1");
                    assertThat(n.takenOverAt()).isNotNull();
                    assertThat(n.alive()).isFalse();
                    assertThat(n.awaitsTakeover()).isFalse();
                });
        assertThat(nodes.renew("node-dead", "node-dead-gone", LEASE))
                .as("the dead incarnation, were it only paused, cannot renew a lease taken over")
                .isFalse();

        // the id starts again, as a node restarted after the takeover does
        assertThat(nodes.register("node-dead", "restarted", null, LEASE, false)).isEmpty();
        assertThat(nodes.nodes())
                .filteredOn(n -> n.serverId().equals("node-dead"))
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.alive()).isTrue();
                    assertThat(n.takenOverBy()).isNull();
                });
        assertThat(nodes.takeOver("node-dead", "survivor-2")).as("alive again").isEmpty();
    }

    @Test
    default void survivorsRacingForADeadNodeTakeItOverOnce() throws Exception {
        NodeStore nodes = stores().nodes();
        deadNode("node-dead");
        List<Message> accepted = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            accepted.add(message(String.format("dead-%02d", i), "node-dead", i));
        }
        stores().messages().insertAll(accepted);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Optional<NodeStore.Takeover>>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String survivor = "survivor-" + i;
                nodes.register(survivor, survivor, null, LEASE, false);
                results.add(threads.submit(() -> {
                    start.await();
                    return nodes.takeOver("node-dead", survivor);
                }));
            }
            start.countDown();
            List<NodeStore.Takeover> won = new ArrayList<>();
            for (Future<Optional<NodeStore.Takeover>> result : results) {
                result.get(30, TimeUnit.SECONDS).ifPresent(won::add);
            }

            assertThat(won).hasSize(1);
            assertThat(won.get(0).messageIds()).hasSize(50).isSorted();
            String winner = nodes.nodes().stream()
                    .filter(n -> n.serverId().equals("node-dead"))
                    .findFirst()
                    .orElseThrow()
                    .takenOverBy();
            assertThat(accepted)
                    .extracting(
                            m -> stores().messages().find(m.id()).orElseThrow().serverId())
                    .containsOnly(winner);
        } finally {
            threads.shutdownNow();
        }
    }

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
