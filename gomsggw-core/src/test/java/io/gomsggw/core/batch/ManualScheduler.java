package io.gomsggw.core.batch;

import io.gomsggw.core.testing.MutableClock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;

/** A {@link BatchScheduler} a test drives: {@link #runNext} moves the clock to the earliest task and runs it. */
final class ManualScheduler implements BatchScheduler {
    private record Task(Instant at, long seq, Runnable task) {}

    private final MutableClock clock;
    private final PriorityQueue<Task> tasks =
            new PriorityQueue<>(Comparator.comparing(Task::at).thenComparingLong(Task::seq));
    private long seq;

    ManualScheduler(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void runAt(Instant at, Runnable task) {
        tasks.add(new Task(at, seq++, task));
    }

    /** The instant of the earliest task, if any. */
    synchronized Optional<Instant> next() {
        return Optional.ofNullable(tasks.peek()).map(Task::at);
    }

    /** Moves the clock to the earliest task (never backwards) and runs it; false when none is left. */
    boolean runNext() {
        Task task;
        synchronized (this) {
            task = tasks.poll();
        }
        if (task == null) {
            return false;
        }
        if (task.at().isAfter(clock.instant())) {
            clock.set(task.at());
        }
        task.task().run();
        return true;
    }
}
