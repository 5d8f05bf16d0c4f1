package io.gomsggw.core.batch;

import io.gomsggw.core.dispatch.QueueFullException;
import io.gomsggw.core.limits.LimitExceeded;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.Protocol;
import io.gomsggw.core.pipeline.MessagePipeline;
import io.gomsggw.core.pipeline.SubmitResult;
import io.gomsggw.core.routing.Refusal;
import io.gomsggw.core.routing.Submission;
import io.gomsggw.core.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the rows of stored batches through the {@link MessagePipeline}, like any client's
 * messages: the same routing, limits, in-flight bounds and records.
 *
 * <p><b>Order and pace.</b> Rows go in index order. A job with a throttle sends a row every
 * {@code 1/throttle} s of the injected clock (the {@link BatchScheduler} wakes it); one without
 * sends as fast as the pipeline takes them. At most {@link Settings#maxInFlightPerBatch} rows of a
 * job and {@link Settings#maxInFlight} rows of all jobs are in the pipeline at once; a pipeline
 * that is saturated ({@link QueueFullException}) or whose store fails is tried again after
 * {@link Settings#busyRetry}.
 *
 * <p><b>Usage limits.</b> A row refused by a full limit is {@code queued}, with the job's other
 * waiting rows, and the job sleeps until the limit's period turns (at most
 * {@link Settings#limitRecheck}, to notice a raised limit), then goes on with its queued rows.
 * Rows still queued {@code max_retry_mins} after the first refusal fail with
 * {@code retry deadline exceeded}.
 *
 * <p><b>Nothing twice.</b> Rows are claimed ({@code sending}) a window at a time before they are
 * submitted, and their outcomes written a window at a time, so the store sees a few writes per
 * window rather than per row. Each row is submitted under the message id reserved for it at
 * creation. After a crash, {@link #resume} submits the rows still {@code sending} with
 * {@link Submission#idMayExist()}: the pipeline finds those it had stored and answers
 * {@link SubmitResult.AlreadyStored}, so they are marked sent without a second message; the others
 * are sent now. Rows never claimed are sent as usual.
 *
 * <p><b>End.</b> When no row waits, the job is {@code completed} (or {@code failed} when none was
 * sent, {@code cancelled} when cancelled) and its webhook, if any, told through the
 * {@link BatchNotifier}; a notice not delivered before a restart is sent again by {@link #resume}.
 *
 * <p>Threading: thread-safe. Work runs on {@code executor} (it blocks on the store, never on the
 * pipeline); each job's state is guarded by its own lock.
 *
 * <p>Why one class of some 500 lines: most of it is {@code Run}, one job's state machine (claim,
 * submit, outcome, sleep on a limit, end), whose fields are all guarded by the job's lock and which
 * shares the runner's in-flight budget and waiting queue; split further, one lock's invariants would
 * be spread over several files. The outcome writes are their own class ({@link BatchOutcomeWriter}).
 */
public final class BatchRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);
    private static final String RETRY_DEADLINE = "retry deadline exceeded";

    /**
     * @param maxInFlight         rows of all jobs in the pipeline at once
     * @param maxInFlightPerBatch rows of one job in the pipeline at once
     * @param maxClaim            rows claimed at a time (a throttled job claims about a second of rows)
     * @param busyRetry           how long a job waits when the pipeline is saturated or the store fails
     * @param limitRecheck        the longest a job sleeps on a full usage limit before it tries again
     */
    public record Settings(
            int maxInFlight, int maxInFlightPerBatch, int maxClaim, Duration busyRetry, Duration limitRecheck) {
        public static final Settings DEFAULTS =
                new Settings(1_000, 250, 250, Duration.ofSeconds(1), Duration.ofMinutes(1));

        public Settings {
            if (maxInFlight < 1
                    || maxInFlightPerBatch < 1
                    || maxClaim < 1
                    || busyRetry.isNegative()
                    || limitRecheck.isNegative()
                    || limitRecheck.isZero()) {
                throw new IllegalArgumentException("invalid batch runner settings");
            }
        }
    }

    private final BatchStore store;
    private final MessagePipeline pipeline;
    private final LongFunction<Optional<Client>> clients;
    private final BatchNotifier notifier;
    private final BatchScheduler scheduler;
    private final Executor executor;
    private final Clock clock;
    private final Settings settings;
    private final ConcurrentHashMap<String, Run> runs = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentLinkedQueue<Run> waitingForRoom = new ConcurrentLinkedQueue<>();
    private final BatchOutcomeWriter outcomeWriter;
    private volatile boolean closed;

    /**
     * @param clients   the live clients by id (limits and numbers change while a job runs)
     * @param scheduler wakes jobs at instants of {@code clock}
     * @param executor  runs the jobs' work, which blocks on the store
     */
    public BatchRunner(
            BatchStore store,
            MessagePipeline pipeline,
            LongFunction<Optional<Client>> clients,
            BatchNotifier notifier,
            BatchScheduler scheduler,
            Executor executor,
            Clock clock,
            Settings settings) {
        this.store = Objects.requireNonNull(store, "store");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.outcomeWriter = new BatchOutcomeWriter(store, this::execute);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Starts a job just stored. Returns at once. */
    public void start(BatchJob job) {
        Run run = new Run(job, List.of());
        runs.put(job.id(), run);
        run.wake();
    }

    /**
     * Resumes what a previous process left: every job not final (rows it had taken are submitted
     * again under their reserved ids, see the class comment), and the webhooks of final jobs not
     * delivered yet. Call once at start, after the pipeline's own resume has begun.
     *
     * @return how many jobs were resumed
     */
    public int resume() {
        int resumed = 0;
        for (BatchJob job : store.unfinished()) {
            resumeJob(job);
            resumed++;
        }
        for (BatchJob job : store.awaitingWebhook()) {
            executor.execute(() -> notifyCompletion(job));
        }
        return resumed;
    }

    /**
     * Resumes the jobs {@code batchIds} that this node has just taken over from a dead node
     * ({@link io.gomsggw.core.store.NodeStore#takeOver}) as {@link #resume} does at start: a job
     * not final runs (the rows the dead node had taken are submitted under their reserved ids, so
     * none is sent twice), a final one whose webhook was not delivered has it sent. A job already
     * running here is left alone.
     *
     * @return how many jobs were resumed
     */
    public int adopt(List<String> batchIds) {
        int resumed = 0;
        for (String id : batchIds) {
            Optional<BatchSummary> found = runs.containsKey(id) ? Optional.empty() : store.find(id);
            if (found.isEmpty()) continue;
            BatchJob job = found.get().job();
            if (!job.status().isFinal()) {
                resumeJob(job);
                resumed++;
            } else if (job.webhookUrl() != null && !job.webhookNotified()) {
                executor.execute(() -> notifyCompletion(job));
            }
        }
        return resumed;
    }

    private void resumeJob(BatchJob job) {
        List<BatchItem> sending = store.sending(job.id());
        Run run = new Run(job, sending);
        runs.put(job.id(), run);
        log.info("batch resumed batch={} rows_in_doubt={}", job.id(), sending.size());
        run.wake();
    }

    /**
     * Cancels a job that is not final: its waiting rows are cancelled at once and the job is
     * {@code cancelled}; rows already in the pipeline finish, then the webhook is told.
     */
    public CancelResult cancel(BatchJob job) {
        Run run = runs.get(job.id());
        if (run != null) {
            return run.cancel();
        }
        int cancelled = store.cancelWaiting(job.id(), "batch job cancelled by user");
        Instant now = clock.instant();
        store.updateState(job.withState(BatchStatus.CANCELLED, job.retryUntil(), now, now));
        int sent = store.find(job.id()).map(s -> s.counts().sent()).orElse(0);
        return new CancelResult.Cancelled(cancelled, sent);
    }

    /** Rows of all jobs in the pipeline now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Jobs running on this node. */
    public int running() {
        return runs.size();
    }

    /**
     * Stops taking rows and writes the outcomes known so far. Rows still in the pipeline stay
     * {@code sending} and are settled by the next {@link #resume}.
     */
    @Override
    public void close() {
        closed = true;
        outcomeWriter.writeAll();
    }

    private boolean takeRoom() {
        if (inFlight.incrementAndGet() <= settings.maxInFlight()) {
            return true;
        }
        inFlight.decrementAndGet();
        return false;
    }

    private void giveRoom() {
        inFlight.decrementAndGet();
        Run waiting = waitingForRoom.poll();
        if (waiting != null) {
            waiting.wake();
        }
    }

    private void execute(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            if (!closed) {
                log.warn("batch work rejected error={}", e.toString());
            }
        }
    }

    private void notifyCompletion(BatchJob job) {
        if (job.webhookUrl() == null) {
            return;
        }
        Optional<Client> client = clients.apply(job.clientId());
        Optional<BatchSummary> summary = store.find(job.id());
        if (client.isEmpty() || summary.isEmpty()) {
            return;
        }
        List<BatchItem> problems = store.items(
                        job.id(), List.of(BatchItemStatus.FAILED, BatchItemStatus.CANCELLED), 1, BatchService.MAX_ROWS)
                .items();
        notifier.completed(client.get(), summary.get(), problems)
                .whenComplete((ok, error) -> execute(() -> {
                    try {
                        store.markNotified(job.id());
                    } catch (RuntimeException e) {
                        log.warn("batch webhook state not stored batch={} error={}", job.id(), e.toString());
                    }
                }));
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** One job being sent; every field is guarded by the instance's lock. */
    private final class Run {
        private BatchJob job;
        /** Rows a previous process had taken: submitted first, with idMayExist. */
        private final ArrayDeque<BatchItem> inDoubt;

        private final ArrayDeque<BatchItem> claimed = new ArrayDeque<>();
        private final Duration interval;
        private int submitted;
        /** The lowest index the next claim looks at: rows before it were taken in this pass. */
        private int claimFrom;
        /**
         * Rows before {@code claimFrom} may wait again (queued by a usage limit, or found unfinished
         * at the end): when the claims reach the end, they look from the start once.
         */
        private boolean behindCursor;

        private Instant nextDue;
        private Instant pausedUntil;
        private Instant wakeAt;
        private boolean limited;
        private boolean cancelled;
        private boolean finished;

        Run(BatchJob job, List<BatchItem> inDoubt) {
            this.job = job;
            this.inDoubt = new ArrayDeque<>(inDoubt);
            this.interval = job.throttlePerSecond() > 0
                    ? Duration.ofNanos(1_000_000_000L / job.throttlePerSecond())
                    : Duration.ZERO;
            this.cancelled = job.status() == BatchStatus.CANCELLED;
        }

        void wake() {
            execute(this::pump);
        }

        synchronized void pump() {
            if (finished || closed) {
                return;
            }
            try {
                pumpLocked();
            } catch (RuntimeException e) {
                log.warn(
                        "batch paused after a failure batch={} retry_in_ms={} error={}",
                        job.id(),
                        settings.busyRetry().toMillis(),
                        e.toString());
                pause(clock.instant().plus(settings.busyRetry()), false);
            }
        }

        private void pumpLocked() {
            Instant now = clock.instant();
            if (pausedUntil != null) {
                if (now.isBefore(pausedUntil)) {
                    return;
                }
                pausedUntil = null;
                if (limited) {
                    endLimitPause(now);
                    limited = false;
                }
            }
            if (job.status() == BatchStatus.PENDING || job.status() == BatchStatus.PARTIALLY_QUEUED) {
                setState(BatchStatus.PROCESSING, job.retryUntil(), now, null);
            }
            while (true) {
                if (cancelled) {
                    for (BatchItem item : claimed) {
                        record(new ItemOutcome(
                                job.id(),
                                item.index(),
                                BatchItemStatus.CANCELLED,
                                "batch job cancelled by user",
                                0,
                                now));
                    }
                    claimed.clear();
                    inDoubt.clear();
                    maybeFinish();
                    return;
                }
                boolean replay = !inDoubt.isEmpty();
                BatchItem next = replay ? inDoubt.peekFirst() : claimed.peekFirst();
                if (next == null) {
                    List<BatchItem> more = store.claim(job.id(), claimFrom, claimSize());
                    if (more.isEmpty() && claimFrom > 0 && behindCursor) {
                        behindCursor = false;
                        claimFrom = 0;
                        more = store.claim(job.id(), 0, claimSize());
                    }
                    if (more.isEmpty()) {
                        maybeFinish();
                        return;
                    }
                    claimed.addAll(more);
                    claimFrom = more.get(more.size() - 1).index() + 1;
                    pipeline.prepare(
                            job.fromNumber(), more.stream().map(BatchItem::to).toList());
                    continue;
                }
                if (submitted >= settings.maxInFlightPerBatch()) {
                    return;
                }
                if (!interval.isZero()) {
                    now = clock.instant();
                    if (nextDue != null && now.isBefore(nextDue)) {
                        wakeAt(nextDue);
                        return;
                    }
                }
                if (!takeRoom()) {
                    waitingForRoom.add(this);
                    return;
                }
                (replay ? inDoubt : claimed).pollFirst();
                if (!interval.isZero()) {
                    nextDue = nextDue == null || nextDue.plus(interval).isBefore(now)
                            ? now.plus(interval)
                            : nextDue.plus(interval);
                }
                submit(next, replay);
            }
        }

        private int claimSize() {
            return interval.isZero()
                    ? settings.maxClaim()
                    : Math.max(1, Math.min(settings.maxClaim(), job.throttlePerSecond()));
        }

        private void submit(BatchItem item, boolean replay) {
            submitted++;
            Instant at = clock.instant();
            Optional<Client> client = clients.apply(job.clientId());
            CompletionStage<SubmitResult> result;
            if (client.isEmpty()) {
                result = CompletableFuture.completedFuture(
                        new SubmitResult.Refused(new Refusal.NotYourNumber(job.fromNumber())));
            } else {
                Submission submission = new Submission(
                        job.fromNumber(),
                        item.to(),
                        item.text(),
                        List.of(),
                        Protocol.HTTP,
                        "batch:" + job.id() + ":" + item.index(),
                        item.messageId(),
                        replay);
                try {
                    result = pipeline.submit(client.get(), submission);
                } catch (RuntimeException e) {
                    result = CompletableFuture.failedFuture(e);
                }
            }
            result.whenComplete((answer, error) -> execute(() -> completed(item, replay, at, answer, error)));
        }

        synchronized void completed(BatchItem item, boolean replay, Instant at, SubmitResult answer, Throwable error) {
            submitted--;
            giveRoom();
            Instant now = clock.instant();
            if (error != null) {
                Throwable cause = unwrap(error);
                if (cause instanceof QueueFullException || cause instanceof StoreException) {
                    (replay ? inDoubt : claimed).addFirst(item);
                    pause(now.plus(settings.busyRetry()), false);
                } else {
                    log.error("batch message failed batch={} index={}", job.id(), item.index(), cause);
                    record(new ItemOutcome(job.id(), item.index(), BatchItemStatus.FAILED, "internal error", 500, now));
                }
            } else if (answer instanceof SubmitResult.Accepted || answer instanceof SubmitResult.AlreadyStored) {
                record(new ItemOutcome(job.id(), item.index(), BatchItemStatus.SENT, null, 0, at));
            } else {
                Refusal refusal = ((SubmitResult.Refused) answer).refusal();
                if (refusal instanceof Refusal.Limited limit) {
                    behindCursor = true;
                    record(new ItemOutcome(
                            job.id(),
                            item.index(),
                            BatchItemStatus.QUEUED,
                            limit.limit().message(),
                            429,
                            now));
                    onLimit(limit.limit(), now);
                } else {
                    record(new ItemOutcome(
                            job.id(),
                            item.index(),
                            BatchItemStatus.FAILED,
                            refusal.message(),
                            refusal instanceof Refusal.NotYourNumber ? 403 : 400,
                            now));
                }
            }
            // Written by the outcome writer a window at a time while rows flow, and at once when the
            // job goes quiet (the last row in flight, or a pause), so a waiting job's counts are current.
            if (submitted == 0 || pausedUntil != null) {
                execute(outcomeWriter::writeAll);
            }
            pump();
        }

        /** A full limit: queue what waits and sleep until the period turns (or the retry deadline). */
        private void onLimit(LimitExceeded limit, Instant now) {
            if (limited) {
                return;
            }
            Instant retryUntil =
                    job.retryUntil() != null ? job.retryUntil() : now.plus(Duration.ofMinutes(job.maxRetryMins()));
            Instant periodEnd = limit.period()
                    .end(
                            now,
                            clients.apply(job.clientId()).map(Client::timezone).orElse(java.time.ZoneOffset.UTC));
            Instant until = earliest(periodEnd, now.plus(settings.limitRecheck()), retryUntil);
            for (BatchItem item : claimed) {
                record(new ItemOutcome(job.id(), item.index(), BatchItemStatus.QUEUED, limit.message(), 429, now));
            }
            claimed.clear();
            outcomeWriter.writeAll();
            int queued = store.queueWaiting(job.id(), limit.message(), 429, now);
            setState(BatchStatus.PARTIALLY_QUEUED, retryUntil, now, null);
            log.info(
                    "batch waits for a usage limit batch={} limit={} until={} queued={}",
                    job.id(),
                    limit.limitType(),
                    until,
                    queued);
            pause(until, true);
        }

        private void endLimitPause(Instant now) {
            if (job.retryUntil() != null && !now.isBefore(job.retryUntil())) {
                flush();
                int failed = store.failWaiting(job.id(), RETRY_DEADLINE, 429);
                log.info("batch rows gave up waiting for a usage limit batch={} failed={}", job.id(), failed);
            }
        }

        private void pause(Instant until, boolean forLimit) {
            if (pausedUntil == null || until.isAfter(pausedUntil)) {
                pausedUntil = until;
            }
            limited |= forLimit;
            wakeAt(pausedUntil);
        }

        // identity: is the wake-up still the one this timer was set for (not an equal later one)
        @SuppressWarnings("ReferenceEquality")
        private void wakeAt(Instant at) {
            if (wakeAt != null && !wakeAt.isAfter(at)) {
                return;
            }
            wakeAt = at;
            scheduler.runAt(at, () -> {
                synchronized (this) {
                    if (wakeAt == at) {
                        wakeAt = null;
                    }
                }
                wake();
            });
        }

        synchronized CancelResult cancel() {
            Instant now = clock.instant();
            flush();
            int cancelledRows = store.cancelWaiting(job.id(), "batch job cancelled by user");
            cancelled = true;
            setState(BatchStatus.CANCELLED, job.retryUntil(), now, now);
            int sent = store.find(job.id()).map(s -> s.counts().sent()).orElse(0);
            log.info("batch cancelled batch={} cancelled={} sent={}", job.id(), cancelledRows, sent);
            pausedUntil = null;
            wake();
            return new CancelResult.Cancelled(cancelledRows + claimed.size(), sent);
        }

        private void maybeFinish() {
            if (submitted > 0 || pausedUntil != null) {
                return;
            }
            flush();
            BatchCounts counts = store.find(job.id()).map(BatchSummary::counts).orElse(BatchCounts.NONE);
            if (counts.unfinished() > 0 && !cancelled) {
                // Rows the store still has waiting (an outcome write that failed): look again shortly.
                behindCursor = true;
                pause(clock.instant().plus(settings.busyRetry()), false);
                return;
            }
            Instant now = clock.instant();
            BatchStatus end =
                    cancelled ? BatchStatus.CANCELLED : counts.sent() == 0 ? BatchStatus.FAILED : BatchStatus.COMPLETED;
            setState(end, job.retryUntil(), now, job.completedAt() != null ? job.completedAt() : now);
            finished = true;
            runs.remove(job.id(), this);
            log.info(
                    "batch finished batch={} status={} sent={} failed={} cancelled={}",
                    job.id(),
                    end.wireName(),
                    counts.sent(),
                    counts.failed(),
                    counts.cancelled());
            BatchJob done = job;
            execute(() -> notifyCompletion(done));
        }

        private void setState(BatchStatus status, Instant retryUntil, Instant now, Instant completedAt) {
            BatchJob next = job.withState(status, retryUntil, now, completedAt);
            store.updateState(next);
            job = next;
        }

        private void record(ItemOutcome outcome) {
            outcomeWriter.add(outcome);
        }

        /** Writes every outcome known so far (of every job) before going on; throws when the store fails. */
        private void flush() {
            if (!outcomeWriter.writeAll()) {
                throw new StoreException("batch outcomes not written", null);
            }
        }

        private static Instant earliest(Instant a, Instant b, Instant c) {
            Instant min = a.isBefore(b) ? a : b;
            return min.isBefore(c) ? min : c;
        }
    }
}
