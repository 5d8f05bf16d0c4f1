package io.gomsggw.server.messaging;

import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.cluster.BindDirectory;
import io.gomsggw.core.cluster.ClusterSignals;
import io.gomsggw.core.dispatch.CarrierMedia;
import io.gomsggw.core.dispatch.DeliveryWindows;
import io.gomsggw.core.dispatch.Dispatcher;
import io.gomsggw.core.dispatch.Handovers;
import io.gomsggw.core.dispatch.MediaLinks;
import io.gomsggw.core.dispatch.MessageJournal;
import io.gomsggw.core.dispatch.Redelivery;
import io.gomsggw.core.dispatch.RetryScheduler;
import io.gomsggw.core.dispatch.StatusListener;
import io.gomsggw.core.limits.UsageLimiter;
import io.gomsggw.core.metrics.GatewayMetrics;
import io.gomsggw.core.model.Direction;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.core.phone.PhoneNumbers;
import io.gomsggw.core.pipeline.FailureNotifier;
import io.gomsggw.core.pipeline.MessagePipeline;
import io.gomsggw.core.pipeline.PipelineSettings;
import io.gomsggw.core.routing.AutoReplier;
import io.gomsggw.core.routing.AutoReplyPolicy;
import io.gomsggw.core.routing.OptOutRegistry;
import io.gomsggw.core.routing.Router;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.CarrierContext;
import io.gomsggw.core.spi.ClientEgress;
import io.gomsggw.core.spi.MediaTranscoder;
import io.gomsggw.core.spi.RetryPolicy;
import io.gomsggw.core.store.HandoverStore;
import io.gomsggw.core.store.MessageStore;
import io.gomsggw.core.store.jdbi.JdbiStores;
import io.gomsggw.core.store.log.LoggedMessageStore;
import io.gomsggw.server.carriers.CarrierTypes;
import io.gomsggw.server.cluster.Cluster;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message pipeline of one node, assembled: carrier adapters kept in step with the directory,
 * the usage limiter (flushed every second), opt-outs, auto-reply, the router, the status recorder,
 * the dispatcher and the pipeline, plus the failure notices, the hourly purge of expired media and
 * the daily purge of usage counters older than two months. {@link #start} resumes what a previous
 * run left undelivered, on a thread of its own (on PostgreSQL, which other nodes may share, only
 * the messages this node's SERVER_ID owns: those it accepted or took over), and starts the
 * scheduler of parked retries (there too, only this node's own). {@link #resumeTaken} resumes the
 * messages taken over from a dead node ({@link io.gomsggw.core.cluster.WorkTakeover}).
 *
 * <p>Closing writes what is queued (messages, statuses, usage counts) and stops the threads;
 * dispatch still in flight resumes at the next start.
 */
public final class Messaging implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Messaging.class);
    /** Journal writers on a database written directly (PostgreSQL): four measured slower than one (docs/benchmarks.md). */
    static final int DIRECT_WRITERS = 1;

    private final ScheduledExecutorService scheduler;
    private final ExecutorService workers;
    private final ExecutorService publishers;
    private final CarrierAdapters carriers;
    private final UsageLimiter limiter;
    private final MessageJournal status;
    private final MessagePipeline pipeline;
    private final RetryScheduler retries;
    private final Redelivery redelivery;
    private final MessageStore messages;
    private final Dispatcher dispatcher;
    private volatile Handovers handovers;
    private volatile boolean closing;
    /** Whether other nodes may share the database (it is not the embedded one). */
    private final boolean shared;

    private final String serverId;

    /**
     * What the pipeline needs from the rest of the node; {@code publicBaseUrl} is
     * {@code SERVER_ADDRESS} when it is configured, else null.
     */
    public record Settings(
            String serverId,
            String publicBaseUrl,
            AutoReplyPolicy autoReply,
            boolean notifySenderOnFailure,
            RetryPolicy carrierRetries,
            long mmsMaxBytes,
            PipelineSettings bounds,
            Duration deliveryWindow) {}

    /** The signal by which a node asks the others for the unused units of a limit it found reached. */
    static final String LIMIT_RECALL = "usage_recall";

    /** Least time between two looks for parked deliveries that are due. */
    private static final Duration RETRY_LOOK_INTERVAL = Duration.ofSeconds(1);
    /** Most parked deliveries taken up and not yet back; the rest wait in the store. */
    private static final int RETRIES_IN_HAND = 1_000;

    /**
     * @param messages   the message store (the stores' own, or a {@link LoggedMessageStore} on it)
     * @param egresses   makes the egresses by which messages reach clients (webhooks, SMPP, MM4),
     *                   first match wins; given the pipeline's worker pool for their blocking work
     * @param mediaLinks publishes MMS media for carriers to fetch
     * @param transcoder makes MMS media fit each carrier's limit
     * @param cluster    this node among the others on its database (usage limits are shared with them)
     */
    public Messaging(
            Settings settings,
            JdbiStores stores,
            MessageStore messages,
            Directory directory,
            PhoneNumbers phones,
            CarrierTypes carrierTypes,
            Function<Executor, List<ClientEgress>> egresses,
            MediaLinks mediaLinks,
            MediaTranscoder transcoder,
            GatewayMetrics metrics,
            Cluster cluster,
            Clock clock) {
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("gomsggw-scheduler"));
        int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        // Unbounded queue: each accepted message has at most one task queued, and the pipeline
        // bounds the messages in flight, so the queue is bounded by that.
        this.workers = Executors.newFixedThreadPool(threads, daemon("gomsggw-pipeline"));
        // Publishing media for a carrier's links writes to the database and waits for its commit
        // (group-committed, see the media store); on threads of its own, so routing (which an MM4
        // or HTTP acknowledgement waits for) never queues behind those waits.
        this.publishers = Executors.newFixedThreadPool(threads, daemon("gomsggw-media"));

        PipelineCarrierEvents events = new PipelineCarrierEvents();
        this.carriers = new CarrierAdapters(carrierTypes, new CarrierContext(clock, settings.publicBaseUrl(), events));
        directory.addListener(carriers::sync);
        carriers.sync(directory.snapshot());

        // The embedded database (logged) serves this node alone; PostgreSQL may be shared by several.
        this.shared = !(messages instanceof LoggedMessageStore);
        this.serverId = settings.serverId();
        // On a shared database limits are kept with grants among the live nodes (UsageLimiter).
        this.limiter = new UsageLimiter(
                stores.usage(),
                clock,
                shared
                        ? new UsageLimiter.Sharing(
                                serverId,
                                cluster::liveNodes,
                                () -> cluster.signals().send(LIMIT_RECALL))
                        : null);
        metrics.gauge("gomsggw_usage_limit_transactions", limiter::admitTransactions);
        OptOutRegistry optOuts = new OptOutRegistry(stores.optOuts(), clock);
        Router router = new Router(
                directory,
                phones,
                limiter,
                optOuts,
                new AutoReplier(settings.autoReply(), clock),
                clock,
                settings.serverId());
        // A logged store makes a status change durable as cheaply as holding it in memory would,
        // and its appends are one file's: one writer. A database written directly commits in parallel.
        boolean logged = messages instanceof LoggedMessageStore;
        Duration hold = logged ? Duration.ZERO : MessageJournal.DEFAULT_HOLD;
        this.status = new MessageJournal(messages, 110_000, 10_000, 1_000, hold, logged ? 1 : DIRECT_WRITERS);
        Dispatcher dispatcher = new Dispatcher(
                new DirectoryRoutes(directory, carriers),
                egresses.apply(workers),
                status,
                new CarrierMedia(transcoder, settings.mmsMaxBytes(), mediaLinks, publishers),
                settings.carrierRetries(),
                new DeliveryWindows(settings.deliveryWindow()),
                clock,
                scheduler,
                workers,
                metrics);
        this.messages = messages;
        this.dispatcher = dispatcher;
        // on a shared database each node takes up only its own parked messages (docs/scale-out.md)
        String owner = shared ? serverId : null;
        this.retries = new RetryScheduler(
                messages, dispatcher, clock, scheduler, workers, RETRY_LOOK_INTERVAL, RETRIES_IN_HAND, owner);
        this.redelivery = new Redelivery(messages, status, retries, clock, owner);
        metrics.queueDepth("retries_in_hand", retries::inHand);
        this.pipeline =
                new MessagePipeline(router, messages, dispatcher, status, settings.bounds(), workers, metrics, clock);
        events.attach(pipeline);
        status.addListener((message, change) -> recordCarrierOptOut(optOuts, message, change));
        if (settings.notifySenderOnFailure()) {
            status.addListener(new FailureNotifier(pipeline, directory::client, clock, settings.serverId()));
        }
        scheduler.scheduleWithFixedDelay(guarded(limiter::flush), 1, 1, TimeUnit.SECONDS);
        if (shared) {
            // no send while this node's lease may have lapsed (Membership#mayWork)
            dispatcher.fencedBy(cluster.membership()::mayWork);
            // another node found a limit reached while this one may hold unused units of it
            cluster.signals().subscribe(LIMIT_RECALL, () -> {
                if (!scheduler.isShutdown()) { // closing gives every unit back anyway
                    scheduler.execute(guarded(limiter::flush));
                }
            });
        }
        scheduler.scheduleWithFixedDelay(guarded(() -> purgeExpiredMedia(stores, clock)), 1, 60, TimeUnit.MINUTES);
        scheduler.scheduleWithFixedDelay(guarded(() -> purgeOldUsage(stores, clock)), 5, 24 * 60, TimeUnit.MINUTES);
    }

    /**
     * Shares the SMPP clients with the other nodes on the database (docs/scale-out.md): messages for
     * a client bound on another node go there, in order, and this node takes those handed to it.
     * Call before {@link #start}.
     */
    public Handovers spreadOver(BindDirectory binds, ClusterSignals signals, HandoverStore store, Duration look) {
        Handovers started = Handovers.start(serverId, store, binds, signals, messages, dispatcher, retries, look);
        pipeline.placeWith(started::place);
        this.handovers = started;
        return started;
    }

    /** Runs {@code task} every {@code period} on the pipeline's scheduler until the close; the task must not block long. */
    public void scheduleEvery(Duration period, Runnable task) {
        scheduler.scheduleWithFixedDelay(guarded(task), period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * {@code task}, logging what it throws: a periodic task that throws is never run again by the
     * scheduler, so one failure (a database down for a moment) would stop it for good.
     */
    static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("periodic task failed; it runs again at its next turn error={}", e.toString());
            }
        };
    }

    /** The pipeline's worker pool, for blocking work of the ingresses (store reads, name lookups). */
    public Executor workers() {
        return workers;
    }

    /** A recipient who opted out at the carrier is refused from then on, like after a STOP. */
    private static void recordCarrierOptOut(OptOutRegistry optOuts, Message message, StatusChange change) {
        if (change.status() == MessageStatus.FAILED
                && change.reason() != null
                && change.reason().startsWith(Dispatcher.OPTED_OUT)
                && message.direction() == Direction.OUTBOUND) {
            try {
                optOuts.optOut(message.from(), message.to());
            } catch (RuntimeException e) {
                log.warn("carrier opt-out not recorded id={} error={}", message.id(), e.toString());
            }
        }
    }

    /** Counters of periods that ended long ago are never read again: the longest period is a month. */
    private static void purgeOldUsage(JdbiStores stores, Clock clock) {
        try {
            int purged = stores.usage().purgeBefore(clock.instant().minus(Duration.ofDays(62)));
            if (purged > 0) {
                log.info("old usage counters purged count={}", purged);
            }
        } catch (RuntimeException e) {
            log.warn("usage purge failed error={}", e.toString());
        }
    }

    private static void purgeExpiredMedia(JdbiStores stores, Clock clock) {
        try {
            int purged = stores.media().purgeExpired(clock.instant());
            if (purged > 0) {
                log.info("expired media purged count={}", purged);
            }
        } catch (RuntimeException e) {
            log.warn("media purge failed error={}", e.toString());
        }
    }

    public MessagePipeline pipeline() {
        return pipeline;
    }

    /** Sends undelivered messages to clients again. */
    public Redelivery redelivery() {
        return redelivery;
    }

    public UsageLimiter limiter() {
        return limiter;
    }

    /** The live adapter of a carrier, by carrier name. */
    public Optional<CarrierAdapter> carrierAdapter(String name) {
        return carriers.byName(name);
    }

    /** Adds a listener of status changes (status webhooks, SMPP receipts). */
    public void addStatusListener(StatusListener listener) {
        status.addListener(listener);
    }

    /** Resumes messages accepted before {@code acceptedBefore} and not handed over, on a thread of its own. */
    public void start(Instant acceptedBefore) {
        Thread resume = new Thread(
                () -> {
                    Handovers nodes = handovers;
                    try {
                        // on a shared database only this node's own messages; the handed-over ones are
                        // claimed (dispatched by Handovers), not resumed
                        pipeline.resume(
                                acceptedBefore,
                                message -> !shared
                                        || serverId.equals(message.serverId())
                                                && (nodes == null
                                                        || message.handoverSeq() == null
                                                                && !nodes.claimedDuringResume(message.id())));
                        if (nodes != null) {
                            nodes.resumeDone();
                        }
                    } catch (RuntimeException e) {
                        if (closing) {
                            log.info("resuming stopped by shutdown; the rest resumes at the next start");
                        } else {
                            log.error("resuming stored messages failed; they will be resumed at the next start", e);
                        }
                    }
                },
                "gomsggw-resume");
        resume.setDaemon(true);
        resume.start();
        retries.start();
    }

    /**
     * Resumes the messages this node has just taken over from a dead node (in the order given):
     * those waiting are dispatched now, parked ones are taken up by the retry scheduler when due.
     * Blocks while the in-flight bound is reached.
     */
    public void resumeTaken(List<String> messageIds) {
        if (closing || messageIds.isEmpty()) return;
        int resumed = pipeline.resumeTaken(messageIds, serverId);
        retries.start();
        log.info("messages taken over count={} dispatched_now={}", messageIds.size(), resumed);
    }

    @Override
    public void close() {
        closing = true;
        Handovers nodes = handovers;
        if (nodes != null) {
            nodes.close();
        }
        retries.close();
        pipeline.close();
        scheduler.shutdownNow(); // waiting retries resume at the next start
        stop(publishers); // a publication in progress goes on to the workers
        stop(workers);
        status.close();
        limiter.close();
        carriers.close();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger counter = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void stop(ExecutorService executor) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
