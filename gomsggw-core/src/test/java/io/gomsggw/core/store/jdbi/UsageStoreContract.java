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
    default void incrementWithinRaisesEveryCounterOrNone() {
        UsageStore usage = stores().usage();
        usage.add("client:7:sms:daily", DAY, 2);
        List<UsageStore.Bounded> both = List.of(
                new UsageStore.Bounded("number:+1:sms:daily", DAY, 5),
                new UsageStore.Bounded("client:7:sms:daily", DAY, 3));

        assertThat(usage.incrementWithin(both))
                .hasValueSatisfying(values -> assertThat(values).containsExactly(1, 3));
        assertThat(usage.incrementWithin(both))
                .as("the client's counter is at its limit")
                .isEmpty();

        assertThat(usage.get("number:+1:sms:daily", DAY))
                .as("not raised when another is refused")
                .isEqualTo(1);
        assertThat(usage.get("client:7:sms:daily", DAY)).isEqualTo(3);
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
