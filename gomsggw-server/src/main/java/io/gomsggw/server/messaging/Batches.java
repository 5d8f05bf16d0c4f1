package io.gomsggw.server.messaging;

import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.batch.BatchNotifier;
import io.gomsggw.core.batch.BatchRunner;
import io.gomsggw.core.batch.BatchScheduler;
import io.gomsggw.core.batch.BatchService;
import io.gomsggw.core.batch.BatchStore;
import io.gomsggw.core.metrics.GatewayMetrics;
import io.gomsggw.core.phone.PhoneNumbers;
import io.gomsggw.core.pipeline.MessagePipeline;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batch sending of one node, assembled: the {@link BatchRunner} on two worker threads of its own
 * (its work blocks on the store) and a timer thread (throttle ticks, the end of limit periods),
 * and the {@link BatchService} the REST API uses. {@link #start} resumes what a previous run left.
 *
 * <p>The workers' queue is bounded: each row in the pipeline has at most one task queued (its
 * outcome), so {@link BatchRunner.Settings#maxInFlight()} and a margin for wake-ups bound it.
 *
 * <p>Close it before the pipeline: it stops taking rows and writes the outcomes it knows; rows in
 * the pipeline at that moment are settled at the next start.
 */
public final class Batches implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Batches.class);
    private static final int THREADS = 2;

    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService timer;
    private final BatchRunner runner;
    private final BatchService service;

    public Batches(
            BatchStore store,
            MessagePipeline pipeline,
            Directory directory,
            BatchNotifier notifier,
            PhoneNumbers phones,
            GatewayMetrics metrics,
            Clock clock,
            BatchRunner.Settings settings) {
        this.workers = new ThreadPoolExecutor(
                THREADS,
                THREADS,
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.maxInFlight() + 4_096),
                daemon("gomsggw-batch"),
                new ThreadPoolExecutor.AbortPolicy());
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("gomsggw-batch-timer"));
        this.runner = new BatchRunner(
                store,
                pipeline,
                directory::client,
                notifier,
                BatchScheduler.of(timer, clock),
                workers,
                clock,
                settings);
        this.service = new BatchService(store, runner, phones, clock);
        metrics.queueDepth("batch_in_flight", runner::inFlight);
    }

    public BatchService service() {
        return service;
    }

    /** Resumes the batches a previous run left unfinished; call once the pipeline takes messages. */
    public void start() {
        int resumed = runner.resume();
        if (resumed > 0) {
            log.info("batches resumed count={}", resumed);
        }
    }

    /** Runs the batch jobs this node has just taken over from a dead node. */
    public void adopt(List<String> batchIds) {
        if (batchIds.isEmpty()) return;
        int resumed = runner.adopt(batchIds);
        log.info("batches taken over count={} resumed={}", batchIds.size(), resumed);
    }

    @Override
    public void close() {
        runner.close();
        timer.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger counter = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
