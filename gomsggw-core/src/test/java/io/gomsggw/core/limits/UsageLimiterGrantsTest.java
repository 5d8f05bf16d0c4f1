package io.gomsggw.core.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientSettings;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.Direction;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.model.Secret;
import io.gomsggw.core.model.UsageLimits;
import io.gomsggw.core.testing.InMemoryUsageStore;
import io.gomsggw.core.testing.MutableClock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link UsageLimiter} on a database several nodes share: grants, their return, exactness. */
class UsageLimiterGrantsTest {
    private static final String DAILY = "client:1:sms:daily";
    private static final Instant TODAY = Instant.parse("2026-03-10T00:00:00Z");

    private final InMemoryUsageStore store = new InMemoryUsageStore();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T12:00:30Z"));
    private final AtomicInteger liveNodes = new AtomicInteger(1);

    private UsageLimiter node(String serverId, Runnable askHolders) {
        return new UsageLimiter(store, clock, new UsageLimiter.Sharing(serverId, liveNodes::get, askHolders));
    }

    private UsageLimiter node(String serverId) {
        return node(serverId, () -> {});
    }

    private static Client client(long dailyLimit) {
        ClientSettings settings = new ClientSettings(
                ClientSettings.DEFAULTS.authMethod(),
                ClientSettings.DEFAULTS.apiFormat(),
                false,
                3,
                10,
                false,
                null,
                new UsageLimits(0, dailyLimit, 0, 0, 0, 0),
                false);
        return new Client(1, "c1", Secret.of("pw"), null, ClientType.WEB, null, ZoneId.of("UTC"), false, settings);
    }

    private static boolean admitted(UsageLimiter limiter, Client client) {
        return limiter.admit(client, null, MessageType.SMS, Direction.OUTBOUND) instanceof Admission.Granted;
    }

    @Test
    void farFromTheLimitANodeGoesToTheStoreOncePerGrantOfUpToTheCap() {
        liveNodes.set(3);
        UsageLimiter limiter = node("node-a");
        Client client = client(100_000);

        for (int i = 0; i < 200; i++) {
            assertThat(admitted(limiter, client)).isTrue();
        }

        // room 100,000 over 2 × 3 nodes is far above the cap: grants of 64, 64, 64, 64
        assertThat(store.grantCalls()).isEqualTo(4);
        assertThat(limiter.admitTransactions()).isEqualTo(4);
        assertThat(store.get(DAILY, TODAY)).as("taken").isEqualTo(256);
        assertThat(limiter.report(client, List.of()).client().sms().daily().currentUsage())
                .as("used, not taken")
                .isEqualTo(200);
        limiter.flush();
        assertThat(store.used(DAILY, TODAY)).as("reported at the flush").isEqualTo(200);
        assertThat(store.grantedTo("node-a")).isEqualTo(56);
    }

    @Test
    void theGrantShrinksWithTheRoomAndTheLiveNodesDownToOneUnit() {
        liveNodes.set(3);
        UsageLimiter limiter = node("node-a");
        Client client = client(100);

        assertThat(admitted(limiter, client)).isTrue();
        assertThat(store.get(DAILY, TODAY)).as("100 / (2 × 3) = 16 taken").isEqualTo(16);
        for (int i = 0; i < 15; i++) {
            assertThat(admitted(limiter, client)).isTrue();
        }
        assertThat(store.grantCalls()).isEqualTo(1);
        assertThat(admitted(limiter, client)).isTrue();
        assertThat(store.get(DAILY, TODAY)).as("84 / 6 = 14 more").isEqualTo(30);

        store.add(DAILY, TODAY, 100 - 30 - 5); // other nodes used most of the rest
        for (int i = 0; i < 13; i++) {
            assertThat(admitted(limiter, client)).isTrue(); // the rest of the grant of 14
        }
        long calls = store.grantCalls();
        for (int i = 0; i < 5; i++) {
            assertThat(admitted(limiter, client)).isTrue();
        }
        assertThat(store.grantCalls() - calls)
                .as("room 5 < 6: one unit per message")
                .isEqualTo(5);
        assertThat(admitted(limiter, client)).isFalse();
        assertThat(store.get(DAILY, TODAY)).isEqualTo(100);
    }

    @Test
    void unusedUnitsGoBackWhenTheCounterIsIdleAndAtClose() {
        UsageLimiter limiter = node("node-a");
        Client client = client(1_000);
        admitted(limiter, client);
        assertThat(store.get(DAILY, TODAY)).isEqualTo(64);

        limiter.flush();
        assertThat(store.get(DAILY, TODAY)).as("in use: kept").isEqualTo(64);
        clock.advance(UsageLimiter.RETURN_IDLE);
        limiter.flush();
        assertThat(store.get(DAILY, TODAY)).as("idle: given back").isEqualTo(1);
        assertThat(store.grantedTo("node-a")).isZero();

        admitted(limiter, client);
        admitted(limiter, client);
        assertThat(store.get(DAILY, TODAY)).isEqualTo(1 + 64);
        limiter.close();
        assertThat(store.get(DAILY, TODAY)).isEqualTo(3);
        assertThat(store.used(DAILY, TODAY)).isEqualTo(3);
    }

