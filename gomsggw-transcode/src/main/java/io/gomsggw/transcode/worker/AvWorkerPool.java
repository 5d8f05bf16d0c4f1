package io.gomsggw.transcode.worker;

import io.gomsggw.core.metrics.GatewayMetrics;
import io.gomsggw.core.spi.TranscodeException;
import io.gomsggw.core.spi.TranscoderSaturatedException;
import io.gomsggw.transcode.av.AvFormats;
import io.gomsggw.transcode.av.Reencoded;
import io.gomsggw.transcode.detect.MediaType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Video and audio transcoding in worker processes, so that FFmpeg's native code never runs in the
 * gateway's JVM: a native crash, a runaway allocation or a decoder stuck in a loop costs one
 * worker and the job it had, never the gateway.
 *
 * <p>{@link AvWorkerSettings#workers()} workers, each a child JVM ({@link WorkerLauncher}) served
 * by a thread of its own that hands it one job at a time from a queue bounded by
 * {@link AvWorkerSettings#queueCapacity()}. Workers start on the first job or on
 * {@link #warmUp()}, each on its own thread (a start takes seconds and never blocks a caller), and
 * stay up. A worker that crashes, exits, breaks the protocol or is still busy
 * {@link AvWorkerSettings#killAfter()} into a job is killed and started again; its job fails with
 * {@code media_unprocessable}. A worker that cannot be started is tried again after 1, 2, 4… up
 * to 30 s; the jobs waiting meanwhile fail with {@link TranscoderSaturatedException} (try later).
 * When the first worker reports that Humble Video cannot load, the pool logs why once, fails the
 * waiting jobs with {@code unsupported_media_type}, and {@link #canTranscode} is false from then on.
 *
 * <p>Thread-safe; {@link #transcode} never blocks. Metrics: {@link GatewayMetrics#transcodeWorkerRestarts}
 * and {@link GatewayMetrics#transcodeWorkerJobs}, and the queue depth {@code transcode_av}.
 */
public final class AvWorkerPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AvWorkerPool.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final AvWorkerSettings settings;
    private final WorkerLauncher launcher;
    private final GatewayMetrics metrics;
    private final ArrayBlockingQueue<Job> queue;
    private final ScheduledExecutorService watchdog;
    private final List<Slot> slots = new ArrayList<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean announced = new AtomicBoolean();
    private final AtomicLong jobIds = new AtomicLong();
    private volatile boolean closed;
    /** Why the workers cannot transcode, once one said so. */
    private volatile String unavailable;

    /** @throws IllegalArgumentException when the settings have no workers */
    public AvWorkerPool(AvWorkerSettings settings, WorkerLauncher launcher, GatewayMetrics metrics) {
        if (settings.workers() < 1) throw new IllegalArgumentException("a pool needs at least one worker");
        this.settings = settings;
        this.launcher = launcher;
        this.metrics = metrics;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "av-worker-watchdog");
            t.setDaemon(true);
            return t;
        });
        for (int i = 1; i <= settings.workers(); i++) slots.add(new Slot(i));
        metrics.queueDepth("transcode_av", queue::size);
        // every series from the start, so that rates over them exist before the first restart
        for (WorkerFailure.Reason reason : WorkerFailure.Reason.values()) {
            metrics.transcodeWorkerRestarts(reason.label());
        }
        for (String outcome : List.of("transcoded", "refused", "unprocessable", "rejected")) {
            metrics.transcodeWorkerJobs(outcome);
        }
    }

    /** The settings the workers run with. */
    public AvWorkerSettings settings() {
        return settings;
    }

    /** Whether parts of {@code type} are re-encoded: false for AMR, and for all once a worker said it cannot. */
    public boolean canTranscode(MediaType type) {
        return unavailable == null && AvFormats.canTranscode(type);
    }

    /** Starts the workers now, in the background, so the first job does not wait for them. Returns at once. */
    public void warmUp() {
        if (closed || !started.compareAndSet(false, true)) return;
        for (Slot slot : slots) {
            Thread thread = new Thread(slot, "av-worker-" + slot.id);
            thread.setDaemon(true);
            slot.thread = thread;
            thread.start();
        }
    }

    /**
     * Re-encodes a part in a worker, to the first of {@code outputs} the worker's build writes that
     * fits {@code budget}. Returns at once.
     *
     * @param outputs the types the destination accepts, most preferred first, from
     *                {@link AvFormats#possibleOutputs(MediaType)}
     * @return completes with the result, or exceptionally with a {@link TranscodeException}
     *         ({@code unsupported_media_type} or {@code media_too_large} as the worker refused it, or
     *         the part is over {@link AvWorkerSettings#maxInputBytes()}; {@code media_unprocessable}
     *         when its worker died or hung on it) or a {@link TranscoderSaturatedException} when the
     *         queue is full, no worker starts or the pool is closed. Cancelling it before a worker
     *         takes the job spares the worker the job.
     */
    public CompletableFuture<Reencoded> transcode(
            MediaType type, byte[] content, long budget, List<MediaType> outputs) {
        if (content.length > settings.maxInputBytes()) {
            return CompletableFuture.failedFuture(new TranscodeException(
                    TranscodeException.MEDIA_TOO_LARGE,
                    type.mime() + " of " + content.length + " bytes is over the limit of " + settings.maxInputBytes()
                            + " bytes for video and audio transcoding"));
        }
        String why = unavailable;
        if (why != null) return CompletableFuture.failedFuture(notAvailable(type, why));
        if (closed) {
            return CompletableFuture.failedFuture(
                    new TranscoderSaturatedException("video and audio workers are stopped"));
        }
        warmUp();
        Job job = new Job(
                new JobRequest(jobIds.incrementAndGet(), type, budget, settings.timeout(), outputs, content),
                new CompletableFuture<>());
        if (!queue.offer(job)) {
            metrics.transcodeWorkerJobs("rejected").inc();
            return CompletableFuture.failedFuture(new TranscoderSaturatedException("video and audio queue is full ("
                    + settings.queueCapacity() + " jobs waiting for " + settings.workers() + " workers)"));
        }
        if (unavailable != null) failQueued(j -> notAvailable(j.request.type(), unavailable)); // said so meanwhile
        return job.result;
    }

    /** Kills the workers; jobs still waiting are dropped and their stages never complete. */
    @Override
    public void close() {
        closed = true;
        for (Slot slot : slots) {
            Thread thread = slot.thread;
            if (thread != null) thread.interrupt();
            WorkerProcess worker = slot.worker;
            if (worker != null) worker.kill();
        }
        watchdog.shutdownNow();
    }

    private static TranscodeException notAvailable(MediaType type, String why) {
        return new TranscodeException(
                TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                type.label() + " (" + type.mime() + ") cannot be transcoded: " + why);
    }

    private void failQueued(Function<Job, Throwable> error) {
        List<Job> waiting = new ArrayList<>();
        queue.drainTo(waiting);
        for (Job job : waiting) job.result.completeExceptionally(error.apply(job));
    }

    private void announce(String detail) {
        if (announced.compareAndSet(false, true)) {
            log.info(
                    "event=av_transcoding available=true workers={} memory_mb={} timeout_s={} {}",
                    settings.workers(),
                    settings.memoryMb(),
                    settings.timeout().toSeconds(),
                    detail);
        }
    }

    private void markUnavailable(String detail) {
        if (unavailable == null) {
            unavailable = detail;
            log.warn(
                    "event=av_transcoding available=false reason=\"{}\" (video and audio pass through or are refused)",
                    detail);
        }
        failQueued(job -> notAvailable(job.request.type(), detail));
    }

    /** A job and the stage its caller holds. */
    private record Job(JobRequest request, CompletableFuture<Reencoded> result) {}

    /** One worker process and the thread that talks to it. */
    private final class Slot implements Runnable {
        final int id;
        volatile Thread thread;
        volatile WorkerProcess worker;
        private int failedStarts;

        Slot(int id) {
            this.id = id;
        }

        @Override
        public void run() {
            try {
                while (ready(null)) {
                    Job job = queue.take();
                    if (job.result.isDone()) continue; // cancelled while waiting
                    if (!worker.usable() && !ready(job)) { // it died while this thread waited for a job
                        if (!closed) job.result.completeExceptionally(notAvailable(job.request.type(), unavailable));
                        return;
                    }
                    if (!job.result.isDone()) serve(job);
                }
            } catch (InterruptedException e) {
                // closing
            } finally {
                WorkerProcess last = worker;
                if (last != null) last.kill();
            }
        }

        /**
         * Makes sure a worker is up, starting one when needed, as often as it takes; false when
         * the pool is closing or a worker said it cannot transcode.
         *
         * @param held a job this thread holds, failed with the waiting ones when a start fails
         */
        private boolean ready(Job held) throws InterruptedException {
            while (!closed && unavailable == null) {
                WorkerProcess current = worker;
                if (current != null) {
                    if (current.usable()) return true;
                    worker = null;
                    WorkerFailure lost = current.lostWhileIdle();
                    if (closed) return false;
                    metrics.transcodeWorkerRestarts(lost.reason().label()).inc();
                    log.warn(
                            "event=av_worker_lost worker={} pid={} reason={} detail=\"{}\"",
                            id,
                            current.pid(),
                            lost.reason().label(),
                            lost.getMessage());
                }
                if (start(held)) return true;
            }
            return false;
        }

        private boolean start(Job held) throws InterruptedException {
            long begun = System.nanoTime();
            try {
                WorkerProcess started = WorkerProcess.launch(id, launcher, settings, watchdog);
                worker = started;
                if (closed) return false;
                Hello hello = started.awaitHello();
                failedStarts = 0;
                log.info(
                        "event=av_worker_started worker={} pid={} start_ms={}",
                        id,
                        started.pid(),
                        (System.nanoTime() - begun) / 1_000_000);
                if (!hello.available()) {
                    markUnavailable(hello.detail());
                    return false;
                }
                announce(hello.detail());
                return true;
            } catch (WorkerFailure e) {
                worker = null;
                if (closed) return false;
                failedStarts++;
                metrics.transcodeWorkerRestarts(e.reason().label()).inc();
                Duration backoff = backoff(failedStarts);
                log.warn(
                        "event=av_worker_start_failed worker={} attempt={} retry_in_s={} reason=\"{}\"",
                        id,
                        failedStarts,
                        backoff.toSeconds(),
                        e.getMessage());
                String why = "video and audio workers are not starting (" + e.getMessage() + ")";
                failQueued(job -> new TranscoderSaturatedException(why));
                if (held != null) held.result.completeExceptionally(new TranscoderSaturatedException(why));
                Thread.sleep(backoff.toMillis());
                return false;
            }
        }

        private void serve(Job job) {
            WorkerProcess current = worker;
            JobRequest request = job.request;
            long maxResult = Math.min(Integer.MAX_VALUE - 1L, request.budget() + AvWorkerSettings.FRAME_OVERHEAD);
            try {
                JobResult result = current.run(request, settings.killAfter(), maxResult);
                if (result instanceof JobResult.Done done) {
                    if (!request.outputs().contains(done.type()) || done.content().length > request.budget()) {
                        throw new WorkerFailure(
                                WorkerFailure.Reason.PROTOCOL,
                                "answered " + done.type().mime() + " of " + done.content().length
                                        + " bytes, not what was asked");
                    }
                    metrics.transcodeWorkerJobs("transcoded").inc();
                    job.result.complete(new Reencoded(done.type(), done.content()));
                } else {
                    JobResult.Refused refused = (JobResult.Refused) result;
                    metrics.transcodeWorkerJobs("refused").inc();
                    job.result.completeExceptionally(new TranscodeException(refused.code(), refused.message()));
                }
            } catch (WorkerFailure e) {
                worker = null;
                current.kill();
                if (closed) return; // the job is dropped, as waiting ones are
                MediaType type = request.type();
                metrics.transcodeWorkerRestarts(e.reason().label()).inc();
                metrics.transcodeWorkerJobs("unprocessable").inc();
                log.warn(
                        "event=av_worker_lost worker={} pid={} reason={} detail=\"{}\" type={} bytes={}",
                        id,
                        current.pid(),
                        e.reason().label(),
                        e.getMessage(),
                        type.label(),
                        request.content().length);
                job.result.completeExceptionally(new TranscodeException(
                        TranscodeException.MEDIA_UNPROCESSABLE,
                        type.label() + " (" + type.mime() + ") of " + request.content().length
                                + " bytes could not be transcoded: its worker process " + e.getMessage()
                                + " while working on it (the worker was restarted)"));
            }
        }
    }

    /** 1, 2, 4, … seconds, at most {@link #MAX_BACKOFF}. */
    private static Duration backoff(int failedStarts) {
        return Duration.ofSeconds(Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(failedStarts - 1, 5)));
    }
}
