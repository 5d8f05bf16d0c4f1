package io.gomsggw.transcode;

import com.codahale.metrics.Counter;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gomsggw.core.metrics.GatewayMetrics;
import io.gomsggw.core.metrics.LatencyHistogram;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.spi.MediaTarget;
import io.gomsggw.core.spi.MediaTranscoder;
import io.gomsggw.core.spi.TranscodeException;
import io.gomsggw.core.spi.TranscoderSaturatedException;
import io.gomsggw.transcode.av.AvSupport;
import io.gomsggw.transcode.detect.MediaType;
import io.gomsggw.transcode.image.Deadline;
import io.gomsggw.transcode.image.ImageConverter;
import io.gomsggw.transcode.worker.AvWorkerPool;
import io.gomsggw.transcode.worker.AvWorkerSettings;
import io.gomsggw.transcode.worker.WorkerLauncher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's {@link MediaTranscoder}: images through {@link ImageConverter} in this process, on
 * a bounded pool of {@link TranscodeSettings#workers()} threads with a bounded queue and a timeout
 * per attachment; video and audio, when Humble Video is on the class path, in worker processes
 * ({@link AvWorkerPool}, see {@link AvWorkerSettings}); a Caffeine cache of results keyed by
 * content SHA-256 and target; metrics under {@code gomsggw.transcode.*}.
 *
 * <p>{@link #transcode} returns at once. The stage completes with the parts in their original
 * order, or exceptionally with a {@link TranscodeException} ({@code unsupported_media_type},
 * {@code media_too_large}, or {@code media_unprocessable} when a worker process died or hung on a
 * part) or, when a queue is full, a {@link TranscoderSaturatedException}. {@link #warmUp()}
 * starts the video and audio workers ahead of the first part; close it to stop everything.
 */
public final class PooledMediaTranscoder implements MediaTranscoder, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PooledMediaTranscoder.class);
    /** Extra time past the cooperative deadline before a worker is interrupted. */
    private static final Duration HARD_TIMEOUT_GRACE = Duration.ofSeconds(5);

    private final TranscodeSettings settings;
    private final Clock clock;
    private final ThreadPoolExecutor executor;
    private final BudgetPlanner planner;
    private final PartTranscoder parts;
    /** Video and audio re-encoding; {@code null} when Humble Video is not on the class path. */
    private final AvPartTranscoder media;

    private final Cache<CacheKey, MediaPart> cache;
    private final Metrics metrics;

    /**
     * A transcoder with the default video and audio workers.
     *
     * @param settings limits and qualities
     * @param metrics  where {@code gomsggw.transcode.*} metrics go
     * @param clock    time source for per-item deadlines
     */
    public PooledMediaTranscoder(TranscodeSettings settings, GatewayMetrics metrics, Clock clock) {
        this(settings, AvWorkerSettings.defaults(), metrics, clock);
    }

    /**
     * A transcoder whose video and audio workers run from this JVM's class path
     * ({@link WorkerLauncher#sameClassPath()}) with {@code av}; without Humble Video on the class
     * path, or with no workers, video and audio are never re-encoded (they pass through or are
     * refused), as the log says.
     */
    public PooledMediaTranscoder(TranscodeSettings settings, AvWorkerSettings av, GatewayMetrics metrics, Clock clock) {
        this(settings, metrics, clock, workers(av, metrics));
    }

    /** @param av the video and audio workers, or {@code null} for pass-through or refusal only */
    PooledMediaTranscoder(TranscodeSettings settings, GatewayMetrics metrics, Clock clock, AvWorkerPool av) {
        this.settings = settings;
        this.clock = clock;
        ImageConverter converter = new ImageConverter(
                settings.maxWidth(),
                settings.maxHeight(),
                settings.quality(),
                settings.minQuality(),
                settings.maxPixels());
        this.media = av == null ? null : new AvPartTranscoder(av);
        this.planner = new BudgetPlanner(converter::canDecode, type -> media != null && media.canTranscode(type));
        this.parts = new PartTranscoder(converter);
        this.executor = new ThreadPoolExecutor(
                settings.workers(),
                settings.workers(),
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(settings.queueCapacity()),
                new WorkerFactory(),
                new ThreadPoolExecutor.AbortPolicy());
        this.cache = Caffeine.newBuilder()
                .maximumWeight(settings.cacheMaxBytes())
                .weigher((CacheKey k, MediaPart v) -> v.size() + 128)
                .expireAfterAccess(Duration.ofMinutes(30))
                .build();
        this.metrics = new Metrics(metrics);
        metrics.queueDepth("transcode", () -> executor.getQueue().size());
    }

    private static AvWorkerPool workers(AvWorkerSettings settings, GatewayMetrics metrics) {
        String off = settings.workers() == 0
                ? "no video and audio workers are configured"
                : !AvSupport.onClassPath() ? "Humble Video is not on the class path" : null;
        if (off != null) {
            log.info(
                    "event=av_transcoding available=false reason=\"{}\" (video and audio pass through or are refused)",
                    off);
            return null;
        }
        return new AvWorkerPool(settings, WorkerLauncher.sameClassPath(), metrics);
    }

    /**
     * Starts the video and audio workers now, in the background, so the first video does not wait
     * for a JVM to start; without it they start with the first part that needs them. Returns at once.
     */
    public void warmUp() {
        if (media != null) media.warmUp();
    }

    @Override
    public CompletionStage<List<MediaPart>> transcode(List<MediaPart> input, MediaTarget target) {
        List<PlannedPart> plan;
        try {
            plan = planner.plan(List.copyOf(input), target);
        } catch (TranscodeException e) {
            metrics.error(e.code());
            log.info("event=transcode_refused code={} reason=\"{}\"", e.code(), e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        AcceptedTypes accepted = new AcceptedTypes(target.acceptedTypes());
        CompletableFuture<List<MediaPart>> out = new CompletableFuture<>();
        List<CompletableFuture<MediaPart>> items = new ArrayList<>(plan.size());
        for (PlannedPart planned : plan) {
            items.add(item(planned, accepted));
        }
        for (CompletableFuture<MediaPart> item : items) {
            item.whenComplete((part, error) -> {
                if (error != null && out.completeExceptionally(mapError(error))) {
                    items.forEach(other -> other.cancel(false));
                }
            });
        }
        CompletableFuture.allOf(items.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> {
            if (error != null) return; // already reported by the first failing item
            List<MediaPart> result = new ArrayList<>(items.size());
            long total = 0;
            long original = 0;
            for (int i = 0; i < items.size(); i++) {
                MediaPart part = items.get(i).join();
                result.add(part);
                total += part.size();
                original += plan.get(i).part().size();
            }
            if (total > target.maxTotalBytes()) {
                metrics.error(TranscodeException.MEDIA_TOO_LARGE);
                out.completeExceptionally(new TranscodeException(
                        TranscodeException.MEDIA_TOO_LARGE,
                        "message media of " + original + " bytes came to " + total + " bytes, over the target of "
                                + target.maxTotalBytes() + " bytes"));
                return;
            }
            out.complete(List.copyOf(result));
        });
        return out;
    }

    /** One part: done at once when no worker is needed, else queued on the pool. */
    private CompletableFuture<MediaPart> item(PlannedPart planned, AcceptedTypes accepted) {
        if (!PartTranscoder.needsWorker(planned)) {
            try {
                MediaPart result = parts.transcode(planned, accepted, Deadline.none());
                metrics.passthrough.inc();
                return CompletableFuture.completedFuture(result);
            } catch (TranscodeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        CompletableFuture<MediaPart> result = new CompletableFuture<>();
        FutureTask<Void> task = new FutureTask<>(() -> {
            run(planned, accepted, result);
            return null;
        });
        result.whenComplete((part, error) -> {
            if (error != null) task.cancel(true);
        });
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            metrics.rejected.inc();
            result.completeExceptionally(new TranscoderSaturatedException("transcoder queue is full ("
                    + settings.queueCapacity() + " items waiting for " + settings.workers() + " workers)"));
        }
        return result;
    }

    private void run(PlannedPart planned, AcceptedTypes accepted, CompletableFuture<MediaPart> result) {
        if (result.isDone()) return; // cancelled while queued
        boolean inWorker = media != null && PartTranscoder.isReencodedMedia(planned);
        if (!inWorker) {
            // video and audio have their limit in the worker pool, which kills a worker past it
            result.orTimeout(settings.itemTimeout().plus(HARD_TIMEOUT_GRACE).toMillis(), TimeUnit.MILLISECONDS);
        }
        MediaPart part = planned.part();
        long started = System.nanoTime();
        CompletableFuture<MediaPart> work;
        CacheKey key = new CacheKey(sha256(part.content()), planned.budget(), accepted.types());
        try {
            MediaPart cached = cache.getIfPresent(key);
            if (cached != null) {
                metrics.cacheHits.inc();
                metrics.transcoded.inc();
                metrics.bytesSaved.inc(Math.max(0, part.size() - cached.size()));
                MediaType outType = MediaType.JPEG;
                for (MediaType t : MediaType.values()) {
                    if (t.mime().equals(cached.contentType())) outType = t;
                }
                metrics.duration.update(Duration.ofNanos(System.nanoTime() - started));
                result.complete(new MediaPart(
                        PartTranscoder.renamed(part.filename(), outType), cached.contentType(), cached.content()));
                return;
            }
            metrics.cacheMisses.inc();
            work = inWorker
                    ? media.transcode(planned, accepted)
                    : CompletableFuture.completedFuture(
                            parts.transcode(planned, accepted, Deadline.after(clock, settings.itemTimeout())));
        } catch (TranscodeException e) {
            work = CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            log.warn("event=transcode_failed type={} bytes={}", planned.type().label(), part.size(), e);
            work = CompletableFuture.failedFuture(new TranscodeException(
                    TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                    planned.type().mime() + " could not be transcoded: " + e));
        }
        CompletableFuture<MediaPart> inProgress = work;
        result.whenComplete((out, error) -> {
            if (result.isCancelled()) inProgress.cancel(false); // another part failed: spare the worker
        });
        work.whenComplete((out, error) -> {
            metrics.duration.update(Duration.ofNanos(System.nanoTime() - started));
            if (error != null) {
                result.completeExceptionally(
                        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
                return;
            }
            if (out.content() == part.content()) {
                metrics.passthrough.inc();
            } else {
                metrics.transcoded.inc();
                metrics.bytesSaved.inc(Math.max(0, part.size() - out.size()));
                cache.put(key, out);
                log.debug(
                        "event=transcoded type={} from_bytes={} to_bytes={} budget={}",
                        planned.type().label(),
                        part.size(),
                        out.size(),
                        planned.budget());
            }
            result.complete(out);
        });
    }

    private Throwable mapError(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) cause = cause.getCause();
        if (cause instanceof TimeoutException) {
            metrics.timeouts.inc();
            cause = new TranscodeException(
                    TranscodeException.MEDIA_TOO_LARGE,
                    "transcoding an attachment took longer than "
                            + settings.itemTimeout().toMillis() + " ms");
        }
        if (cause instanceof TranscodeException e) {
            metrics.error(e.code());
            log.info("event=transcode_refused code={} reason=\"{}\"", e.code(), e.getMessage());
        } else if (!(cause instanceof CancellationException)) {
            metrics.error("internal");
        }
        return cause;
    }

    /** Stops the worker threads and processes; queued items are dropped and their stages never complete. */
    @Override
    public void close() {
        executor.shutdownNow();
        if (media != null) media.close();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Content hash plus everything about the target that changes the output. */
    private record CacheKey(String sha256, long budget, Set<String> accepted) {}

    /** Daemon worker threads named {@code transcode-N}. */
    private static final class WorkerFactory implements ThreadFactory {
        private final AtomicInteger next = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "transcode-" + next.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }

    /** The {@code gomsggw_transcode_*} metrics. */
    private static final class Metrics {
        private final GatewayMetrics metrics;
        final Counter transcoded;
        final Counter passthrough;
        final Counter rejected;
        final Counter timeouts;
        final Counter bytesSaved;
        final Counter cacheHits;
        final Counter cacheMisses;
        final LatencyHistogram duration;

        Metrics(GatewayMetrics metrics) {
            this.metrics = metrics;
            transcoded = metrics.counter("gomsggw_transcode_parts", "outcome", "transcoded");
            passthrough = metrics.counter("gomsggw_transcode_parts", "outcome", "passthrough");
            rejected = metrics.counter("gomsggw_transcode_parts", "outcome", "rejected");
            timeouts = metrics.counter("gomsggw_transcode_timeouts");
            bytesSaved = metrics.counter("gomsggw_transcode_saved_bytes");
            cacheHits = metrics.counter("gomsggw_transcode_cache", "result", "hit");
            cacheMisses = metrics.counter("gomsggw_transcode_cache", "result", "miss");
            duration = metrics.histogram("gomsggw_transcode_duration_seconds");
            // the known codes from the start, so that rates over them exist before the first error
            for (String code : List.of(
                    TranscodeException.UNSUPPORTED_MEDIA_TYPE,
                    TranscodeException.MEDIA_TOO_LARGE,
                    TranscodeException.MEDIA_UNPROCESSABLE,
                    "internal")) {
                metrics.counter("gomsggw_transcode_errors", "code", code);
            }
        }

        void error(String code) {
            metrics.counter("gomsggw_transcode_errors", "code", code).inc();
        }
    }
}