    @Test
    void aReleasedMessagesUnitIsUsedAgainOrGivenBack() {
        UsageLimiter limiter = node("node-a");
        Client client = client(1);
        Admission first = limiter.admit(client, null, MessageType.SMS, Direction.OUTBOUND);
        ((Admission.Granted) first).release();
        assertThat(limiter.report(client, List.of()).client().sms().daily().currentUsage())
                .isZero();
        assertThat(admitted(limiter, client)).as("the unit is held here again").isTrue();
        assertThat(admitted(limiter, client)).isFalse();

        ((Admission.Granted) limiter.admit(client(5), null, MessageType.SMS, Direction.OUTBOUND)).release();
        limiter.close();
        assertThat(store.get(DAILY, TODAY)).isEqualTo(1);
        assertThat(store.used(DAILY, TODAY)).isEqualTo(1);
    }

    @Test
    void aRefusalWithNoOtherHolderIsFinalAtOnce() {
        UsageLimiter limiter = node("node-a", () -> {
            throw new AssertionError("nobody to ask");
        });
        Client client = client(3);
        for (int i = 0; i < 3; i++) {
            assertThat(admitted(limiter, client)).isTrue();
        }
        long before = limiter.admitTransactions();
        Admission refused = limiter.admit(client, null, MessageType.SMS, Direction.OUTBOUND);
        assertThat(refused)
                .isInstanceOfSatisfying(
                        Admission.Refused.class,
                        r -> assertThat(r.reason().currentUsage()).isEqualTo(3));
        assertThat(limiter.admitTransactions() - before).isEqualTo(1);
    }

    @Test
    void aNodeAtTheLimitGetsTheUnitsAnotherNodeHoldsByAskingForThem() {
        UsageLimiter[] nodes = new UsageLimiter[2];
        nodes[0] = node("node-a");
        nodes[1] = node("node-b", () -> nodes[0].flush()); // the wake-up: node a flushes
        Client client = client(20);

        assertThat(admitted(nodes[0], client)).isTrue();
        assertThat(store.get(DAILY, TODAY)).as("20 / 2 taken by node a").isEqualTo(10);
        store.add(DAILY, TODAY, 10); // the rest used elsewhere

        for (int i = 0; i < 9; i++) {
            assertThat(admitted(nodes[1], client)).as("unit " + i).isTrue();
        }
        assertThat(admitted(nodes[1], client)).isFalse();
        assertThat(store.get(DAILY, TODAY)).isEqualTo(20);
        assertThat(nodes[1].report(client, List.of()).client().sms().daily().currentUsage())
                .as("node b's own use counts before it reports it")
                .isEqualTo(20);
        nodes[1].flush();
        assertThat(store.used(DAILY, TODAY)).isEqualTo(20);
        assertThat(admitted(nodes[0], client)).isFalse();
    }

    @Test
    void aDeadNodesUnreportedUnitsGoBackWithTheTakeover() {
        liveNodes.set(2);
        UsageLimiter dead = node("node-a");
        UsageLimiter survivor = node("node-b");
        Client client = client(100);
        for (int i = 0; i < 10; i++) {
            assertThat(admitted(dead, client)).isTrue();
        }
        dead.flush(); // its use reported; then it dies holding the rest of its grants
        assertThat(store.grantedTo("node-a")).isPositive();

        // 100 / (2 × 2) = 25 taken, 10 used and reported
        assertThat(store.returnGrantsOf("node-a")).isEqualTo(15);
        int admitted = 0;
        while (admitted(survivor, client)) {
            admitted++;
        }
        assertThat(admitted).isEqualTo(90);
        survivor.close();
        assertThat(store.used(DAILY, TODAY)).isEqualTo(100);
    }

    @Test
    void exactlyTheLimitPassesOverThreeNodesUnderConcurrentSenders() throws Exception {
        liveNodes.set(3);
        UsageLimiter[] nodes = new UsageLimiter[3];
        for (int n = 0; n < 3; n++) {
            int self = n;
            nodes[n] = node("node-" + n, () -> {
                for (int other = 0; other < 3; other++) {
                    if (other != self) nodes[other].flush();
                }
            });
        }
        Client client = client(100);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                UsageLimiter node = nodes[i % 3];
                answers.add(pool.submit(() -> {
                    start.await();
                    return admitted(node, client);
                }));
            }
            start.countDown();
            int granted = 0;
            for (Future<Boolean> answer : answers) {
                if (answer.get(1, TimeUnit.MINUTES)) granted++;
            }
            assertThat(granted).isEqualTo(100);
        } finally {
            pool.shutdownNow();
        }
        for (UsageLimiter node : nodes) {
            node.close();
        }
        assertThat(store.get(DAILY, TODAY)).isEqualTo(100);
        assertThat(store.used(DAILY, TODAY)).isEqualTo(100);
    }
}
