package io.gomsggw.server.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A periodic task of the gateway (usage flush, purges, API key last use) keeps running after it
 * threw: a {@link ScheduledExecutorService} never runs a task again once it has thrown.
 */
class PeriodicTaskTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void aTaskThatThrowsRunsAgainAtItsNextTurn() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(3);
        Runnable failsFirst = () -> {
            int run = runs.incrementAndGet();
            third.countDown();
            if (run == 1) {
                throw new IllegalStateException("database down for a moment");
            }
        };

        scheduler.scheduleWithFixedDelay(Messaging.guarded(failsFirst), 0, 1, TimeUnit.MILLISECONDS);

        assertThat(third.await(30, TimeUnit.SECONDS))
                .as("runs after the failure")
                .isTrue();
        assertThat(runs.get()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void unguardedTheSchedulerStopsTheTaskForGood() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Future<?> future = scheduler.scheduleWithFixedDelay(
                () -> {
                    runs.incrementAndGet();
                    throw new IllegalStateException("boom");
                },
                0,
                1,
                TimeUnit.MILLISECONDS);

        // the future completes exceptionally at the first throw: no later run can follow
        assertThat(future).failsWithin(30, TimeUnit.SECONDS);
        assertThat(runs.get()).isEqualTo(1);
    }
}
