package io.gomsggw.core.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.store.UsageStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The {@link UsageStore} contract. */
interface UsageStoreContract extends StoreFixture {
    Instant DAY = Instant.parse("2026-03-01T08:00:00Z");
    Instant NEXT_DAY = Instant.parse("2026-03-02T08:00:00Z");

    @Test
    default void countsPerCounterAndPeriod() {
        UsageStore usage = stores().usage();

        assertThat(usage.get("client:7:sms:daily", DAY)).isZero();
        assertThat(usage.add("client:7:sms:daily", DAY, 1)).isEqualTo(1);
        assertThat(usage.add("client:7:sms:daily", DAY, 4)).isEqualTo(5);
        assertThat(usage.add("client:7:sms:daily", DAY, -2)).isEqualTo(3);
        assertThat(usage.add("client:7:sms:daily", NEXT_DAY, 1)).isEqualTo(1);
        assertThat(usage.add("client:7:mms:daily", DAY, 2)).isEqualTo(2);

        assertThat(usage.get("client:7:sms:daily", DAY)).isEqualTo(3);
        assertThat(usage.get("client:7:sms:daily", NEXT_DAY)).isEqualTo(1);
        assertThat(usage.get("client:7:mms:daily", DAY)).isEqualTo(2);
    }

    @Test
    default void aGrantOfOneUnitRaisesEveryCounterOrNone() {
        UsageStore usage = stores().usage();
        usage.add("client:7:sms:daily", DAY, 2);
        List<UsageStore.GrantRequest> both = List.of(
                new UsageStore.GrantRequest("number:+1:sms:daily", DAY, 5, 1, 1),
                new UsageStore.GrantRequest("client:7:sms:daily", DAY, 3, 1, 1));

        assertThat(usage.grantWithin("node-a", both))
                .hasValueSatisfying(granted -> assertThat(granted)
                        .containsExactly(new UsageStore.Granted(1, 1), new UsageStore.Granted(1, 3)));
        assertThat(usage.grantWithin("node-a", both))
                .as("the client's counter is at its limit")
                .isEmpty();

        assertThat(usage.get("number:+1:sms:daily", DAY))
                .as("not raised when another is refused")
                .isEqualTo(1);
        assertThat(usage.get("client:7:sms:daily", DAY)).isEqualTo(3);
        assertThat(usage.used("client:7:sms:daily", DAY))
                .as("a grant of one unit is used at once")
                .isEqualTo(3);
    }

    @Test
    default void aGrantTakesTheRoomDividedBySpreadUpToTheCapAndNeverPastTheLimit() {
        UsageStore usage = stores().usage();
        String c = "client:7:sms:daily";

        assertThat(usage.grantWithin("node-a", List.of(new UsageStore.GrantRequest(c, DAY, 1000, 6, 64))))
                .hasValueSatisfying(g -> assertThat(g).containsExactly(new UsageStore.Granted(64, 64)));
        assertThat(usage.grantWithin("node-b", List.of(new UsageStore.GrantRequest(c, DAY, 100, 6, 64))))
                .as("room 36 over 6")
                .hasValueSatisfying(g -> assertThat(g).containsExactly(new UsageStore.Granted(6, 70)));
        assertThat(usage.used(c, DAY))
                .as("one unit of each grant used, the rest granted")
                .isEqualTo(2);
        usage.add(c, DAY, 28);
        assertThat(usage.grantWithin("node-b", List.of(new UsageStore.GrantRequest(c, DAY, 100, 6, 64))))
                .as("room 2: one unit")
                .hasValueSatisfying(g -> assertThat(g).containsExactly(new UsageStore.Granted(1, 99)));
        assertThat(usage.grantWithin("node-b", List.of(new UsageStore.GrantRequest(c, DAY, 100, 1, 64))))
                .as("room 1 whatever the spread")
                .hasValueSatisfying(g -> assertThat(g).containsExactly(new UsageStore.Granted(1, 100)));
        assertThat(usage.grantWithin("node-b", List.of(new UsageStore.GrantRequest(c, DAY, 100, 1, 64))))
                .isEmpty();
    }

    @Test
    default void settlingReportsUseAndGivesUnusedUnitsBack() {
        UsageStore usage = stores().usage();
        String c = "client:7:sms:daily";
        usage.grantWithin("node-a", List.of(new UsageStore.GrantRequest(c, DAY, 100, 1, 10)));
        usage.grantWithin("node-b", List.of(new UsageStore.GrantRequest(c, DAY, 100, 1, 5)));
        assertThat(usage.get(c, DAY)).isEqualTo(15);
        assertThat(usage.used(c, DAY)).isEqualTo(2);

        assertThat(usage.settle("node-a", List.of(new UsageStore.Settlement(c, DAY, 3, 0))))
                .isEmpty();
        assertThat(usage.used(c, DAY)).isEqualTo(5);
        assertThat(usage.get(c, DAY)).as("reporting use changes nothing taken").isEqualTo(15);

        assertThat(usage.settle("node-a", List.of(new UsageStore.Settlement(c, DAY, 1, 5))))
                .isEmpty();
        assertThat(usage.get(c, DAY)).as("5 given back").isEqualTo(10);
        assertThat(usage.used(c, DAY)).isEqualTo(6);

        assertThat(usage.settle("node-b", List.of(new UsageStore.Settlement(c, DAY, -1, 5))))
                .as("a released message's unit given back with the unused ones")
                .isEmpty();
        assertThat(usage.get(c, DAY)).isEqualTo(5);
        assertThat(usage.used(c, DAY)).isEqualTo(5);
        assertThat(usage.recall("node-c", c, DAY))
                .as("nobody holds units any more")
                .isZero();
    }

