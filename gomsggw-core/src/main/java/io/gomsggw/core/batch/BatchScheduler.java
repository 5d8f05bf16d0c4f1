package io.gomsggw.core.batch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once the runner's clock reaches an instant: the throttle's next send, the end of a
 * usage-limit period. An implementation must not run the task before {@code at} (by its clock) and
 * must not block the caller. Tests drive one by hand, moving a test clock from task to task.
 */
@FunctionalInterface
public interface BatchScheduler {
    void runAt(Instant at, Runnable task);

    /** Tasks on {@code executor}, delayed by the time from {@code clock}'s now to {@code at}. */
    static BatchScheduler of(ScheduledExecutorService executor, Clock clock) {
        return (at, task) -> executor.schedule(
                task, Math.max(0, Duration.between(clock.instant(), at).toNanos()), TimeUnit.NANOSECONDS);
    }
}
