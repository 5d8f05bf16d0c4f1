package io.gomsggw.core.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.crypto.SecretCipher;
import io.gomsggw.core.model.Direction;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.model.Protocol;
import io.gomsggw.core.store.BindStore;
import io.gomsggw.core.store.HandoverStore;
import io.gomsggw.core.testing.PostgresTestSchema;
import io.gomsggw.core.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bind directory ({@code client_binds}) and the handover of messages between nodes on a real
 * PostgreSQL (the only engine several nodes share). Skipped when {@code GOMSGGW_TEST_POSTGRES_URL}
 * is not set.
 */
class HandoverStoreTest {
    private static final Duration LEASE = Duration.ofSeconds(15);
    private static final long PBX = 9;
    private static final Instant T0 =
            Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(600);

    private PostgresTestSchema schema;
    private JdbiStores stores;
    private HandoverStore handovers;
    private BindStore binds;

    @BeforeEach
    void open() {
        String url = TestDatabases.postgresUrl().orElse(null);
        if (url == null) {
            System.out.println("HandoverStoreTest SKIPPED: " + TestDatabases.POSTGRES_URL_VARIABLE + " is not set");
        }
        Assumptions.assumeTrue(url != null, TestDatabases.POSTGRES_URL_VARIABLE + " is not set");
        schema = PostgresTestSchema.create(url);
        stores = new JdbiStores(
                schema.dataSource(), SecretCipher.fromKeyString(SecretCipher.generateKeyString()), Clock.systemUTC());
        handovers = stores.handovers();
        binds = stores.binds();
        stores.nodes().register("node-a", "a", null, LEASE, false);
        stores.nodes().register("node-b", "b", null, LEASE, false);
        // a lease of zero has ended as it starts: a node that died
        stores.nodes().register("node-dead", "d", null, Duration.ZERO, false);
    }

    @AfterEach
    void close() {
        if (schema != null) schema.close();
    }