    @Test
    default void aRecallMarksTheOtherHoldersOnly() {
        UsageStore usage = stores().usage();
        String c = "client:7:sms:daily";
        usage.grantWithin("node-a", List.of(new UsageStore.GrantRequest(c, DAY, 100, 1, 10)));
        usage.grantWithin("node-b", List.of(new UsageStore.GrantRequest(c, DAY, 100, 1, 10)));
        usage.grantWithin("node-b", List.of(new UsageStore.GrantRequest("other", DAY, 100, 1, 10)));

        assertThat(usage.recalled("node-a")).isEmpty();
        assertThat(usage.recall("node-a", c, DAY)).isEqualTo(1);

        assertThat(usage.recalled("node-a")).isEmpty();
        assertThat(usage.recalled("node-b")).containsExactly(new UsageStore.CounterPeriod(c, DAY));
        usage.settle("node-b", List.of(new UsageStore.Settlement(c, DAY, 0, 9)));
        assertThat(usage.recalled("node-b")).isEmpty();
        assertThat(usage.recall("node-a", c, DAY)).isZero();
    }

    @Test
    default void settlingAGrantThatATakeoverGaveBackCountsItsUsedUnitsAgain() {
        UsageStore usage = stores().usage();
        String c = "client:7:sms:daily";
        usage.grantWithin("node-a", List.of(new UsageStore.GrantRequest(c, DAY, 100, 1, 10)));
        // as a takeover does: the 9 unreported units go back
        usage.settle("node-a", List.of(new UsageStore.Settlement(c, DAY, 0, 9)));
        assertThat(usage.get(c, DAY)).isEqualTo(1);

        assertThat(usage.settle(
                        "node-a",
                        List.of(
                                new UsageStore.Settlement("unrelated", DAY, 0, 0),
                                new UsageStore.Settlement(c, DAY, 4, 5))))
                .as("the node had used 4 more of them meanwhile")
                .containsExactly(1);
        assertThat(usage.get(c, DAY)).isEqualTo(5);
        assertThat(usage.used(c, DAY)).isEqualTo(5);
    }

    @Test
    default void concurrentGrantsNeverPassTheLimit() throws Exception {
        UsageStore usage = stores().usage();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String node = "node-" + t;
                results.add(pool.submit(() -> {
                    start.await();
                    long taken = 0;
                    for (int i = 0; i < 40; i++) {
                        taken += usage.grantWithin(node, List.of(new UsageStore.GrantRequest("c", DAY, 500, 3, 7)))
                                .map(g -> g.get(0).units())
                                .orElse(0L);
                    }
                    return taken;
                }));
            }
            start.countDown();
            long taken = 0;
            for (Future<Long> result : results) {
                taken += result.get(2, TimeUnit.MINUTES);
            }
            assertThat(taken).isEqualTo(500);
        } finally {
            pool.shutdownNow();
        }
        assertThat(usage.get("c", DAY)).isEqualTo(500);
    }

    @Test
    default void addAllAddsEveryDeltaInOneGo() {
        UsageStore usage = stores().usage();
        usage.add("client:7:sms:daily", DAY, 2);

        usage.addAll(List.of(
                new UsageStore.UsageDelta("client:7:sms:daily", DAY, 3),
                new UsageStore.UsageDelta("number:+12505550100:sms:daily", DAY, 1),
                new UsageStore.UsageDelta("client:7:sms:daily", NEXT_DAY, 4)));
        usage.addAll(List.of());

        assertThat(usage.get("client:7:sms:daily", DAY)).isEqualTo(5);
        assertThat(usage.get("number:+12505550100:sms:daily", DAY)).isEqualTo(1);
        assertThat(usage.get("client:7:sms:daily", NEXT_DAY)).isEqualTo(4);
    }

    @Test
    default void purgesPeriodsThatStartedBeforeTheCutoff() {
        UsageStore usage = stores().usage();
        usage.add("a", DAY, 1);
        usage.add("b", DAY, 1);
        usage.add("a", NEXT_DAY, 1);

        assertThat(usage.purgeBefore(NEXT_DAY)).isEqualTo(2);
        assertThat(usage.get("a", DAY)).isZero();
        assertThat(usage.get("a", NEXT_DAY)).isEqualTo(1);
        assertThat(usage.purgeBefore(NEXT_DAY)).isZero();
    }

    @Test
    default void concurrentAddsAreNeverLost() throws Exception {
        UsageStore usage = stores().usage();
        int threads = 16;
        int addsPerThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<Long> adder = () -> {
                    start.await();
                    long last = 0;
                    for (int i = 0; i < addsPerThread; i++) {
                        last = usage.add("client:1:sms:monthly", DAY, 1);
                    }
                    return last;
                };
                results.add(pool.submit(adder));
            }
            start.countDown();
            for (Future<Long> result : results) {
                assertThat(result.get(2, TimeUnit.MINUTES)).isBetween(1L, (long) threads * addsPerThread);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(usage.get("client:1:sms:monthly", DAY)).isEqualTo(threads * addsPerThread);
    }
}
