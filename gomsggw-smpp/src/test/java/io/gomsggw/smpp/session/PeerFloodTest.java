package io.gomsggw.smpp.session;

import static io.gomsggw.core.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.smpp.pdu.Address;
import io.gomsggw.smpp.pdu.BindMode;
import io.gomsggw.smpp.pdu.CommandStatus;
import io.gomsggw.smpp.pdu.DeliverSm;
import io.gomsggw.smpp.pdu.Pdu;
import io.gomsggw.smpp.pdu.PduEncoder;
import io.gomsggw.smpp.pdu.RequestPdu;
import io.gomsggw.smpp.pdu.ResponsePdu;
import io.gomsggw.smpp.pdu.SmFields;
import io.gomsggw.smpp.pdu.SubmitSm;
import io.gomsggw.smpp.pdu.SubmitSmResp;
import io.gomsggw.smpp.server.BindDecision;
import io.gomsggw.smpp.server.BindRequest;
import io.gomsggw.smpp.server.SmppServer;
import io.gomsggw.smpp.server.SmppServerConfig;
import io.gomsggw.smpp.server.SmppServerHandler;
import io.gomsggw.smpp.testing.RawSmppSocket;
import io.netty.util.internal.SystemPropertyUtil;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A peer that writes 100,000 {@code submit_sm} without reading an answer, against the real
 * server on loopback: what the gateway holds for it stays bounded, another client's messages
 * flow meanwhile, and once the flooder reads, every request has its answer.
 */
class PeerFloodTest {
    private static final Logger log = LoggerFactory.getLogger(PeerFloodTest.class);
    private static final int FLOOD = 100_000;
    /** 64-character message ids make each answer (81 octets) longer than its request. */
    private static final String ID = "f".repeat(60);

    private static final int ANSWER_BYTES = 16 + ID.length() + 4 + 1;
    /** A submit_sm_resp with status ESME_RTHROTTLED and no message id. */
    private static final int THROTTLED_BYTES = 17;
    /** What Netty's outbound buffer counts for each message beyond its bytes. */
    private static final int ENTRY_OVERHEAD =
            SystemPropertyUtil.getInt("io.netty.transport.outboundBufferEntrySizeOverhead", 96);

    private static final SessionSettings SETTINGS = SessionSettings.DEFAULTS
            .withResponseTimeout(Duration.ofSeconds(5))
            .withTimers(Duration.ZERO, Duration.ofSeconds(60), Duration.ofSeconds(10));

    private final ExecutorService writer = Executors.newSingleThreadExecutor();
    private final AtomicInteger accepted = new AtomicInteger();
    private SmppServer server;
    private RawSmppSocket good;

