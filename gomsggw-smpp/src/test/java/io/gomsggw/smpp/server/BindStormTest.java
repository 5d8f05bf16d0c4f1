package io.gomsggw.smpp.server;

import static io.gomsggw.core.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.security.LoginThrottle;
import io.gomsggw.core.testing.MutableClock;
import io.gomsggw.smpp.pdu.Address;
import io.gomsggw.smpp.pdu.BindMode;
import io.gomsggw.smpp.pdu.BindResp;
import io.gomsggw.smpp.pdu.CommandStatus;
import io.gomsggw.smpp.pdu.Pdu;
import io.gomsggw.smpp.pdu.SmFields;
import io.gomsggw.smpp.pdu.SubmitSm;
import io.gomsggw.smpp.pdu.SubmitSmResp;
import io.gomsggw.smpp.session.SessionSettings;
import io.gomsggw.smpp.testing.RawSmppSocket;
import io.gomsggw.smpp.testing.TestServerHandler;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bind storms and password guessing from one source address ({@code 127.0.0.2}, which Linux routes
 * to loopback) while a PBX on {@code 127.0.0.1} binds and sends. The throttle's clock stands still,
 * so a bar lasts for the whole test.
 */
class BindStormTest {
    private static final Logger log = LoggerFactory.getLogger(BindStormTest.class);
    private static final InetAddress ATTACKER = address("127.0.0.2");
    private static final InetAddress PBX = address("127.0.0.1");
    private static final SessionSettings QUIET = SessionSettings.DEFAULTS
            .withResponseTimeout(Duration.ofSeconds(5))
            .withTimers(Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(10));
    private static final int ATTEMPTS = 1_000;
    private static final int ATTACKERS = 4;
    /** An attempt closed before any answer: refused for too many unbound connections. */
    private static final int CLOSED = -1;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(LoginThrottle.DEFAULTS, clock);
    private final TestServerHandler handler = new TestServerHandler();
    private final ExecutorService attackers = Executors.newFixedThreadPool(ATTACKERS);
    private SmppServer server;