    @Test
    void bindsOfLiveNodesAreListedOldestFirstAndThoseOfDeadNodesForgotten() {
        binds.record(PBX, "node-b", 1);
        binds.record(PBX, "node-a", 2);
        binds.record(PBX, "node-dead", 1);
        binds.record(7, "node-a", 1);
        binds.record(PBX, "node-b", 3); // a count that changes keeps its first bind's time

        assertThat(binds.live())
                .filteredOn(bind -> bind.clientId() == PBX)
                .extracting(BindStore.Bind::serverId, BindStore.Bind::binds)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("node-b", 3),
                        org.assertj.core.groups.Tuple.tuple("node-a", 2));
        binds.record(7, "node-a", 0);
        assertThat(binds.live()).extracting(BindStore.Bind::clientId).containsOnly(PBX);
        assertThat(binds.forgetDead()).as("the dead node's row").isEqualTo(1);
        assertThat(binds.forget("node-b")).isEqualTo(1);
        assertThat(binds.live()).extracting(BindStore.Bind::serverId).containsExactly("node-a");
    }

    @Test
    void aNodeClaimsWhatWasHandedToItInTheOrderOfTheNumbersOnce() {
        Message first = stored("node-a", null);
        Message second = stored("node-a", null);
        Message third = stored("node-a", null);
        Message elsewhere = stored("node-b", null);
        // numbered out of insertion order: the numbers decide
        assertThat(handovers.handOver(second.id(), "node-a", "node-b")).isTrue();
        assertThat(handovers.handOver(first.id(), "node-a", "node-b")).isTrue();
        assertThat(handovers.handOver(third.id(), "node-a", "node-b")).isTrue();

        List<HandoverStore.Claim> claimed = handovers.claim("node-b", 100);

        assertThat(claimed)
                .extracting(HandoverStore.Claim::messageId)
                .containsExactly(second.id(), first.id(), third.id());
        assertThat(claimed).extracting(HandoverStore.Claim::seq).isSorted();
        assertThat(handovers.claim("node-b", 100)).as("claimed once").isEmpty();
        assertThat(handovers.claim("node-a", 100)).isEmpty();
        assertThat(stores.messages().find(first.id()).orElseThrow())
                .satisfies(m -> assertThat(m.serverId()).isEqualTo("node-b"))
                .satisfies(m -> assertThat(m.handoverSeq()).isNull());
        assertThat(stores.messages().find(elsewhere.id()).orElseThrow().serverId())
                .isEqualTo("node-b");
    }

    @Test
    void numbersTakenAtAcceptanceOnDifferentNodesKeepTheOrderOfAcceptance() {
        // two nodes, each with its own connections, accepting one message after the other
        JdbiStores otherNode = new JdbiStores(
                schema.dataSource(), SecretCipher.fromKeyString(SecretCipher.generateKeyString()), Clock.systemUTC());
        Message viaB = insert(message()
                .serverId("node-a")
                .handoverSeq(otherNode.handovers().nextSeq())
                .build());
        Message viaC = insert(
                message().serverId("node-a").handoverSeq(handovers.nextSeq()).build());
        Message viaB2 = insert(message()
                .serverId("node-a")
                .handoverSeq(otherNode.handovers().nextSeq())
                .build());

        assertThat(handovers.claim("node-a", 2))
                .extracting(HandoverStore.Claim::messageId)
                .containsExactly(viaB.id(), viaC.id());
        assertThat(handovers.claim("node-a", 2))
                .extracting(HandoverStore.Claim::messageId)
                .containsExactly(viaB2.id());
    }

    @Test
    void onlyItsOwnNodeHandsAMessageOverAndNotOnceItIsFinal() {
        Message message = stored("node-a", null);

        assertThat(handovers.handOver(message.id(), "node-b", "node-dead")).isFalse();
        stores.messages().transition(message.id(), MessageStatus.DELIVERED, Instant.now(), null, 1);
        assertThat(handovers.handOver(message.id(), "node-a", "node-b")).isFalse();
        assertThat(handovers.claim("node-b", 10)).isEmpty();
    }

    @Test
    void parkedMessagesFollowTheirClientOldestFirst() {
        Instant due = Instant.now().plusSeconds(300);
        Message p1 = stored("node-a", due);
        Message p2 = stored("node-a", due);
        Message p3 = stored("node-a", due);
        stored("node-a", null); // not parked: its dispatch here hands it over itself
        insert(message().serverId("node-a").targetClientId(7L).retryAt(due).build()); // another client

        List<String> parked = handovers.parkedFor(PBX, "node-a", 100);
        assertThat(parked).containsExactly(p1.id(), p2.id(), p3.id());
        assertThat(handovers.handOverParked(List.of(p1.id(), p2.id(), p3.id()), "node-a", "node-b"))
                .isEqualTo(3);
        assertThat(handovers.handOverParked(List.of(p1.id()), "node-a", "node-b"))
                .as("not twice")
                .isZero();

        assertThat(handovers.claim("node-b", 10))
                .extracting(HandoverStore.Claim::messageId)
                .containsExactly(p1.id(), p2.id(), p3.id());
        assertThat(stores.messages().find(p1.id()).orElseThrow().retryAt())
                .as("due at once")
                .isNull();
    }

    @Test
    void theNewOwnerTakesWhatDeadNodesLeftForTheClient() {
        Message left = stored("node-dead", null);
        Message parked = stored("node-dead", Instant.now().plusSeconds(60));
        Message delivered = stored("node-dead", null);
        stores.messages().transition(delivered.id(), MessageStatus.DELIVERED, Instant.now(), null, 1);
        Message live = stored("node-b", null);

        assertThat(handovers.adoptFromDead(PBX, "node-a")).isEqualTo(2);

        assertThat(handovers.claim("node-a", 10))
                .extracting(HandoverStore.Claim::messageId)
                .containsExactly(left.id(), parked.id());
        assertThat(stores.messages().find(live.id()).orElseThrow().serverId()).isEqualTo("node-b");
        assertThat(stores.messages().find(delivered.id()).orElseThrow().serverId())
                .isEqualTo("node-dead");
    }

    @Test
    void receiptsHandedToANodeAreClaimedByItInOrderAndStayStoredUntilSent() {
        stores.pendingReceipts().writeAll(List.of(new io.gomsggw.core.store.PendingReceiptStore.Keep(receipt("r-1"))));
        handovers.handOverReceipt(receipt("r-2"), "node-b");
        handovers.handOverReceipt(receipt("r-1"), "node-b"); // kept here first, then handed over

        assertThat(handovers.claimReceipts("node-a", 10)).isEmpty();
        assertThat(handovers.claimReceipts("node-b", 10))
                .extracting(io.gomsggw.core.store.PendingReceipt::messageId)
                .containsExactly("r-2", "r-1");
        assertThat(handovers.claimReceipts("node-b", 10)).as("claimed once").isEmpty();
        assertThat(stores.pendingReceipts().loadAll())
                .extracting(io.gomsggw.core.store.PendingReceipt::messageId)
                .containsExactlyInAnyOrder("r-1", "r-2");
    }

    private static io.gomsggw.core.store.PendingReceipt receipt(String id) {
        return new io.gomsggw.core.store.PendingReceipt(
                PBX, id, "+12505550100", "+16045550199", MessageStatus.DELIVERED, T0, T0.plusSeconds(1), "hello");
    }

    private int created;

    private Message.Builder message() {
        return Message.builder()
                .id(UUID.randomUUID().toString())
                .type(MessageType.SMS)
                .direction(Direction.OUTBOUND)
                .from("+12505550100")
                .to("+16045550199")
                .text("hello")
                .ingress(Protocol.HTTP)
                .clientId(1L)
                .targetClientId(PBX)
                .status(MessageStatus.QUEUED)
                .createdAt(T0.plusSeconds(created++));
    }

    private Message stored(String serverId, Instant retryAt) {
        return insert(message().serverId(serverId).retryAt(retryAt).build());
    }

    private Message insert(Message message) {
        stores.messages().insertAll(List.of(message));
        return message;
    }
}
