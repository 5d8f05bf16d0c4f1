package io.gomsggw.smpp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.Protocol;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.core.testing.Eventually;
import io.gomsggw.smpp.pdu.BindMode;
import io.gomsggw.smpp.pdu.DeliverSm;
import io.gomsggw.smpp.pdu.DeliverSmResp;
import io.gomsggw.smpp.pdu.RequestPdu;
import io.gomsggw.smpp.pdu.ResponsePdu;
import io.gomsggw.smpp.receipt.DeliveryReceipt;
import io.gomsggw.smpp.session.SmppSession;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReceiptSenderTest {
    private static final Instant SUBMITTED = Instant.parse("2026-11-30T21:05:00Z");

    private final SessionRegistry sessions = new SessionRegistry();
    private final InMemorySessionState state = new InMemorySessionState();
    private final ReceiptSender receipts = new ReceiptSender(sessions, state.pendingReceipts);

    @AfterEach
    void close() {
        receipts.close();
    }

    private static Message submitted(String id, int registeredDelivery) {
        return Message.builder()
                .id(id)
                .from("+12505550001")
                .to("+12505550002")
                .text("hello")
                .ingress(Protocol.SMPP)
                .clientId(7L)
                .externalRef(ReceiptRequest.of(registeredDelivery).reference())
                .createdAt(SUBMITTED)
                .status(MessageStatus.DELIVERED)
                .build();
    }

    private static StatusChange delivered() {
        return new StatusChange(MessageStatus.DELIVERED, SUBMITTED.plusSeconds(3), null);
    }

    @Test
    void aReceiptForAPbxWithoutAReceiverWaitsForItsNextBind() {
        receipts.onStatus(submitted("m-1", 1), delivered());
        receipts.onStatus(submitted("m-2", 0), delivered()); // no receipt asked for

        FakeSession receiver = new FakeSession(7, BindMode.RECEIVER);
        sessions.add(receiver);

        assertThat(receiver.sent).singleElement().satisfies(receipt -> {
            assertThat(receipt.sm().isDeliveryReceipt()).isTrue();
            assertThat(receipt.sm().tlvs().receiptedMessageId()).contains("m-1");
            assertThat(DeliveryReceipt.parse(new String(receipt.sm().shortMessage(), StandardCharsets.US_ASCII)))
                    .hasValueSatisfying(r -> assertThat(r.stat()).isEqualTo(DeliveryReceipt.DELIVERED));
        });
    }

    @Test
    void aReceiptTheBindDidNotTakeIsSentAgainOnTheNextBind() {
        FakeSession refusing = new FakeSession(7, BindMode.TRANSCEIVER);
        refusing.status = 0x64; // ESME_RX_T_APPN
        sessions.add(refusing);
        receipts.onStatus(submitted("m-3", 1), delivered());
        assertThat(refusing.sent).hasSize(1);
        sessions.remove(refusing);

        FakeSession next = new FakeSession(7, BindMode.TRANSCEIVER);
        sessions.add(next);
        assertThat(next.sent)
                .singleElement()
                .satisfies(receipt ->
                        assertThat(receipt.sm().tlvs().receiptedMessageId()).contains("m-3"));
    }

    @Test
    void aWaitingReceiptIsStoredAndAnotherSenderOnTheSameStoreSendsItAtTheNextBind() {
        receipts.onStatus(submitted("m-4", 1), delivered());
        Eventually.await("the receipt is stored", () -> state.receiptIds().equals(List.of("m-4")));
        receipts.close();

        SessionRegistry afterRestart = new SessionRegistry();
        try (ReceiptSender restarted = new ReceiptSender(afterRestart, state.pendingReceipts)) {
            assertThat(restarted.waitingCount()).isEqualTo(1);
            FakeSession receiver = new FakeSession(7, BindMode.RECEIVER);
            afterRestart.add(receiver);
            assertThat(receiver.sent).singleElement().satisfies(receipt -> {
                assertThat(receipt.sm().tlvs().receiptedMessageId()).contains("m-4");
                assertThat(DeliveryReceipt.parse(new String(receipt.sm().shortMessage(), StandardCharsets.US_ASCII)))
                        .hasValueSatisfying(r -> {
                            assertThat(r.stat()).isEqualTo(DeliveryReceipt.DELIVERED);
                            assertThat(r.text()).isEqualTo("hello");
                        });
            });
            Eventually.await(
                    "the sent receipt is dropped from the store",
                    () -> state.receiptIds().isEmpty());
            assertThat(restarted.waitingCount()).isZero();
        }
    }

    /** Several nodes: node-b holds the client's bind; what is handed there, by id. */
    private final List<String> handedToB = new CopyOnWriteArrayList<>();

    private void clientBoundOnNodeB(java.util.Map<Long, String> owners) {
        receipts.followClients(
                new ReceiptSender.Elsewhere() {
                    @Override
                    public java.util.Optional<String> ownerElsewhere(long clientId) {
                        return java.util.Optional.ofNullable(owners.get(clientId));
                    }

                    @Override
                    public void handOver(io.gomsggw.core.store.PendingReceipt receipt, String node) {
                        handedToB.add(node + ":" + receipt.messageId());
                    }
                },
                Runnable::run);
    }

    @Test
    void aReceiptForAClientBoundOnAnotherNodeGoesThereAndWaitingOnesFollowABind() {
        java.util.Map<Long, String> owners = new java.util.concurrent.ConcurrentHashMap<>();
        clientBoundOnNodeB(owners);
        receipts.onStatus(submitted("m-5", 1), delivered()); // bound nowhere: waits here
        assertThat(receipts.waitingCount()).isOne();
        owners.put(7L, "node-b");

        receipts.onStatus(submitted("m-6", 1), delivered());
        receipts.handOverWaiting(7, "node-b");

        assertThat(handedToB).containsExactly("node-b:m-6", "node-b:m-5");
        assertThat(receipts.waitingCount()).isZero();
        FakeSession receiver = new FakeSession(7, BindMode.RECEIVER);
        sessions.add(receiver);
        assertThat(receiver.sent).as("nothing left here").isEmpty();
    }

    @Test
    void aReceiptHandedToThisNodeIsSentToTheBindHere() {
        FakeSession receiver = new FakeSession(7, BindMode.RECEIVER);
        sessions.add(receiver);

        receipts.sendHandedOver(new io.gomsggw.core.store.PendingReceipt(
                7, "m-7", "+12505550001", "+12505550002", MessageStatus.DELIVERED, SUBMITTED, SUBMITTED, "hi"));

        assertThat(receiver.sent)
                .singleElement()
                .satisfies(receipt ->
                        assertThat(receipt.sm().tlvs().receiptedMessageId()).contains("m-7"));
    }

    @Test
    void beyondTheBoundsTheOldestReceiptOfTheClientIsDropped() {
        receipts.close();
        try (ReceiptSender bounded = new ReceiptSender(sessions, state.pendingReceipts, 2, 3)) {
            bounded.onStatus(submitted("m-1", 1), delivered());
            bounded.onStatus(submitted("m-2", 1), delivered());
            bounded.onStatus(submitted("m-3", 1), delivered());
            assertThat(bounded.waitingCount()).as("two per client").isEqualTo(2);
            bounded.onStatus(submittedBy(8, "n-1"), delivered());
            bounded.onStatus(submittedBy(9, "o-1"), delivered());
            assertThat(bounded.waitingCount()).as("three in all").isEqualTo(3);
            Eventually.await(
                    "the store holds what memory holds",
                    () -> state.receiptIds().stream().sorted().toList().equals(List.of("m-2", "m-3", "n-1")));

            FakeSession receiver = new FakeSession(7, BindMode.RECEIVER);
            sessions.add(receiver);
            assertThat(receiver.sent)
                    .extracting(r -> r.sm().tlvs().receiptedMessageId().orElseThrow())
                    .containsExactly("m-2", "m-3");
        }
    }

    private static Message submittedBy(long clientId, String id) {
        return submitted(id, 1).toBuilder().clientId(clientId).build();
    }

    /** A bound session that records what it is sent and answers with {@code status}. */
    private static final class FakeSession implements SmppSession {
        final List<DeliverSm> sent = new CopyOnWriteArrayList<>();
        final BoundClient client;
        final BindMode mode;
        volatile int status;
        private int sequence;

        FakeSession(long clientId, BindMode mode) {
            this.client = new BoundClient(clientId, "pbx");
            this.mode = mode;
        }

        @Override
        public String id() {
            return "fake";
        }

        @Override
        public String systemId() {
            return client.username();
        }

        @Override
        public BindMode mode() {
            return mode;
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return new InetSocketAddress("127.0.0.1", 1);
        }

        @Override
        public Instant boundAt() {
            return SUBMITTED;
        }

        @Override
        public Instant lastSeen() {
            return SUBMITTED;
        }

        @Override
        public Object attachment() {
            return client;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public boolean canSendMessages() {
            return mode != BindMode.TRANSMITTER;
        }

        @Override
        public CompletionStage<Void> unbind() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {}

        @Override
        public CompletionStage<ResponsePdu> send(IntFunction<? extends RequestPdu> request) {
            RequestPdu pdu = request.apply(++sequence);
            sent.add((DeliverSm) pdu);
            return CompletableFuture.completedFuture(new DeliverSmResp(status, pdu.sequenceNumber(), ""));
        }
    }
}
