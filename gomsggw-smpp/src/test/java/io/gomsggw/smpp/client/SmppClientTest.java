package io.gomsggw.smpp.client;

import static io.gomsggw.core.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.smpp.pdu.Address;
import io.gomsggw.smpp.pdu.BindMode;
import io.gomsggw.smpp.pdu.CommandStatus;
import io.gomsggw.smpp.pdu.DeliverSm;
import io.gomsggw.smpp.pdu.RequestPdu;
import io.gomsggw.smpp.pdu.ResponsePdu;
import io.gomsggw.smpp.pdu.SmFields;
import io.gomsggw.smpp.pdu.SubmitSm;
import io.gomsggw.smpp.pdu.SubmitSmResp;
import io.gomsggw.smpp.server.SmppServer;
import io.gomsggw.smpp.server.SmppServerConfig;
import io.gomsggw.smpp.session.SessionSettings;
import io.gomsggw.smpp.session.SmppBindException;
import io.gomsggw.smpp.session.SmppRequestHandler;
import io.gomsggw.smpp.session.SmppSendException;
import io.gomsggw.smpp.session.SmppSession;
import io.gomsggw.smpp.testing.TestCertificates;
import io.gomsggw.smpp.testing.TestServerHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Our client against our server: bind, window, timeouts, unbind, enquire_link, TLS. */
class SmppClientTest {
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final SessionSettings SETTINGS = SessionSettings.DEFAULTS
            .withResponseTimeout(Duration.ofSeconds(5))
            .withTimers(Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(10));

    private final TestServerHandler serverHandler = new TestServerHandler();
    private final List<RequestPdu> delivered = new CopyOnWriteArrayList<>();
    private final SmppRequestHandler clientHandler = (session, request) -> {
        delivered.add(request);
        return CompletableFuture.completedFuture(request.errorResponse(0));
    };
    private final SmppClient client = SmppClient.create(1);
    private SmppServer server;

    @AfterEach
    void stop() {
        client.close();
        if (server != null) {
            server.close();
        }
    }

    private void startServer(SmppServerConfig config) throws Exception {
        server = SmppServer.start(config, serverHandler);
    }

    private SmppClientConfig config(SessionSettings settings) {
        return SmppClientConfig.of(
                        server.address(), BindMode.TRANSCEIVER, TestServerHandler.USER, TestServerHandler.PASSWORD)
                .withSettings(settings);
    }