    @AfterEach
    void stop() throws Exception {
        writer.shutdownNow();
        if (good != null) {
            good.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Accepts every bind and every submit_sm. */
    private final SmppServerHandler handler = new SmppServerHandler() {
        @Override
        public CompletionStage<BindDecision> authenticate(BindRequest request) {
            return CompletableFuture.completedFuture(
                    BindDecision.accept(request.bind().systemId()));
        }

        @Override
        public CompletionStage<? extends ResponsePdu> onRequest(SmppSession session, RequestPdu request) {
            accepted.incrementAndGet();
            return CompletableFuture.completedFuture(new SubmitSmResp(
                    0, request.sequenceNumber(), String.format("%s%04d", ID, request.sequenceNumber() % 10_000)));
        }
    };

    private SmppSession session(String systemId) {
        await(
                systemId + " bound",
                () -> server.sessions().stream().anyMatch(s -> s.systemId().equals(systemId)));
        return server.sessions().stream()
                .filter(s -> s.systemId().equals(systemId))
                .findFirst()
                .orElseThrow();
    }

    private static SubmitSm submit(int seq) {
        return new SubmitSm(
                seq,
                SmFields.builder()
                        .source(Address.international("12505550100"))
                        .destination(Address.international("12505550199"))
                        .shortMessage("flood".getBytes(StandardCharsets.US_ASCII))
                        .build());
    }

    @Test
    void aFlooderThatDoesNotReadIsHeldBackWhileOthersGoOn() throws Exception {
        server = SmppServer.start(
                SmppServerConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                        .withSettings(SETTINGS),
                handler);
        try (RawSmppSocket flooder = new RawSmppSocket(server.address(), null, 16 * 1024)) {
            assertThat(flooder.bind(BindMode.TRANSMITTER, "flooder", "pw").commandStatus())
                    .isZero();
            SmppSession flood = session("flooder");

            PduEncoder encoder = new PduEncoder();
            CompletableFuture<Void> written = CompletableFuture.runAsync(
                    () -> {
                        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
                        try {
                            for (int seq = 2; seq < FLOOD + 2; seq++) {
                                chunk.writeBytes(encoder.encode(submit(seq)));
                                if (chunk.size() >= 64 * 1024 || seq == FLOOD + 1) {
                                    flooder.sendBytes(chunk.toByteArray()); // blocks once the gateway stops reading
                                    chunk.reset();
                                }
                            }
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    },
                    writer);
            // 100,000 answers of 81 octets cannot all wait in the kernel's buffers (at most 4 MiB here):
            // they reach the gateway's, which the flooder does not drain
            await(
                    "the flooder's answers pile up in the gateway",
                    () -> flood.backlog().queuedBytes() > InboundFlowControl.HIGH_WATER_MARK);

            // meanwhile a well-behaved client submits and receives; it connects only now, so that a slow
            // pile-up (a loaded machine) cannot outlast the server's bind timeout
            good = new RawSmppSocket(server.address());
            assertThat(good.bind(BindMode.TRANSCEIVER, "good", "pw").commandStatus())
                    .isZero();
            good.send(submit(2));
            assertThat(good.read()).isInstanceOfSatisfying(SubmitSmResp.class, r -> {
                assertThat(r.commandStatus()).isZero();
                assertThat(r.sequenceNumber()).isEqualTo(2);
            });
            CompletableFuture<ResponsePdu> delivered = session("good")
                    .send(seq -> new DeliverSm(
                            seq,
                            SmFields.builder()
                                    .shortMessage("hi".getBytes(StandardCharsets.US_ASCII))
                                    .build()))
                    .toCompletableFuture();
            Pdu deliver = good.read();
            assertThat(deliver).isInstanceOf(DeliverSm.class);
            good.send(((DeliverSm) deliver).errorResponse(0));
            assertThat(delivered.get().isOk()).isTrue();
            assertThat(flood.backlog().queuedBytes())
                    .as("the flooder's answers still wait")
                    .isGreaterThan(InboundFlowControl.HIGH_WATER_MARK);

            // the flooder reads at last: every request has exactly one answer, accepted or throttled
            BitSet answered = new BitSet();
            int ok = 0;
            int throttled = 0;
            for (int i = 0; i < FLOOD; i++) {
                Pdu answer = flooder.read();
                assertThat(answer).isInstanceOf(SubmitSmResp.class);
                assertThat(answered.get(answer.sequenceNumber()))
                        .as("answered twice")
                        .isFalse();
                answered.set(answer.sequenceNumber());
                if (answer.commandStatus() == 0) {
                    ok++;
                } else {
                    assertThat(answer.commandStatus()).isEqualTo(CommandStatus.ESME_RTHROTTLED.code());
                    throttled++;
                }
            }
            written.get();
            assertThat(answered.cardinality()).isEqualTo(FLOOD);
            assertThat(answered.nextSetBit(0)).isEqualTo(2);

            SessionBacklog backlog = flood.backlog();
            log.info(
                    "flood requests={} accepted={} throttled={} peak_unanswered={} peak_queued_bytes={} read_pauses={}",
                    FLOOD,
                    ok,
                    throttled,
                    backlog.peakUnansweredRequests(),
                    backlog.peakQueuedBytes(),
                    backlog.readPauses());
            assertThat(throttled).isEqualTo(backlog.throttledRequests());
            assertThat(ok + 1).as("the good client's submit too").isEqualTo(accepted.get());
            assertThat(backlog.peakUnansweredRequests()).isLessThanOrEqualTo(SETTINGS.peerWindow());
            // writable below the high water mark; beyond it, at most the answers to the rest of the read
            // under way (throttled) and to the requests in the window; Netty counts each with its overhead
            int submitBytes = encoder.encode(submit(2)).length;
            long throttledAnswers = InboundFlowControl.MAX_READ_BYTES / submitBytes + 2;
            long bound = InboundFlowControl.HIGH_WATER_MARK
                    + throttledAnswers * (THROTTLED_BYTES + ENTRY_OVERHEAD)
                    + (SETTINGS.peerWindow() + 1L) * (ANSWER_BYTES + ENTRY_OVERHEAD);
            assertThat(backlog.peakQueuedBytes()).isLessThanOrEqualTo(bound);
            assertThat(backlog.unansweredRequests()).isZero();
            assertThat(backlog.readPauses()).isPositive();
        }
    }
}
