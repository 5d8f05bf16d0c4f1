package io.gomsggw.smpp.server;

import static io.gomsggw.core.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.smpp.pdu.Address;
import io.gomsggw.smpp.pdu.BindMode;
import io.gomsggw.smpp.pdu.BindResp;
import io.gomsggw.smpp.pdu.CommandStatus;
import io.gomsggw.smpp.pdu.DeliverSm;
import io.gomsggw.smpp.pdu.EnquireLink;
import io.gomsggw.smpp.pdu.EnquireLinkResp;
import io.gomsggw.smpp.pdu.GenericNack;
import io.gomsggw.smpp.pdu.Pdu;
import io.gomsggw.smpp.pdu.PduEncoder;
import io.gomsggw.smpp.pdu.QuerySm;
import io.gomsggw.smpp.pdu.SmFields;
import io.gomsggw.smpp.pdu.SubmitSm;
import io.gomsggw.smpp.pdu.SubmitSmResp;
import io.gomsggw.smpp.pdu.Unbind;
import io.gomsggw.smpp.pdu.UnbindResp;
import io.gomsggw.smpp.session.SessionSettings;
import io.gomsggw.smpp.session.SmppSession;
import io.gomsggw.smpp.testing.RawSmppSocket;
import io.gomsggw.smpp.testing.TestServerHandler;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server against raw sockets: bind rules, timers, hostile bytes, PROXY protocol, shutdown. */
class SmppServerTest {
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final SessionSettings QUIET = SessionSettings.DEFAULTS
            .withResponseTimeout(Duration.ofSeconds(5))
            .withTimers(Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(10));

    private final TestServerHandler handler = new TestServerHandler();
    private SmppServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private SmppServer start(SmppServerConfig config) throws Exception {
        server = SmppServer.start(config, handler);
        return server;
    }

    private SmppServer start(SessionSettings settings) throws Exception {
        return start(SmppServerConfig.of(ANY_PORT).withSettings(settings));
    }

    private static SubmitSm submit(int seq) {
        return new SubmitSm(
                seq,
                SmFields.builder()
                        .source(Address.international("12505550100"))
                        .destination(Address.international("12505550199"))
                        .shortMessage("hello".getBytes(StandardCharsets.US_ASCII))
                        .build());
    }