    private SmppSession bind(SmppClientConfig config) {
        return client.bind(config, clientHandler).toCompletableFuture().join();
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

    private static <T> Throwable failure(CompletableFuture<T> f) {
        assertThatThrownBy(f::join).isInstanceOf(CompletionException.class);
        return f.handle((v, e) -> e.getCause() != null ? e.getCause() : e).join();
    }

    private SmppSession serverSession() {
        await("the server lists the session", () -> !server.sessions().isEmpty());
        return server.sessions().get(0);
    }

    @Test
    void bindsSubmitsAndReceives() throws Exception {
        startServer(SmppServerConfig.of(ANY_PORT).withSettings(SETTINGS));
        SmppSession session = bind(config(SETTINGS));
        assertThat(session.isOpen()).isTrue();
        assertThat(session.systemId()).isEqualTo("user");
        assertThat(session.mode()).isEqualTo(BindMode.TRANSCEIVER);
        assertThat(session.canSendMessages()).isTrue();
        assertThat(session.attachment()).isNull();

        ResponsePdu resp =
                session.send(SmppClientTest::submit).toCompletableFuture().get();
        assertThat(resp).isInstanceOfSatisfying(SubmitSmResp.class, r -> {
            assertThat(r.commandStatus()).isZero();
            assertThat(r.messageId()).isEqualTo("msg-1");
        });

        ResponsePdu deliverResp = serverSession()
                .send(seq -> new DeliverSm(
                        seq,
                        SmFields.builder()
                                .shortMessage("hi".getBytes(StandardCharsets.US_ASCII))
                                .build()))
                .toCompletableFuture()
                .get();
        assertThat(deliverResp.isOk()).isTrue();
        assertThat(delivered)
                .singleElement()
                .isInstanceOfSatisfying(
                        DeliverSm.class,
                        d -> assertThat(d.sm().shortMessage()).isEqualTo("hi".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aRefusedBindFailsWithItsStatus() throws Exception {
        startServer(SmppServerConfig.of(ANY_PORT).withSettings(SETTINGS));
        CompletableFuture<SmppSession> bound = client.bind(
                        config(SETTINGS).withCredentials("user", "nope"), clientHandler)
                .toCompletableFuture();
        assertThat(failure(bound))
                .isInstanceOfSatisfying(
                        SmppBindException.class, e -> assertThat(e.status()).contains(CommandStatus.ESME_RINVPASWD));
    }

    @Test
    void bindsWithCredentialsLongerThanSmpp34Allows() throws Exception {
        startServer(SmppServerConfig.of(ANY_PORT).withSettings(SETTINGS));
        SmppSession session =
                bind(config(SETTINGS).withCredentials(TestServerHandler.LONG_USER, TestServerHandler.LONG_PASSWORD));
        assertThat(session.systemId()).isEqualTo(TestServerHandler.LONG_USER);
        assertThat(serverHandler.binds)
                .singleElement()
                .satisfies(b -> assertThat(b.bind().password()).isEqualTo(TestServerHandler.LONG_PASSWORD));
    }

    @Test
    void theWindowHoldsBackTheThirdRequest() throws Exception {
        startServer(SmppServerConfig.of(ANY_PORT).withSettings(SETTINGS));
        serverHandler.holdResponses = true;
        SmppSession session = bind(config(SETTINGS.withWindowSize(2).withMaxQueuedRequests(5)));
        List<CompletableFuture<ResponsePdu>> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sent.add(session.send(SmppClientTest::submit).toCompletableFuture());
        }
        await("two requests reach the server", () -> serverHandler.held.size() == 2);
        assertThat(sent.get(2)).isNotDone();
        assertThat(serverHandler.requests).hasSize(2);

        serverHandler.held.poll().release();
        assertThat(sent.get(0).get().isOk()).isTrue();
        await("the queued request goes out", () -> serverHandler.requests.size() == 3);
        serverHandler.held.forEach(TestServerHandler.Held::release);
        assertThat(sent.get(1).get().isOk()).isTrue();
        assertThat(sent.get(2).get().isOk()).isTrue();
    }

    @Test
    void aFullWindowWithoutQueueRefusesAtOnce() throws Exception {
        startServer(SmppServerConfig.of(ANY_PORT).withSettings(SETTINGS));
        serverHandler.holdResponses = true;
        SmppSession session = bind(config(SETTINGS.withWindowSize(2).withMaxQueuedRequests(0)));
        CompletableFuture<ResponsePdu> first =
                session.send(SmppClientTest::submit).toCompletableFuture();
        CompletableFuture<ResponsePdu> second =
                session.send(SmppClientTest::submit).toCompletableFuture();
        CompletableFuture<ResponsePdu> third =
                session.send(SmppClientTest::submit).toCompletableFuture();
        assertThat(third).isCompletedExceptionally();
        assertThat(failure(third))
                .isInstanceOfSatisfying(
                        SmppSendException.class,
                        e -> assertThat(e.reason()).isEqualTo(SmppSendException.Reason.WINDOW_FULL));
        await("two requests reach the server", () -> serverHandler.held.size() == 2);
        serverHandler.held.forEach(TestServerHandler.Held::release);
        assertThat(first.get().isOk()).isTrue();
        assertThat(second.get().isOk()).isTrue();
        assertThat(session.send(SmppClientTest::submit).toCompletableFuture().isCompletedExceptionally())
                .isFalse();
    }

    @Test
    void responsesMayCompleteOutOfOrder() throws Exception {
        startServer(SmppServerConfig.of(ANY_PORT).withSettings(SETTINGS));
        serverHandler.holdResponses = true;
        SmppSession session = bind(config(SETTINGS));
        CompletableFuture<ResponsePdu> first =
                session.send(SmppClientTest::submit).toCompletableFuture();
        CompletableFuture<ResponsePdu> second =
                session.send(SmppClientTest::submit).toCompletableFuture();
        await("both reach the server", () -> serverHandler.held.size() == 2);
        TestServerHandler.Held heldFirst = serverHandler.held.poll();
        TestServerHandler.Held heldSecond = serverHandler.held.poll();
        CompletableFuture.runAsync(heldSecond::release).get();
        assertThat(second.get())
                .isInstanceOfSatisfying(
                        SubmitSmResp.class,
                        r -> assertThat(r.messageId())
                                .isEqualTo("held-" + heldSecond.request().sequenceNumber()));
        assertThat(first).isNotDone();
        heldFirst.release();
        assertThat(first.get())
                .isInstanceOfSatisfying(
                        SubmitSmResp.class,
                        r -> assertThat(r.messageId())
                                .isEqualTo("held-" + heldFirst.request().sequenceNumber()));
    }

    @Test
    void anUnansweredRequestTimesOutAndALateResponseIsDropped() throws Exception {
        startServer(SmppServerConfig.of(ANY_PORT).withSettings(SETTINGS));
        serverHandler.holdResponses = true;
        SmppSession session = bind(config(SETTINGS.withResponseTimeout(Duration.ofMillis(200))));
        CompletableFuture<ResponsePdu> late =
                session.send(SmppClientTest::submit).toCompletableFuture();
        assertThat(failure(late))
                .isInstanceOfSatisfying(
                        SmppSendException.class,
                        e -> assertThat(e.reason()).isEqualTo(SmppSendException.Reason.TIMEOUT));

        serverHandler.holdResponses = false;
        serverHandler.held.poll().release();
        ResponsePdu next =
                session.send(SmppClientTest::submit).toCompletableFuture().get();
        assertThat(next.isOk()).isTrue();
        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void unbindFromTheClientClosesBothSidesAndFailsWhatIsPending() throws Exception {
        startServer(SmppServerConfig.of(ANY_PORT).withSettings(SETTINGS));
        serverHandler.holdResponses = true;
        SmppSession session = bind(config(SETTINGS));
        CompletableFuture<ResponsePdu> pending =
                session.send(SmppClientTest::submit).toCompletableFuture();
        await("the request reaches the server", () -> serverHandler.held.size() == 1);

        session.unbind().toCompletableFuture().get();
        assertThat(session.isOpen()).isFalse();
        assertThat(failure(pending))
                .isInstanceOfSatisfying(
                        SmppSendException.class,
                        e -> assertThat(e.reason()).isEqualTo(SmppSendException.Reason.CLOSED));
        await("the server sees the close", () -> serverHandler.closed.size() == 1);
        assertThat(server.sessions()).isEmpty();
        assertThat(failure(session.send(SmppClientTest::submit).toCompletableFuture()))
                .isInstanceOfSatisfying(
                        SmppSendException.class,
                        e -> assertThat(e.reason()).isEqualTo(SmppSendException.Reason.CLOSED));
    }

    @Test
    void unbindFromTheServerClosesTheClient() throws Exception {
        startServer(SmppServerConfig.of(ANY_PORT).withSettings(SETTINGS));
        SmppSession session = bind(config(SETTINGS));
        serverSession().unbind().toCompletableFuture().get();
        await("the client sees the close", () -> !session.isOpen());
        await("onClosed", () -> serverHandler.closed.size() == 1);
    }

    @Test
    void anIdleClientSendsEnquireLinkAndTheServerAnswers() throws Exception {
        startServer(SmppServerConfig.of(ANY_PORT).withSettings(SETTINGS));
        SmppSession session = bind(config(SETTINGS.withResponseTimeout(Duration.ofSeconds(2))
                .withTimers(Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofSeconds(10))));
        SmppSession onServer = serverSession();
        // Only the client's enquire_link moves the server's lastSeen after the bind; the client
        // closes a session whose enquire_link goes unanswered, so three in a row mean answered.
        List<Instant> seen = new CopyOnWriteArrayList<>();
        await("three enquire_links", () -> {
            Instant last = onServer.lastSeen();
            if (last.isAfter(onServer.boundAt()) && (seen.isEmpty() || last.isAfter(seen.get(seen.size() - 1)))) {
                seen.add(last);
            }
            return seen.size() >= 3;
        });
        assertThat(session.isOpen()).isTrue();
        assertThat(serverHandler.requests).isEmpty();
    }

    @Test
    void bindsOverTls() throws Exception {
        TestCertificates certificates = TestCertificates.shared();
        startServer(SmppServerConfig.of(ANY_PORT).withSettings(SETTINGS).withTls(certificates.server()));
        SmppSession session = bind(config(SETTINGS).withTls(certificates.client()));
        assertThat(session.send(SmppClientTest::submit)
                        .toCompletableFuture()
                        .get()
                        .isOk())
                .isTrue();
        assertThat(serverHandler.binds.get(0).tls()).isTrue();
    }

    @Test
    void aPlainClientCannotBindToTheTlsListener() throws Exception {
        TestCertificates certificates = TestCertificates.shared();
        startServer(SmppServerConfig.of(ANY_PORT).withSettings(SETTINGS).withTls(certificates.server()));
        CompletableFuture<SmppSession> bound =
                client.bind(config(SETTINGS), clientHandler).toCompletableFuture();
        assertThat(failure(bound)).isNotNull();
        assertThat(serverHandler.binds).isEmpty();
    }

    @Test
    void serverCloseUnbindsTheClient() throws Exception {
        startServer(SmppServerConfig.of(ANY_PORT).withSettings(SETTINGS));
        SmppSession session = bind(config(SETTINGS));
        server.close();
        assertThat(serverHandler.closed).hasSize(1);
        await("the client sees the close", () -> !session.isOpen());
    }

    @Test
    void oneClientHoldsManyBinds() throws Exception {
        startServer(SmppServerConfig.of(ANY_PORT).withSettings(SETTINGS));
        List<CompletableFuture<SmppSession>> binds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            binds.add(client.bind(config(SETTINGS), clientHandler).toCompletableFuture());
        }
        List<CompletableFuture<ResponsePdu>> submits = new ArrayList<>();
        for (CompletableFuture<SmppSession> b : binds) {
            submits.add(b.get().send(SmppClientTest::submit).toCompletableFuture());
        }
        for (CompletableFuture<ResponsePdu> s : submits) {
            assertThat(s.get().isOk()).isTrue();
        }
        assertThat(server.sessions()).hasSize(8);
    }
}