    @AfterEach
    void stop() {
        attackers.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void start(BindGuard.Limits limits) throws IOException {
        server = SmppServer.start(
                SmppServerConfig.of(new InetSocketAddress(PBX, 0))
                        .withSettings(QUIET)
                        .withBindGuard(new BindGuard(limits, throttle)),
                handler);
    }

    private RawSmppSocket connect(InetAddress from) throws IOException {
        return new RawSmppSocket(server.address(), from, 0);
    }

    /** One failed bind from the attacker: the status of its answer, or {@link #CLOSED}. */
    private int guess(int attempt) {
        try (RawSmppSocket socket = connect(ATTACKER)) {
            socket.send(new io.gomsggw.smpp.pdu.Bind(
                    BindMode.TRANSCEIVER, 1, TestServerHandler.USER, "guess" + attempt, "", 0x34, Address.EMPTY));
            return socket.read().commandStatus();
        } catch (EOFException | SocketException e) {
            return CLOSED;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
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

    private long passwordChecksFrom(InetAddress source) {
        return handler.binds.stream()
                .filter(b -> b.remoteAddress().getAddress().equals(source))
                .count();
    }

    @Test
    void failedBindsBarTheirSourceWhileAnotherBindsAndSends() throws Exception {
        start(BindGuard.Limits.DEFAULTS);
        Map<Integer, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        List<CompletableFuture<Void>> storm = new ArrayList<>();
        for (int i = 0; i < ATTACKERS; i++) {
            storm.add(CompletableFuture.runAsync(
                    () -> {
                        for (int attempt = next.getAndIncrement();
                                attempt < ATTEMPTS;
                                attempt = next.getAndIncrement()) {
                            outcomes.computeIfAbsent(guess(attempt), s -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                    },
                    attackers));
        }
        await("the attacker is barred", () -> throttle.check(ATTACKER) instanceof LoginThrottle.Verdict.Barred);

        // during the storm, the PBX binds and sends as usual
        try (RawSmppSocket pbx = connect(PBX)) {
            assertThat(pbx.bind(BindMode.TRANSCEIVER))
                    .isInstanceOfSatisfying(
                            BindResp.class, r -> assertThat(r.commandStatus()).isZero());
            pbx.send(submit(2));
            Pdu answer = pbx.read();
            assertThat(answer).isInstanceOf(SubmitSmResp.class);
            assertThat(answer.commandStatus()).isZero();
        }
        CompletableFuture.allOf(storm.toArray(CompletableFuture[]::new)).get();

        int wrongPassword = count(outcomes, CommandStatus.ESME_RINVPASWD.code());
        int barred = count(outcomes, CommandStatus.ESME_RBINDFAIL.code());
        log.info(
                "bind storm attempts={} password_checks={} barred={} closed={}",
                ATTEMPTS,
                wrongPassword,
                barred,
                count(outcomes, CLOSED));
        assertThat(outcomes.keySet())
                .isSubsetOf(CommandStatus.ESME_RINVPASWD.code(), CommandStatus.ESME_RBINDFAIL.code(), CLOSED);
        assertThat(outcomes.values().stream().mapToInt(AtomicInteger::get).sum())
                .isEqualTo(ATTEMPTS);
        // five free failures, the one that bars, and at most one more per other attacker already checking
        int mostChecked = LoginThrottle.DEFAULTS.freeFailures() + 1 + ATTACKERS - 1;
        assertThat(wrongPassword).isBetween(LoginThrottle.DEFAULTS.freeFailures() + 1, mostChecked);
        assertThat(passwordChecksFrom(ATTACKER))
                .as("barred binds never reach the password check")
                .isEqualTo(wrongPassword);
        assertThat(barred).as("answered ESME_RBINDFAIL at once").isPositive();
        assertThat(throttle.check(ATTACKER)).isInstanceOf(LoginThrottle.Verdict.Barred.class);
        assertThat(throttle.check(PBX)).isInstanceOf(LoginThrottle.Verdict.Allowed.class);
        assertThat(handler.bound).hasSize(1);
    }

    private static int count(Map<Integer, AtomicInteger> outcomes, int outcome) {
        AtomicInteger n = outcomes.get(outcome);
        return n == null ? 0 : n.get();
    }

    @Test
    void aSuccessfulBindForgetsTheSourcesFailures() throws Exception {
        start(BindGuard.Limits.DEFAULTS);
        for (int i = 0; i < LoginThrottle.DEFAULTS.freeFailures(); i++) {
            assertThat(guess(i)).isEqualTo(CommandStatus.ESME_RINVPASWD.code());
        }
        try (RawSmppSocket pbx = connect(ATTACKER)) {
            assertThat(pbx.bind(BindMode.TRANSCEIVER).commandStatus()).isZero();
        }
        for (int i = 0; i < LoginThrottle.DEFAULTS.freeFailures(); i++) {
            assertThat(guess(i)).isEqualTo(CommandStatus.ESME_RINVPASWD.code());
        }
        assertThat(throttle.check(ATTACKER)).isInstanceOf(LoginThrottle.Verdict.Allowed.class);
    }

    @Test
    void connectionsBeyondASourcesShareOfUnboundOnesAreClosedAtOnce() throws Exception {
        start(new BindGuard.Limits(2, 100));
        BindGuard guard = server.config().bindGuard();
        try (RawSmppSocket first = connect(ATTACKER);
                RawSmppSocket second = connect(ATTACKER)) {
            await("two unbound connections from the attacker", () -> guard.unbound(ATTACKER) == 2);
            try (RawSmppSocket third = connect(ATTACKER)) {
                assertThat(third.closedByPeer()).isTrue();
            }
            try (RawSmppSocket pbx = connect(PBX)) {
                assertThat(pbx.bind(BindMode.TRANSCEIVER).commandStatus())
                        .as("another source binds")
                        .isZero();
            }
            assertThat(first.bind(BindMode.TRANSCEIVER).commandStatus()).isZero();
            assertThat(guard.unbound(ATTACKER))
                    .as("a bound connection no longer counts")
                    .isEqualTo(1);
            try (RawSmppSocket fourth = connect(ATTACKER)) {
                assertThat(fourth.bind(BindMode.TRANSCEIVER).commandStatus()).isZero();
            }
        }
        await("closed connections no longer count", () -> guard.unbound() == 0);
    }

    @Test
    void connectionsBeyondTheTotalOfUnboundOnesAreClosedAtOnce() throws Exception {
        start(new BindGuard.Limits(1, 2));
        BindGuard guard = server.config().bindGuard();
        try (RawSmppSocket first = connect(ATTACKER);
                RawSmppSocket second = connect(address("127.0.0.3"))) {
            await("two unbound connections", () -> guard.unbound() == 2);
            try (RawSmppSocket third = connect(PBX)) {
                assertThat(third.closedByPeer()).isTrue();
            }
            assertThat(second.bind(BindMode.TRANSCEIVER).commandStatus()).isZero();
            try (RawSmppSocket pbx = connect(PBX)) {
                assertThat(pbx.bind(BindMode.TRANSCEIVER).commandStatus()).isZero();
            }
        }
    }
}
