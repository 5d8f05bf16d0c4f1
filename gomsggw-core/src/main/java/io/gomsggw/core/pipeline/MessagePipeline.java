package io.gomsggw.core.pipeline;

import io.gomsggw.core.dispatch.Dispatcher;
import io.gomsggw.core.dispatch.MessageJournal;
import io.gomsggw.core.dispatch.QueueFullException;
import io.gomsggw.core.metrics.GatewayMetrics;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.core.routing.InboundRoute;
import io.gomsggw.core.routing.Refusal;
import io.gomsggw.core.routing.RouteResult;
import io.gomsggw.core.routing.Router;
import io.gomsggw.core.routing.Submission;
import io.gomsggw.core.spi.WebhookResult;
import io.gomsggw.core.store.DuplicateKeyException;
import io.gomsggw.core.store.MessageStore;
import io.gomsggw.core.store.ResumeCursor;
import io.gomsggw.core.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub every ingress talks to: route, store durably (group commit), then dispatch.
 *
 * <p>A message is acknowledged (the returned stage completes with {@link SubmitResult.Accepted})
 * only after its record is committed, so a crash after the acknowledgement loses nothing:
 * {@link #resume(Instant)} re-dispatches every record that was not handed over yet.
 *
 * <p>Back-pressure: at most {@code maxInFlight} messages are between acceptance and the end of
 * their dispatch. Beyond that a client's message waits for room (at most
 * {@link PipelineSettings#admissionWait()}, {@link PipelineSettings#maxWaiting()} at a time), so
 * senders faster than the way out are slowed down rather than refused; when no room comes in time,
 * and when the write queue is full, {@link #submit} fails with {@link QueueFullException} and
 * nothing is stored. A carrier's message ({@link #receive}) never waits.
 *
 * <p>Replays: a submission with {@link Submission#idMayExist()} (a batch row submitted again after a
 * restart) is looked up by its id first; when a message with that id is stored already, or its
 * insert meets one, the answer is {@link SubmitResult.AlreadyStored} and nothing is counted,
 * stored or sent again.
 *
 * <p>Threading: {@link #submit} and {@link #receive} return at once; routing runs on
 * {@code routingExecutor} (it may read the store on a cache miss), the write on the journal's writer.
 */
public final class MessagePipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MessagePipeline.class);
    private static final int RESUME_PAGE = 500;

    private final Router router;
    private final MessageStore store;
    private final Dispatcher dispatcher;
    private final MessageJournal status;
    private final PipelineSettings settings;
    private final AdmissionGate inFlight;
    /** The share of {@link #inFlight} of each destination client, by client id. */
    private final Map<Long, AdmissionGate> inFlightTo = new ConcurrentHashMap<>();

    private volatile boolean closed;
    private final Executor routingExecutor;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final ClientStatusUpdates clientStatus;
    /** Gives a routed message its owner before it is stored (several nodes); identity on one node. */
    private volatile UnaryOperator<Message> placement = UnaryOperator.identity();

    public MessagePipeline(
            Router router,
            MessageStore store,
            Dispatcher dispatcher,
            MessageJournal status,
            PipelineSettings settings,
            Executor routingExecutor,
            GatewayMetrics metrics,
            Clock clock) {
        this.router = router;
        this.store = store;
        this.dispatcher = dispatcher;
        this.status = status;
        this.settings = settings;
        this.inFlight = new AdmissionGate(settings.maxInFlight(), settings.maxWaiting());
        this.routingExecutor = routingExecutor;
        this.metrics = metrics;
        this.clock = clock;
        metrics.queueDepth("journal", status::depth);
        metrics.queueDepth("in_flight", inFlight::inUse);
        this.clientStatus =
                new ClientStatusUpdates(store, status, routingExecutor, clock, UNKNOWN_STATUS_RETRIES, () -> closed);
    }

    /**
     * Has each routed message pass through {@code placement} before it is stored, on the routing
     * executor (it may block): several nodes give a message for an SMPP client to the node where
     * the client is bound ({@link io.gomsggw.core.dispatch.Handovers#place}).
     */
    public void placeWith(UnaryOperator<Message> placement) {
        this.placement = placement;
    }

    /**
     * Says that messages from {@code from} to each of {@code to} will be submitted soon (a batch's
     * next rows), so that routing reads what it needs for all of them at once; it blocks on the
     * store. Only a hint: {@link #submit} routes correctly without it, so a store failure here
     * is logged and left to the submissions, which read one at a time.
     */
    public void prepare(String from, Collection<String> to) {
        try {
            router.prepare(from, to);
        } catch (StoreException e) {
            log.debug("routing not prepared error={}", e.toString());
        }
    }

    /** Routes, stores and queues a message an authenticated client sent. */
    public CompletionStage<SubmitResult> submit(Client sender, Submission submission) {
        String protocol = submission.ingress().wireName();
        if (closed) {
            return CompletableFuture.failedFuture(new QueueFullException("pipeline (shutting down)"));
        }
        long deadline = System.nanoTime() + settings.admissionWait().toNanos();
        return inFlight.acquire(settings.admissionWait())
                .handle((granted, full) -> full)
                .thenCompose(full -> {
                    if (full != null) {
                        metrics.messageIn(protocol, "saturated");
                        return CompletableFuture.failedFuture(unwrap(full));
                    }
                    return routeAndStore(sender, submission, protocol, deadline);
                });
    }

    /**
     * The rest of {@link #submit}, holding a permit of the in-flight bound: route, wait for room
     * toward the destination client (until {@code deadline}, System.nanoTime), store, dispatch.
     */
    private CompletionStage<SubmitResult> routeAndStore(
            Client sender, Submission submission, String protocol, long deadline) {
        // The permits go back when the message is refused or fails to be stored, or, once
        // stored, when its dispatch is over: exactly once, whatever path is taken.
        Permits permits = new Permits(inFlight);
        return CompletableFuture.supplyAsync(
                        () -> storedBefore(submission)
                                .<Object>map(SubmitResult.AlreadyStored::new)
                                .orElseGet(() -> placed(router.fromClient(sender, submission))),
                        routingExecutor)
                .thenCompose(routeOrStored -> {
                    if (routeOrStored instanceof SubmitResult.AlreadyStored stored) {
                        permits.release();
                        metrics.messageIn(protocol, "already_stored");
                        return CompletableFuture.completedFuture((SubmitResult) stored);
                    }
                    RouteResult route = (RouteResult) routeOrStored;
                    if (route instanceof RouteResult.Refused refused) {
                        permits.release();
                        metrics.messageIn(protocol, "refused");
                        if (refused.refusal() instanceof Refusal.Limited limited) {
                            metrics.limitRefused(limited.limit().limitType());
                        }
                        return CompletableFuture.completedFuture(
                                (SubmitResult) new SubmitResult.Refused(refused.refusal()));
                    }
                    RouteResult.Routed routed = (RouteResult.Routed) route;
                    return roomToward(routed.message(), permits, deadline)
                            .thenCompose(room -> status.insert(routed.message()))
                            .handle((ok, error) -> {
                                if (error != null) {
                                    routed.release();
                                    Throwable cause = unwrap(error);
                                    if (submission.idMayExist()
                                            && cause instanceof DuplicateKeyException duplicate
                                            && duplicate.field().equals("id")) {
                                        permits.release();
                                        metrics.messageIn(protocol, "already_stored");
                                        return (SubmitResult) new SubmitResult.AlreadyStored(routed.message());
                                    }
                                    metrics.messageIn(
                                            protocol, cause instanceof QueueFullException ? "saturated" : "failed");
                                    throw new CompletionException(cause);
                                }
                                metrics.messageIn(protocol, "accepted");
                                dispatcher
                                        .dispatch(routed.message())
                                        .whenComplete((last, failure) -> permits.release());
                                return (SubmitResult) new SubmitResult.Accepted(routed.message());
                            });
                })
                .whenComplete((result, error) -> {
                    if (error == null) {
                        return;
                    }
                    permits.release();
                    Throwable cause = unwrap(error);
                    if (!(cause instanceof QueueFullException) && !(cause instanceof StoreException)) {
                        log.error("submit failed", error);
                    }
                });
    }

    private Object placed(RouteResult route) {
        if (route instanceof RouteResult.Routed routed) {
            return new RouteResult.Routed(placement.apply(routed.message()), routed.admission());
        }
        return route;
    }

    /**
     * The message stored earlier under the submission's id, looked up only when the submission
     * says an earlier attempt may have stored one.
     */
    private Optional<Message> storedBefore(Submission submission) {
        return submission.idMayExist() ? store.find(submission.id()) : Optional.empty();
    }

    /** A permit of the destination client's share, added to {@code permits}; at once for a carrier. */
    private CompletableFuture<Void> roomToward(Message message, Permits permits, long deadline) {
        if (message.targetClientId() == null) {
            return CompletableFuture.completedFuture(null);
        }
        AdmissionGate gate = inFlightTo.computeIfAbsent(
                message.targetClientId(),
                id -> new AdmissionGate(settings.maxInFlightPerClient(), settings.maxWaiting()));
        return gate.acquire(Duration.ofNanos(deadline - System.nanoTime())).thenRun(() -> permits.add(gate));
    }

    /** The permits one message holds, given back once. */
    private static final class Permits {
        private final List<AdmissionGate> held = new ArrayList<>(2);
        private boolean released;

        Permits(AdmissionGate first) {
            held.add(first);
        }

        synchronized void add(AdmissionGate gate) {
            if (released) {
                gate.release();
            } else {
                held.add(gate);
            }
        }

        void release() {
            synchronized (this) {
                if (released) return;
                released = true;
            }
            held.forEach(AdmissionGate::release);
        }
    }

    /**
     * Takes a message from a carrier: routes it, stores it, and dispatches it to its client (or the
     * auto-reply to the carrier). Completes once stored; the carrier may then get its 2xx. Counted
     * against the in-flight bound like a client's message: when the gateway is saturated it fails
     * with {@link QueueFullException} before anything is stored, and the carrier, answered 503,
     * sends the webhook again.
     */
    public CompletionStage<InboundRoute> receive(
            String carrierName, String from, String to, String text, List<MediaPart> media, String carrierMessageId) {
        return CompletableFuture.supplyAsync(
                        () -> placed(router.fromCarrier(carrierName, from, to, text, media, carrierMessageId)),
                        routingExecutor)
                .thenCompose(route -> {
                    List<Message> records = route.all();
                    List<Message> toDispatch = records.stream()
                            .filter(m -> m.status() == MessageStatus.QUEUED)
                            .toList();
                    if (!toDispatch.isEmpty() && !inFlight.tryAcquire(toDispatch.size())) {
                        metrics.messageIn("carrier", "saturated");
                        return CompletableFuture.<InboundRoute>failedFuture(new QueueFullException("dispatch"));
                    }
                    CompletableFuture<?>[] writes =
                            records.stream().map(status::insert).toArray(CompletableFuture[]::new);
                    return CompletableFuture.allOf(writes).handle((ok, error) -> {
                        if (error != null) {
                            inFlight.release(toDispatch.size());
                            throw new CompletionException(unwrap(error));
                        }
                        metrics.messageIn("carrier", route.inbound().status().isFinal() ? "not_delivered" : "accepted");
                        toDispatch.forEach(this::dispatchHoldingPermit);
                        return route;
                    });
                });
    }

    /**
     * Stores and dispatches a message the gateway itself composed (a failure notice), with no
     * routing, limits or opt-out checks. Completes once stored.
     */
    public CompletionStage<Message> inject(Message message) {
        return status.insert(message).thenApply(ok -> {
            dispatcher.dispatch(message);
            return message;
        });
    }

    /**
     * Applies a carrier's delivery report to the message it sent. A report can overtake the answer
     * to the send itself (a fast carrier, a busy node): an id not known yet is looked up again a
     * few times over {@link #UNKNOWN_STATUS_RETRIES} before it is logged and ignored. So is a
     * repeated report for a message already final, once this node no longer has it in memory: the
     * store finds a message by carrier id only while it waits for its report. The stage completes
     * once the report is applied or given up.
     */
    public CompletionStage<Optional<Message>> applyStatus(String carrierName, WebhookResult.StatusUpdate update) {
        return applyStatus(carrierName, update, 0);
    }

    /** Delays before the lookups of a report for an id not known yet: about 15 s in all. */
    static final List<Duration> UNKNOWN_STATUS_RETRIES = List.of(
            Duration.ofMillis(50),
            Duration.ofMillis(250),
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8));

    private CompletionStage<Optional<Message>> applyStatus(
            String carrierName, WebhookResult.StatusUpdate update, int lookups) {
        Executor executor = lookups == 0
                ? routingExecutor
                : CompletableFuture.delayedExecutor(
                        UNKNOWN_STATUS_RETRIES.get(lookups - 1).toMillis(), TimeUnit.MILLISECONDS, routingExecutor);
        return CompletableFuture.supplyAsync(
                        () -> {
                            // The first lookup is only of what this node sent: a report that overtakes the answer to
                            // the send would not be in the store yet either, and most reports are of this node's
                            // messages. The store (another node's messages, or before a restart) from the next one.
                            Optional<Message> found = dispatcher
                                    .recentlySent(carrierName, update.carrierMessageId())
                                    .or(() -> lookups == 0
                                            ? Optional.empty()
                                            : store.findAwaitingReport(carrierName, update.carrierMessageId()));
                            if (found.isEmpty()) {
                                return Optional.<Message>empty();
                            }
                            Message current = found.get();
                            if (current.status().isFinal() || current.status() == update.status()) {
                                return Optional.of(current);
                            }
                            Instant now = clock.instant();
                            Message next = current.toBuilder()
                                    .status(update.status())
                                    .updatedAt(now)
                                    .lastError(
                                            update.status() == MessageStatus.FAILED
                                                    ? update.reason()
                                                    : current.lastError())
                                    .build();
                            status.record(next, new StatusChange(update.status(), now, update.reason()));
                            if (update.status().isFinal()) {
                                dispatcher.forgetSent(carrierName, update.carrierMessageId());
                            }
                            return Optional.of(next);
                        },
                        executor)
                .thenCompose(applied -> {
                    if (applied.isPresent() || closed) {
                        return CompletableFuture.completedFuture(applied);
                    }
                    if (lookups < UNKNOWN_STATUS_RETRIES.size()) {
                        return applyStatus(carrierName, update, lookups + 1);
                    }
                    log.info(
                            "status for a message unknown or already final carrier={} carrier_message_id={}",
                            carrierName,
                            update.carrierMessageId());
                    return CompletableFuture.completedFuture(applied);
                });
    }

    /**
     * Applies what a client reports about a message it was handed and has not confirmed yet
     * ({@code sent}, see {@link io.gomsggw.core.spi.SendOutcome.Accepted#confirmedLater()}), found by
     * the message's own id: {@code delivered} or {@code failed} with the client's {@code reason}.
     * {@code reporterMay} says whether the reporting client may touch the message (it was delivered
     * to it); a message it may not touch is treated as unknown. A report that overtakes the
     * {@code sent} status is looked at again as in {@link #applyStatus}. The stage completes with the
     * message as it is after the report (unchanged when it was final already), or empty when no
     * such message waits for this client.
     *
     * @throws IllegalArgumentException for a status other than delivered or failed
     */
    public CompletionStage<Optional<Message>> applyClientStatus(
            String messageId, Predicate<Message> reporterMay, MessageStatus status, String reason) {
        return clientStatus.apply(messageId, reporterMay, status, reason);
    }

    /**
     * Re-dispatches every stored message that was accepted but not handed over (status queued or
     * dispatching) before {@code acceptedBefore}, oldest first, page by page; a parked message (one
     * with a {@link Message#retryAt()}) is left to the retry scheduler, its conversation held for it. Blocks while the
     * in-flight bound is reached, so call it on a thread of its own at start, with the instant
     * taken before the ingresses opened; messages accepted since are already being dispatched.
     */
    public int resume(Instant acceptedBefore) {
        return resume(acceptedBefore, message -> true);
    }

    /**
     * As {@link #resume(Instant)}, only of the messages {@code ours} accepts: on a database that
     * several nodes share, each resumes the messages it owns ({@link Message#serverId()}: those it
     * accepted or took over; another node may be dispatching the rest at this very moment).
     */
    public int resume(Instant acceptedBefore, java.util.function.Predicate<Message> ours) {
        int resumed = 0;
        ResumeCursor cursor = null;
        while (true) {
            List<Message> page = store.findToResume(cursor, RESUME_PAGE);
            for (Message message : page) {
                if (!message.createdAt().isBefore(acceptedBefore)) {
                    page = List.of();
                    break;
                }
                if (!ours.test(message)) {
                    continue;
                }
                if (message.retryAt() != null) {
                    // parked: the retry scheduler takes it up when due; until then it holds its conversation
                    dispatcher.holdConversation(message);
                    continue;
                }
                inFlight.acquireUninterruptibly();
                dispatchHoldingPermit(message);
                resumed++;
            }
            if (page.size() < RESUME_PAGE) {
                break;
            }
            cursor = ResumeCursor.after(page.get(page.size() - 1));
        }
        if (resumed > 0) {
            log.info("resumed messages count={}", resumed);
        }
        return resumed;
    }

    /**
     * Dispatches the messages {@code ids} that this node, {@code owner}, has just taken over from a
     * dead node ({@link io.gomsggw.core.store.NodeStore#takeOver}), in the order given (their
     * creation order), through the same dispatch as every other message, so the same routes,
     * lanes and egresses apply. Each is read again first: one that is no longer this node's or no
     * longer waits (final, or taken up meanwhile) is skipped; a parked one holds its conversation
     * and is left to the retry scheduler, which takes it up as this node's own. Only these
     * messages are dispatched, never this node's own in flight, so nothing is dispatched twice by
     * this node. Blocks while the in-flight bound is reached: call it off the event loops.
     *
     * @return how many were dispatched now (parked ones not counted)
     */
    public int resumeTaken(List<String> ids, String owner) {
        int resumed = 0;
        for (String id : ids) {
            Optional<Message> found = store.find(id);
            if (found.isEmpty()
                    || !owner.equals(found.get().serverId())
                    || (found.get().status() != MessageStatus.QUEUED
                            && found.get().status() != MessageStatus.DISPATCHING)) {
                continue;
            }
            Message message = found.get();
            if (message.retryAt() != null) {
                dispatcher.holdConversation(message);
                continue;
            }
            inFlight.acquireUninterruptibly();
            dispatchHoldingPermit(message);
            resumed++;
        }
        return resumed;
    }

    private void dispatchHoldingPermit(Message message) {
        dispatcher.dispatch(message).whenComplete((last, error) -> inFlight.release());
    }

    private InboundRoute placed(InboundRoute route) {
        UnaryOperator<Message> place = placement;
        return new InboundRoute(
                place.apply(route.inbound()),
                route.replies().stream().map(place).toList());
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** Stops taking messages and writes what is queued. Dispatch in flight is resumed at the next start. */
    @Override
    public void close() {
        closed = true;
    }
}
