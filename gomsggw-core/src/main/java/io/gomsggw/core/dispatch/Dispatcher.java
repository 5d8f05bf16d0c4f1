package io.gomsggw.core.dispatch;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gomsggw.core.metrics.GatewayMetrics;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.ClientEgress;
import io.gomsggw.core.spi.RetryPolicy;
import io.gomsggw.core.spi.SendOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves stored messages to their destination: a client egress (SMPP, MM4, webhook) for internal
 * and inbound messages, a carrier adapter for the rest.
 *
 * <p>Toward legacy clients, one message per conversation (from, to) is in flight at a time, so the
 * parts of a long message never overtake each other. A legacy client that is offline or failing
 * hands the attempt to its enabled failover clients by priority.
 *
 * <p>Deliveries to clients that fail for a reason that may pass are retried until they succeed or
 * the message's delivery window ({@link DeliveryWindows}) is over; then the message is
 * {@code undelivered} (kept, and redeliverable). The delay before each retry comes from the egress's
 * {@link RetryPolicy#delayInWindow} (backoff with jitter, at most {@link #MAX_RETRY_DELAY}). A
 * message waiting for its retry is <em>parked</em>: written to the store as {@code queued} with its
 * due time ({@link Message#retryAt()}) before its dispatch stage completes, so a restart or a kill
 * loses no retry; the {@link RetryScheduler} takes it up again ({@link #redispatch}). A parked
 * message holds its conversation: the messages behind it are parked after it, never sent before it.
 * Sends to carriers are retried {@code retries} times in memory and then final-failed.
 *
 * <p>Each status change goes through the {@link MessageJournal}.
 *
 * <p>Several nodes on one database ({@link #handOverWith}): a message for a client that only a node
 * holding its bind can reach ({@link ClientEgress#deliversOnlyWhereBound()}), not bound here but
 * bound on another node, is handed to that node ({@link Handovers}) when its attempt would start,
 * and when an attempt here failed because the client left: its status {@code queued} is written
 * first (with the changes held before it), then the row moves, and the conversation goes on with
 * the next message (handed over after it, so in order).
 *
 * <p>Threading: {@link #dispatch} returns at once; attempts run on {@code workers}, carrier retries
 * are timed on {@code scheduler}. Nothing here blocks an egress's I/O threads.
 */
public final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    /** The start of the failure reason of a message whose recipient opted out at the carrier. */
    public static final String OPTED_OUT = "opted_out";
    /** The longest wait between two attempts of a delivery to a client. */
    public static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(5);

    /** How often an attempt held by the fence looks again. */
    static final Duration FENCE_LOOK = Duration.ofMillis(250);

    private final DeliveryRoutes routes;
    private final ClientDelivery clients;
    private final MessageJournal status;
    private final CarrierMedia carrierMedia;
    private final RetryPolicy carrierPolicy;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Executor workers;
    private final GatewayMetrics metrics;
    private final DeliveryWindows windows;
    private final ConversationLanes<Job> lanes = new ConversationLanes<>();
    /** Hands messages to other nodes; null on one node. */
    private volatile Handovers handovers;
    /** Told the due time of each message parked (once it is written), e.g. the {@link RetryScheduler}. */
    private volatile Consumer<Instant> parkedListener = due -> {};

    private volatile BooleanSupplier mayWork = () -> true;
    /**
     * Messages recently handed to carriers, by the carrier's id: a delivery report finds its
     * message here without a query, even when it arrives before the SENT status is written.
     */
    private final Cache<CarrierMessageKey, Message> sentToCarriers = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterWrite(Duration.ofHours(1))
            .build();

    private record CarrierMessageKey(String carrier, String carrierMessageId) {}

    /**
     * @param carrierPolicy retries of sends to carriers
     * @param windows       how long deliveries to each client are retried
     * @param scheduler     times the retries of sends to carriers
     */
    public Dispatcher(
            DeliveryRoutes routes,
            List<ClientEgress> egresses,
            MessageJournal status,
            CarrierMedia carrierMedia,
            RetryPolicy carrierPolicy,
            DeliveryWindows windows,
            Clock clock,
            ScheduledExecutorService scheduler,
            Executor workers,
            GatewayMetrics metrics) {
        this.routes = routes;
        this.clients = new ClientDelivery(routes, egresses, carrierMedia);
        this.status = status;
        this.carrierMedia = carrierMedia;
        this.carrierPolicy = carrierPolicy;
        this.clock = clock;
        this.scheduler = scheduler;
        this.workers = workers;
        this.metrics = metrics;
        this.windows = windows;
        metrics.queueDepth("conversations", lanes::active);
    }

    /** Tells {@code listener} the due time of every message parked from now on, once it is written. */
    public void onParked(Consumer<Instant> listener) {
        this.parkedListener = listener;
    }

    /**
     * Starts no send while {@code fence} says no (a node whose lease may have lapsed, see {@code
     * Membership#mayWork}): an attempt due meanwhile waits and looks again, its message unchanged.
     */
    public void fencedBy(BooleanSupplier fence) {
        this.mayWork = fence;
    }

    /** Hands messages for clients bound on other nodes to those nodes (several nodes on one database). */
    void handOverWith(Handovers handovers) {
        this.handovers = handovers;
    }

    /**
     * Whether {@code message} is for a client only a node holding its bind can reach (its egress
     * says so), as opposed to webhooks and MM4, which any node reaches.
     */
    boolean deliversOnlyWhereBound(Message message) {
        if (message.targetClientId() == null) return false;
        Optional<Client> target = routes.client(message.targetClientId());
        if (target.isEmpty() || target.get().type() != ClientType.LEGACY) return false;
        ClientEgress egress = clients.egressFor(target.get(), message);
        return egress != null && egress.deliversOnlyWhereBound();
    }

    /**
     * Dispatches a stored message that is {@code queued} or {@code dispatching} (when resumed after a
     * restart). The stage completes with the message in its last status once dispatch is over:
     * delivered to a client, sent to a carrier, failed or undelivered, or parked ({@code queued}
     * with a {@link Message#retryAt()}, written to the store) to be taken up by {@link #redispatch}.
     */
    public CompletionStage<Message> dispatch(Message message) {
        Handovers nodes = handovers;
        if (nodes != null && message.handoverSeq() != null) {
            return nodes.dispatchPlaced(message);
        }
        return start(new Job(message, conversationKey(message), false));
    }

    /** A message this node claimed after it was handed here, in its turn; {@code fromStore} as for {@link #redispatch}. */
    CompletionStage<Message> dispatchClaimed(Message message, boolean fromStore) {
        return start(new Job(message, conversationKey(message), fromStore));
    }

    /**
     * Takes up a parked message that is due (or redelivered), as the {@link RetryScheduler} found it
     * in the store. Like {@link #dispatch}, except that the stage completes only once the message's
     * next status is written, so a scheduler that looks again never finds it due twice.
     */
    public CompletionStage<Message> redispatch(Message parked) {
        return start(new Job(parked, conversationKey(parked), true));
    }

    /**
     * A parked message found in the store at start: its conversation is held for it (later
     * messages of the conversation park behind it) until the scheduler takes it up.
     */
    public void holdConversation(Message parked) {
        String key = conversationKey(parked);
        if (key != null && parked.retryAt() != null) {
            lanes.holdFor(key, parked.id(), parked.retryAt(), clock.instant());
        }
    }

    private CompletionStage<Message> start(Job job) {
        if (job.laneKey == null) {
            workers.execute(() -> attempt(job));
            return job.done;
        }
        ConversationLanes.Turn turn = lanes.submit(job.laneKey, job.message.id(), job, clock.instant());
        if (turn instanceof ConversationLanes.Turn.Start) {
            workers.execute(() -> attempt(job));
        } else if (turn instanceof ConversationLanes.Turn.ParkBehind behind) {
            parkBehind(job, behind.headId(), behind.until());
        }
        return job.done;
    }

    /**
     * The message a carrier knows by {@code carrierMessageId}, if this node handed it over within
     * the last hour; the store has the rest.
     */
    public Optional<Message> recentlySent(String carrier, String carrierMessageId) {
        return Optional.ofNullable(sentToCarriers.getIfPresent(new CarrierMessageKey(carrier, carrierMessageId)));
    }

    /** Forgets a message once its delivery report is final. */
    public void forgetSent(String carrier, String carrierMessageId) {
        sentToCarriers.invalidate(new CarrierMessageKey(carrier, carrierMessageId));
    }

    private String conversationKey(Message message) {
        if (message.targetClientId() == null) {
            return null;
        }
        Optional<Client> target = routes.client(message.targetClientId());
        return target.isPresent() && target.get().type() == ClientType.LEGACY
                ? message.from() + ">" + message.to()
                : null;
    }

    private void attempt(Job job) {
        if (!mayWork.getAsBoolean()) {
            metrics.counter("gomsggw_dispatch_fenced").inc();
            try {
                scheduler.schedule(
                        () -> workers.execute(() -> attempt(job)), FENCE_LOOK.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // The node is stopping (its lease lost): the message stays queued in the store for its new owner.
                log.debug("fenced attempt dropped at stop id={}", job.message.id());
            }
            return;
        }
        try {
            String owner = boundElsewhere(job.message);
            if (owner != null) {
                handOver(job, owner, "smpp");
                return;
            }
            Instant now = clock.instant();
            job.message = job.message.toBuilder()
                    .status(MessageStatus.DISPATCHING)
                    .retryAt(null)
                    .attempts(job.message.attempts() + 1)
                    .updatedAt(now)
                    .build();
            status.record(job.message, new StatusChange(MessageStatus.DISPATCHING, now, null));
            CompletionStage<Attempt> result =
                    job.message.targetClientId() != null ? deliverToClient(job.message) : sendToCarrier(job.message);
            result.whenComplete((attempt, error) -> workers.execute(() -> finish(
                    job,
                    error == null
                            ? attempt
                            : new Attempt(
                                    new SendOutcome.Retryable(Outcomes.describe(error)), carrierPolicy, "unknown"))));
        } catch (RuntimeException e) {
            log.error("dispatch attempt failed id={}", job.message.id(), e);
            finish(job, new Attempt(new SendOutcome.Retryable(Outcomes.describe(e)), carrierPolicy, "unknown"));
        }
    }

    private CompletionStage<Attempt> sendToCarrier(Message message) {
        Optional<CarrierAdapter> adapter =
                message.carrier() == null ? Optional.empty() : routes.carrier(message.carrier());
        if (adapter.isEmpty()) {
            return CompletableFuture.completedFuture(new Attempt(
                    new SendOutcome.Rejected("no carrier '" + message.carrier() + "' for " + message.from()),
                    carrierPolicy,
                    "carrier"));
        }
        return carrierMedia
                .prepare(message, adapter.get())
                .thenCompose(prepared -> Outcomes.safely(
                                adapter.get().send(prepared.message(), prepared.links()), carrierPolicy.timeout())
                        .thenApply(outcome -> new Attempt(outcome, carrierPolicy, "carrier", prepared.note())))
                .exceptionally(error -> {
                    SendOutcome outcome = Outcomes.mediaRefused(error);
                    return new Attempt(
                            outcome instanceof SendOutcome.Retryable retry
                                    ? new SendOutcome.Retryable("media not ready: " + retry.reason())
                                    : outcome,
                            carrierPolicy,
                            "carrier");
                });
    }

    private CompletionStage<Attempt> deliverToClient(Message message) {
        Optional<Client> target = routes.client(message.targetClientId());
        if (target.isEmpty()) {
            return CompletableFuture.completedFuture(new Attempt(
                    new SendOutcome.Rejected("client " + message.targetClientId() + " no longer exists"),
                    carrierPolicy,
                    "client"));
        }
        ClientEgress primary = clients.egressFor(target.get(), message);
        RetryPolicy policy = primary == null ? carrierPolicy : primary.retryPolicy(target.get());
        String channel = primary == null ? "client" : primary.channel();
        return clients.deliver(message, target.get()).thenApply(outcome -> new Attempt(outcome, policy, channel));
    }

    private void finish(Job job, Attempt attempt) {
        Message message = job.message;
        Instant now = clock.instant();
        SendOutcome outcome = attempt.outcome;
        if (outcome instanceof SendOutcome.Accepted accepted) {
            boolean toCarrier = message.targetClientId() == null;
            MessageStatus next = toCarrier || accepted.confirmedLater() ? MessageStatus.SENT : MessageStatus.DELIVERED;
            Message handedOver = message.toBuilder()
                    .status(next)
                    .updatedAt(now)
                    .carrierMessageId(
                            accepted.peerMessageId() != null ? accepted.peerMessageId() : message.carrierMessageId())
                    .build();
            complete(
                    job,
                    handedOver,
                    attempt.note,
                    attempt.channel,
                    !toCarrier && accepted.confirmedLater() ? "sent" : "delivered");
            if (toCarrier && accepted.peerMessageId() != null) {
                // after its SENT is recorded: a report found here must not be overwritten by it
                sentToCarriers.put(new CarrierMessageKey(message.carrier(), accepted.peerMessageId()), handedOver);
            }
        } else if (outcome instanceof SendOutcome.Retryable retry && message.targetClientId() != null) {
            retryWithinWindow(job, attempt, retry.reason(), now);
        } else if (outcome instanceof SendOutcome.Retryable retry) {
            if (attempt.policy.mayRetry(message.attempts())) {
                Duration delay = attempt.policy.delayAfter(message.attempts(), ThreadLocalRandom.current()::nextDouble);
                job.message = message.toBuilder()
                        .status(MessageStatus.QUEUED)
                        .lastError(retry.reason())
                        .updatedAt(now)
                        .build();
                status.record(
                        job.message,
                        new StatusChange(
                                MessageStatus.QUEUED, now, "retry in " + delay.toMillis() + " ms: " + retry.reason()));
                metrics.messageOut(attempt.channel, "retry");
                scheduler.schedule(() -> workers.execute(() -> attempt(job)), delay.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                fail(job, retry.reason() + " (after " + message.attempts() + " attempts)", attempt.channel);
            }
        } else if (outcome instanceof SendOutcome.Rejected rejected) {
            fail(job, rejected.reason(), attempt.channel);
        } else if (outcome instanceof SendOutcome.OptedOut optedOut) {
            fail(job, OPTED_OUT + ": " + optedOut.reason(), attempt.channel);
        }
    }

    /**
     * The node to hand {@code message} to: its client's owner, when only a node holding its bind
     * can reach it and it is not bound here; null to try here (one node, or bound here or nowhere).
     */
    private String boundElsewhere(Message message) {
        Handovers nodes = handovers;
        if (nodes == null || message.targetClientId() == null) return null;
        Optional<Client> target = routes.client(message.targetClientId());
        if (target.isEmpty()) return null;
        ClientEgress egress = clients.egressFor(target.get(), message);
        if (egress == null || !egress.deliversOnlyWhereBound() || egress.isOnline(target.get())) return null;
        return nodes.ownerElsewhere(target.get().id()).orElse(null);
    }

    /**
     * Hands the job's message to {@code owner}: writes it {@code queued} (after the changes held
     * for it), moves its row, and frees its conversation for the next message. When a write fails
     * the attempt is made again a second later (here or handed over, as things then stand).
     */
    private void handOver(Job job, String owner, String channel) {
        Instant now = clock.instant();
        Message queued = job.message.toBuilder()
                .status(MessageStatus.QUEUED)
                .retryAt(null)
                .updatedAt(now)
                .build();
        job.message = queued;
        status.recordDurably(queued, new StatusChange(MessageStatus.QUEUED, now, "handed over to node " + owner))
                .whenComplete((ok, error) -> workers.execute(() -> {
                    boolean moved;
                    try {
                        if (error != null) throw new IllegalStateException(error);
                        moved = handovers.handOver(queued, owner);
                    } catch (RuntimeException e) {
                        log.warn("message not handed over, trying again id={} error={}", queued.id(), e.toString());
                        scheduler.schedule(() -> workers.execute(() -> attempt(job)), 1, TimeUnit.SECONDS);
                        return;
                    }
                    if (moved) {
                        job.message = queued.toBuilder().serverId(owner).build();
                        metrics.messageOut(channel, "handed_over");
                    }
                    if (job.laneKey != null) {
                        Job next = lanes.done(job.laneKey);
                        if (next != null) {
                            workers.execute(() -> attempt(next));
                        }
                    }
                    job.done.complete(job.message);
                }));
    }

    /** Parks a failed delivery to a client until its next attempt, or gives it up once its window is over. */
    private void retryWithinWindow(Job job, Attempt attempt, String reason, Instant now) {
        String owner = boundElsewhere(job.message);
        if (owner != null) {
            // the client left this node for another while the attempt ran
            handOver(job, owner, attempt.channel);
            return;
        }
        Message message = job.message;
        Client client = routes.client(message.targetClientId()).orElse(null);
        Instant retryAt =
                windows.nextAttempt(message, client, attempt.policy, now, ThreadLocalRandom.current()::nextDouble);
        if (retryAt == null) {
            Message undelivered = message.toBuilder()
                    .status(MessageStatus.UNDELIVERED)
                    .updatedAt(now)
                    .lastError(reason)
                    .build();
            complete(
                    job,
                    undelivered,
                    windows.givenUp(reason, message.attempts(), client),
                    attempt.channel,
                    "undelivered");
            return;
        }
        metrics.messageOut(attempt.channel, "retry");
        Message parked = message.toBuilder()
                .status(MessageStatus.QUEUED)
                .lastError(reason)
                .updatedAt(now)
                .retryAt(retryAt)
                .build();
        List<Job> behind = job.laneKey == null ? List.of() : lanes.park(job.laneKey, parked.id(), retryAt);
        park(job, parked, reason, () -> workers.execute(() -> attempt(job)));
        behind.forEach(next -> parkBehind(next, parked.id(), retryAt));
    }

    /** Parks a message of a conversation held by the parked {@code headId}, due with it. */
    private void parkBehind(Job job, String headId, Instant until) {
        Message parked = job.message.toBuilder()
                .status(MessageStatus.QUEUED)
                .updatedAt(clock.instant())
                .retryAt(until)
                .build();
        park(job, parked, "waiting behind " + headId, () -> start(job));
    }

    /**
     * Writes {@code parked} (queued, with its due time) and completes the job's stage once it is
     * written. When the write fails, {@code inMemory} runs at the due time instead (the message
     * resumes from its last written status after a restart).
     */
    private void park(Job job, Message parked, String reason, Runnable inMemory) {
        job.message = parked;
        status.recordDurably(parked, new StatusChange(MessageStatus.QUEUED, parked.updatedAt(), reason))
                .whenComplete((ok, error) -> {
                    if (error == null) {
                        parkedListener.accept(parked.retryAt());
                        job.done.complete(parked);
                    } else {
                        log.warn(
                                "parked message not written, kept in memory id={} error={}",
                                parked.id(),
                                error.toString());
                        scheduler.schedule(
                                inMemory,
                                Math.max(
                                        0,
                                        Duration.between(clock.instant(), parked.retryAt())
                                                .toMillis()),
                                TimeUnit.MILLISECONDS);
                    }
                });
    }

    private void fail(Job job, String reason, String channel) {
        Message failed = job.message.toBuilder()
                .status(MessageStatus.FAILED)
                .lastError(reason)
                .updatedAt(clock.instant())
                .build();
        complete(job, failed, reason, channel, "failed");
    }

    private void complete(Job job, Message last, String reason, String channel, String outcome) {
        job.message = last;
        StatusChange change = new StatusChange(last.status(), last.updatedAt(), reason);
        CompletableFuture<Void> written;
        if (job.fromStore) {
            written = status.recordDurably(last, change);
        } else {
            status.record(last, change);
            written = CompletableFuture.completedFuture(null);
        }
        metrics.messageOut(channel, outcome);
        metrics.dispatchLatency().update(Duration.between(last.createdAt(), last.updatedAt()));
        if (job.laneKey != null) {
            Job next = lanes.done(job.laneKey);
            if (next != null) {
                workers.execute(() -> attempt(next));
            }
        }
        written.whenComplete((ok, error) -> job.done.complete(last));
    }

    /** One message on its way, with the conversation it holds; {@code fromStore} when a scheduler took it up. */
    private static final class Job {
        volatile Message message;
        final String laneKey;
        final boolean fromStore;
        final CompletableFuture<Message> done = new CompletableFuture<>();

        Job(Message message, String laneKey, boolean fromStore) {
            this.message = message;
            this.laneKey = laneKey;
            this.fromStore = fromStore;
        }
    }

    /** The outcome of one attempt, the policy that decides what follows, and a note for the history. */
    private record Attempt(SendOutcome outcome, RetryPolicy policy, String channel, String note) {
        Attempt(SendOutcome outcome, RetryPolicy policy, String channel) {
            this(outcome, policy, channel, null);
        }
    }
}