    @Test
    void bindsAndAnswersSubmitWithTheHandlersMessageId() throws Exception {
        start(QUIET);
        try (RawSmppSocket esme = new RawSmppSocket(server.address())) {
            Pdu resp = esme.bind(BindMode.TRANSCEIVER);
            assertThat(resp).isInstanceOfSatisfying(BindResp.class, b -> {
                assertThat(b.commandStatus()).isZero();
                assertThat(b.systemId()).isEqualTo(SmppServerConfig.DEFAULT_SYSTEM_ID);
                assertThat(b.sequenceNumber()).isEqualTo(1);
            });
            esme.send(submit(2));
            assertThat(esme.read()).isEqualTo(new SubmitSmResp(0, 2, "msg-1"));
            await("the session is listed", () -> server.sessions().size() == 1);
            SmppSession session = server.sessions().get(0);
            assertThat(session.systemId()).isEqualTo("user");
            assertThat(session.mode()).isEqualTo(BindMode.TRANSCEIVER);
            assertThat(session.attachment()).isEqualTo(TestServerHandler.ATTACHMENT);
            assertThat(session.isOpen()).isTrue();
            assertThat(session.canSendMessages()).isTrue();
            assertThat(handler.bound).containsExactly(session);
            assertThat(handler.binds.get(0).tls()).isFalse();
            assertThat(handler.binds.get(0).remoteAddress().getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
        }
    }

    @Test
    void portInUseFailsWithAClearBindException() throws Exception {
        start(QUIET);
        assertThatThrownBy(() -> SmppServer.start(SmppServerConfig.of(server.address()), handler))
                .isInstanceOf(BindException.class)
                .hasMessageContaining(String.valueOf(server.address().getPort()));
    }

    @Test
    void refusedBindIsAnsweredWithTheStatusAndClosed() throws Exception {
        start(QUIET);
        try (RawSmppSocket esme = new RawSmppSocket(server.address())) {
            esme.send(new io.gomsggw.smpp.pdu.Bind(BindMode.TRANSMITTER, 7, "user", "wrong", "", 0x34, Address.EMPTY));
            assertThat(esme.read()).isInstanceOfSatisfying(BindResp.class, b -> {
                assertThat(b.commandStatus()).isEqualTo(CommandStatus.ESME_RINVPASWD.code());
                assertThat(b.sequenceNumber()).isEqualTo(7);
            });
            assertThat(esme.closedByPeer()).isTrue();
        }
        assertThat(handler.bound).isEmpty();
        assertThat(handler.closed).isEmpty();
    }

    @Test
    void bindsWithCredentialsLongerThanSmpp34AllowsUpToSixtyFourOctets() throws Exception {
        start(QUIET);
        try (RawSmppSocket esme = new RawSmppSocket(server.address())) {
            // jsmpp refuses to encode these, so raw bytes stand in for a PBX configured for the Go gateway
            assertThat(esme.bind(BindMode.TRANSCEIVER, TestServerHandler.LONG_USER, TestServerHandler.LONG_PASSWORD)
                            .commandStatus())
                    .isZero();
        }
        try (RawSmppSocket esme = new RawSmppSocket(server.address())) {
            byte[] systemId = "s".repeat(65).getBytes(StandardCharsets.US_ASCII);
            ByteBuffer bind = ByteBuffer.allocate(16 + systemId.length + 1 + 2 + 1 + 1 + 3);
            bind.putInt(bind.capacity())
                    .putInt(0x09)
                    .putInt(0)
                    .putInt(3)
                    .put(systemId)
                    .put((byte) 0)
                    .put(new byte[] {'p', 0})
                    .put((byte) 0)
                    .put((byte) 0x34)
                    .put(new byte[3]);
            esme.sendBytes(bind.array());
            assertThat(esme.read())
                    .isEqualTo(new BindResp(
                            BindMode.TRANSCEIVER,
                            CommandStatus.ESME_RINVSYSID.code(),
                            3,
                            "",
                            io.gomsggw.smpp.pdu.Tlvs.NONE));
        }
        assertThat(handler.binds).hasSize(1);
    }

    @Test
    void enforcesTheBindState() throws Exception {
        start(QUIET);
        try (RawSmppSocket esme = new RawSmppSocket(server.address())) {
            esme.send(submit(3));
            assertThat(esme.read()).isEqualTo(new SubmitSmResp(CommandStatus.ESME_RINVBNDSTS.code(), 3, ""));
            esme.send(new EnquireLink(4));
            assertThat(esme.read()).isEqualTo(new EnquireLinkResp(0, 4));

            assertThat(esme.bind(BindMode.RECEIVER)).isInstanceOf(BindResp.class);
            esme.send(new io.gomsggw.smpp.pdu.Bind(BindMode.TRANSCEIVER, 5, "user", "secret", "", 0x34, Address.EMPTY));
            assertThat(esme.read())
                    .isInstanceOfSatisfying(
                            BindResp.class,
                            b -> assertThat(b.commandStatus()).isEqualTo(CommandStatus.ESME_RALYBND.code()));
            esme.send(submit(6));
            assertThat(esme.read()).isEqualTo(new SubmitSmResp(CommandStatus.ESME_RINVBNDSTS.code(), 6, ""));
            esme.send(new QuerySm(7, "msg-1", Address.EMPTY));
            assertThat(esme.read().commandStatus()).isEqualTo(CommandStatus.ESME_RINVBNDSTS.code());
            esme.send(new DeliverSm(8, SmFields.builder().build()));
            assertThat(esme.read().commandStatus()).isEqualTo(CommandStatus.ESME_RINVBNDSTS.code());
        }
        assertThat(handler.requests).isEmpty();
    }

    @Test
    void aTransmitterIsNeverSentDeliverSm() throws Exception {
        start(QUIET);
        try (RawSmppSocket esme = new RawSmppSocket(server.address())) {
            esme.bind(BindMode.TRANSMITTER);
            await("bound", () -> server.sessions().size() == 1);
            SmppSession session = server.sessions().get(0);
            assertThat(session.canSendMessages()).isFalse();
            CompletableFuture<?> sent = session.send(
                            seq -> new DeliverSm(seq, SmFields.builder().build()))
                    .toCompletableFuture();
            assertThatThrownBy(sent::join).hasCauseInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void sendsDeliverSmToAReceiver() throws Exception {
        start(QUIET);
        try (RawSmppSocket esme = new RawSmppSocket(server.address())) {
            esme.bind(BindMode.RECEIVER);
            await("bound", () -> server.sessions().size() == 1);
            SmppSession session = server.sessions().get(0);
            CompletableFuture<?> answered = session.send(seq -> new DeliverSm(
                            seq,
                            SmFields.builder()
                                    .shortMessage(new byte[] {'h', 'i'})
                                    .build()))
                    .toCompletableFuture();
            Pdu deliver = esme.read();
            assertThat(deliver).isInstanceOf(DeliverSm.class);
            esme.send(((DeliverSm) deliver).errorResponse(0));
            assertThat(answered.get()).isEqualTo(((DeliverSm) deliver).errorResponse(0));
        }
    }

    @Test
    void unknownCommandIdGetsGenericNackAndTheSessionGoesOn() throws Exception {
        start(QUIET);
        try (RawSmppSocket esme = new RawSmppSocket(server.address())) {
            esme.bind(BindMode.TRANSCEIVER);
            // submit_multi (0x21): a real SMPP command this gateway does not support
            esme.sendBytes(ByteBuffer.allocate(16)
                    .putInt(16)
                    .putInt(0x21)
                    .putInt(0)
                    .putInt(9)
                    .array());
            assertThat(esme.read()).isEqualTo(new GenericNack(CommandStatus.ESME_RINVCMDID.code(), 9));
            esme.send(submit(10));
            assertThat(esme.read()).isEqualTo(new SubmitSmResp(0, 10, "msg-1"));
        }
    }

    @Test
    void anInvalidBodyGetsItsErrorResponseAndTheSessionGoesOn() throws Exception {
        start(QUIET);
        try (RawSmppSocket esme = new RawSmppSocket(server.address())) {
            esme.bind(BindMode.TRANSCEIVER);
            byte[] bad = new PduEncoder().encode(submit(11));
            bad[bad.length - 6] = (byte) 0xFF; // sm_length 255 > 254
            esme.sendBytes(bad);
            assertThat(esme.read()).isEqualTo(new SubmitSmResp(CommandStatus.ESME_RINVMSGLEN.code(), 11, ""));
            esme.send(submit(12));
            assertThat(esme.read()).isEqualTo(new SubmitSmResp(0, 12, "msg-1"));
        }
        assertThat(handler.requests).hasSize(1);
    }

    @Test
    void aFailingHandlerIsAnsweredSystemError() throws Exception {
        start(QUIET);
        try (RawSmppSocket esme = new RawSmppSocket(server.address())) {
            esme.bind(BindMode.TRANSCEIVER);
            esme.send(new SubmitSm(
                    15,
                    SmFields.builder()
                            .destination(Address.international(TestServerHandler.FAIL))
                            .build()));
            assertThat(esme.read()).isEqualTo(new SubmitSmResp(CommandStatus.ESME_RSYSERR.code(), 15, ""));
            esme.send(submit(16));
            assertThat(esme.read()).isEqualTo(new SubmitSmResp(0, 16, "msg-1"));
        }
    }

    @Test
    void garbageGetsGenericNackAndCloseWhileOtherSessionsGoOn() throws Exception {
        start(QUIET);
        try (RawSmppSocket other = new RawSmppSocket(server.address());
                RawSmppSocket esme = new RawSmppSocket(server.address())) {
            other.bind(BindMode.TRANSCEIVER);
            esme.sendText("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(esme.read())
                    .isInstanceOfSatisfying(
                            GenericNack.class,
                            n -> assertThat(n.commandStatus()).isEqualTo(CommandStatus.ESME_RINVCMDLEN.code()));
            assertThat(esme.closedByPeer()).isTrue();

            other.send(submit(16));
            assertThat(other.read()).isEqualTo(new SubmitSmResp(0, 16, "msg-1"));
        }
    }

    @Test
    void commandLengthBeyondTheMaximumGetsGenericNackAndClose() throws Exception {
        start(QUIET.withMaxPduLength(1024));
        try (RawSmppSocket esme = new RawSmppSocket(server.address())) {
            esme.bind(BindMode.TRANSCEIVER);
            esme.sendBytes(ByteBuffer.allocate(16)
                    .putInt(1025)
                    .putInt(4)
                    .putInt(0)
                    .putInt(13)
                    .array());
            assertThat(esme.read()).isEqualTo(new GenericNack(CommandStatus.ESME_RINVCMDLEN.code(), 13));
            assertThat(esme.closedByPeer()).isTrue();
        }
        await("onClosed", () -> handler.closed.size() == 1);
    }

    @Test
    void commandLengthBelowTheHeaderGetsGenericNackAndClose() throws Exception {
        start(QUIET);
        try (RawSmppSocket esme = new RawSmppSocket(server.address())) {
            esme.sendBytes(ByteBuffer.allocate(16)
                    .putInt(8)
                    .putInt(0x15)
                    .putInt(0)
                    .putInt(14)
                    .array());
            assertThat(esme.read()).isEqualTo(new GenericNack(CommandStatus.ESME_RINVCMDLEN.code(), 14));
            assertThat(esme.closedByPeer()).isTrue();
        }
    }

    @Test
    void aSilentPeerIsClosed() throws Exception {
        start(QUIET.withTimers(Duration.ZERO, Duration.ofMillis(300), Duration.ofSeconds(10)));
        try (RawSmppSocket esme = new RawSmppSocket(server.address())) {
            esme.bind(BindMode.TRANSCEIVER);
            assertThat(esme.closedByPeer()).isTrue();
        }
        await("onClosed", () -> handler.closed.size() == 1);
        assertThat(server.sessions()).isEmpty();
    }

    @Test
    void aConnectionThatNeverBindsIsClosed() throws Exception {
        start(QUIET.withTimers(Duration.ZERO, Duration.ofSeconds(30), Duration.ofMillis(200)));
        try (RawSmppSocket esme = new RawSmppSocket(server.address())) {
            assertThat(esme.closedByPeer()).isTrue();
        }
        assertThat(handler.binds).isEmpty();
    }

    @Test
    void sendsEnquireLinkWhenTheLineIsIdle() throws Exception {
        start(QUIET.withTimers(Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ofSeconds(10)));
        try (RawSmppSocket esme = new RawSmppSocket(server.address())) {
            esme.bind(BindMode.TRANSCEIVER);
            Pdu enquire = esme.read();
            assertThat(enquire).isInstanceOf(EnquireLink.class);
            esme.send(((EnquireLink) enquire).okResponse());
            Pdu next = esme.read();
            assertThat(next).isInstanceOf(EnquireLink.class);
            assertThat(next.sequenceNumber()).isNotEqualTo(enquire.sequenceNumber());
        }
    }

    @Test
    void unbindFromThePeerIsAnsweredAndCloses() throws Exception {
        start(QUIET);
        try (RawSmppSocket esme = new RawSmppSocket(server.address())) {
            esme.bind(BindMode.TRANSCEIVER);
            esme.send(new Unbind(20));
            assertThat(esme.read()).isEqualTo(new UnbindResp(0, 20));
            assertThat(esme.closedByPeer()).isTrue();
        }
        await("onClosed", () -> handler.closed.size() == 1);
        assertThat(handler.closed).containsExactlyElementsOf(handler.bound);
    }

    @Test
    void proxyProtocolReportsTheProxiedAddress() throws Exception {
        start(SmppServerConfig.of(ANY_PORT).withSettings(QUIET).withProxyProtocol(true));
        try (RawSmppSocket esme = new RawSmppSocket(server.address())) {
            esme.sendText("PROXY TCP4 203.0.113.7 192.0.2.1 56324 2775\r\n");
            assertThat(esme.bind(BindMode.TRANSCEIVER).commandStatus()).isZero();
            assertThat(handler.binds.get(0).remoteAddress())
                    .isEqualTo(new InetSocketAddress(InetAddress.getByName("203.0.113.7"), 56324));
            await("bound", () -> server.sessions().size() == 1);
            assertThat(server.sessions().get(0).remoteAddress().getAddress())
                    .isEqualTo(InetAddress.getByName("203.0.113.7"));
        }
    }

    @Test
    void aBadProxyHeaderClosesTheConnection() throws Exception {
        start(SmppServerConfig.of(ANY_PORT).withSettings(QUIET).withProxyProtocol(true));
        try (RawSmppSocket esme = new RawSmppSocket(server.address())) {
            esme.sendText("PROXY SOMETHING ELSE ENTIRELY\r\n");
            assertThat(esme.closedByPeer()).isTrue();
        }
        assertThat(handler.binds).isEmpty();
    }

    @Test
    void closeUnbindsEveryBoundSession() throws Exception {
        start(QUIET);
        try (RawSmppSocket esme = new RawSmppSocket(server.address())) {
            esme.bind(BindMode.TRANSCEIVER);
            await("bound", () -> server.sessions().size() == 1);
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            Pdu unbind = esme.read();
            assertThat(unbind).isInstanceOf(Unbind.class);
            esme.send(((Unbind) unbind).okResponse());
            assertThat(esme.closedByPeer()).isTrue();
            closing.get();
        }
        assertThat(handler.closed).hasSize(1);
    }
}
