package io.gomsggw.core.dispatch;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gomsggw.core.cluster.BindDirectory;
import io.gomsggw.core.cluster.ClusterSignals;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.store.HandoverStore;
import io.gomsggw.core.store.MessageStore;
import io.gomsggw.core.store.PendingReceipt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages for SMPP clients on several nodes (docs/scale-out.md): a message for a client that only
 * a node holding its bind can reach goes to that node, the client's <em>owner</em> in the
 * {@link BindDirectory}, through the database ({@link HandoverStore}), and that node is woken by a
 * signal on its own channel ({@link #channelOf}).
 *
 * <ul>
 *   <li><b>At acceptance</b> ({@link #place}): when the client is bound on some live node, the row
 *       is inserted with the owner's {@code server_id} and a handover number taken then. The owner
 *       dispatches such rows, its own included, in the order of their numbers once it has
 *       {@link #claim claimed} them; so messages accepted one after another, on any nodes, reach
 *       the client in that order. A message for a client bound nowhere is dispatched by the node
 *       that accepted it, as on one node (retried and parked while the client is offline).
 *   <li><b>At dispatch</b>: a message this node holds for a client not bound here but bound
 *       elsewhere (resumed, taken up after parking, redelivered, or routed before the bind was
 *       seen) is handed to the owner by the {@link Dispatcher} instead of being tried here.
 *   <li><b>When a client binds</b> (its owner changes): each node hands its parked messages for the
 *       client to the new owner at once, oldest first, rather than at their next attempt; the new
 *       owner also takes the messages for the client that dead nodes left.
 * </ul>
 *
 * <p>SMPP delivery receipts follow the same way: a receipt for a client bound on another node is
 * written for that node ({@code pending_receipts.server_id}, a number) and claimed by it.
 *
 * <p>A claimed message is dispatched through the normal path; until it is claimed it is no node's
 * work but its owner's. If the owner dies first, its rows are taken over with the rest of its work.
 *
 * <p>Threading: thread-safe. Claims and signals run on a daemon thread of its own; {@link #place}
 * blocks on the database (call it where routing may block).
 */
public final class Handovers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Handovers.class);
    /** Most rows claimed at once. */
    private static final int CLAIM_PAGE = 500;
    /** Most messages handed over by other nodes in dispatch here at a time; more wait in the store. */
    private static final int MAX_IN_HAND = 2_000;
    /** Most parked messages of one client handed over at once when it binds (the rest at their next attempt). */
    private static final int SWEEP_LIMIT = 10_000;

    private final String serverId;
    private final HandoverStore store;
    private final BindDirectory binds;
    private final ClusterSignals signals;
    private final MessageStore messages;
    private final Dispatcher dispatcher;
    private final RetryScheduler retries;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean claimPlanned = new AtomicBoolean();
    private final Object lock = new Object();
    /** Guarded by lock: messages accepted here for a client this node owns, waiting for their claim. */
    private final Map<String, Waiting> awaiting = new HashMap<>();
    /**
     * Guarded by lock: messages claimed without a waiter, each with the end of its dispatch. One
     * accepted here may be claimed before its acceptance comes to wait (the claim was quicker);
     * the rest (handed over by other nodes) expire unasked.
     */
    private final Cache<String, CompletableFuture<Void>> claimedEarly = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();
    /** Guarded by lock: nodes to signal. */
    private final Set<String> toSignal = new LinkedHashSet<>();
    /** Ids claimed while the resume at start runs (null once it is over): the resume leaves them. */
    private volatile Set<String> claimedWhileResuming = ConcurrentHashMap.newKeySet();

    private final AtomicInteger inHand = new AtomicInteger();
    /** Sends the delivery receipts handed to this node (SMPP); none until one is set. */
    private volatile Consumer<PendingReceipt> receipts;

    private volatile boolean closed;

    private Handovers(
            String serverId,
            HandoverStore store,
            BindDirectory binds,
            ClusterSignals signals,
            MessageStore messages,
            Dispatcher dispatcher,
            RetryScheduler retries) {
        this.serverId = serverId;
        this.store = store;
        this.binds = binds;
        this.signals = signals;
        this.messages = messages;
        this.dispatcher = dispatcher;
        this.retries = retries;
        this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "gomsggw-handover");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts handing over and claiming for {@code dispatcher}: listens on this node's channel, looks
     * for rows handed here every {@code poll} (a lost signal), and follows owner changes.
     */
    public static Handovers start(
            String serverId,
            HandoverStore store,
            BindDirectory binds,
            ClusterSignals signals,
            MessageStore messages,
            Dispatcher dispatcher,
            RetryScheduler retries,
            Duration poll) {
        Handovers handovers = new Handovers(serverId, store, binds, signals, messages, dispatcher, retries);
        dispatcher.handOverWith(handovers);
        signals.subscribe(channelOf(serverId), handovers::wake);
        binds.onOwnerChanged(handovers::ownerChanged);
        handovers.thread.scheduleWithFixedDelay(
                handovers::wake, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        handovers.wake();
        return handovers;
    }

    /**
     * The signal channel of a node: one per node, so a handover wakes only its target. Ids are
     * hashed into the channel alphabet; two ids that meet on one channel only cost a needless look.
     */
    public static String channelOf(String serverId) {
        return "handover_" + Integer.toUnsignedString(serverId.hashCode(), 36);
    }

    public String serverId() {
        return serverId;
    }

    /**
     * The message as it is to be stored: for a client bound on a live node, owned by that node and
     * numbered now; otherwise unchanged. Blocks for the number; when the database does not answer,
     * the message is left to be handed over at dispatch.
     */
    public Message place(Message message) {
        if (message.targetClientId() == null
                || message.status() != MessageStatus.QUEUED
                || !dispatcher.deliversOnlyWhereBound(message)) {
            return message;
        }
        Optional<String> owner = binds.owner(message.targetClientId());
        if (owner.isEmpty()) {
            return message;
        }
        try {
            return message.toBuilder()
                    .serverId(owner.get())
                    .handoverSeq(store.nextSeq())
                    .build();
        } catch (RuntimeException e) {
            log.atWarn()
                    .addKeyValue("id", message.id())
                    .addKeyValue("error", e.toString())
                    .log("no handover number; the message is handed over at dispatch");
            return message;
        }
    }

    /** The node the client's messages go to when it is not this one; empty when it is bound nowhere or here first. */
    public Optional<String> ownerElsewhere(long clientId) {
        return binds.owner(clientId).filter(owner -> !owner.equals(serverId));
    }

    /**
     * Dispatch of a message {@link #place placed} at acceptance: one for another node is theirs
     * (that node is signalled); one for this node is dispatched once claimed, in its turn. The
     * stage completes when the message's dispatch here is over (at once for another node's).
     */
    CompletionStage<Message> dispatchPlaced(Message message) {
        if (!serverId.equals(message.serverId())) {
            signal(message.serverId());
            return CompletableFuture.completedFuture(message);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (lock) {
            CompletableFuture<Void> claimed = claimedEarly.asMap().remove(message.id());
            if (claimed != null) {
                return claimed.thenApply(over -> message);
            }
            awaiting.put(message.id(), new Waiting(message, done));
        }
        wake();
        return done.thenApply(over -> message);
    }

    /** Hands a message this node holds to {@code owner}; false when it is no longer this node's. */
    boolean handOver(Message message, String owner) {
        boolean moved = store.handOver(message.id(), serverId, owner);
        if (moved) {
            signal(owner);
        }
        return moved;
    }

    /**
     * Has the delivery receipts other nodes hand to this node claimed and given to {@code sender}
     * (which sends them to the client's bind here, or keeps them waiting for its next one).
     */
    public void deliverReceiptsTo(Consumer<PendingReceipt> sender) {
        this.receipts = sender;
        wake();
    }

    /** Hands a delivery receipt for a client bound on {@code owner} over to that node (blocks on the database). */
    public void handOverReceipt(PendingReceipt receipt, String owner) {
        store.handOverReceipt(receipt, owner);
        signal(owner);
    }

    /** Asks for a claim soon (a signal came, a message was placed here, or it is time to look). */
    void wake() {
        if (closed || !claimPlanned.compareAndSet(false, true)) {
            return;
        }
        try {
            thread.execute(this::claimAndSignal);
        } catch (RejectedExecutionException e) {
            claimPlanned.set(false);
        }
    }

    private void signal(String node) {
        synchronized (lock) {
            toSignal.add(node);
        }
        wake();
    }

    private void claimAndSignal() {
        claimPlanned.set(false);
        List<String> nodes;
        synchronized (lock) {
            nodes = new ArrayList<>(toSignal);
            toSignal.clear();
        }
        for (String node : nodes) {
            if (node.equals(serverId)) {
                continue;
            }
            signals.send(channelOf(node));
        }
        try {
            claim();
            claimReceipts();
        } catch (RuntimeException e) {
            log.atWarn().addKeyValue("error", e.toString()).log("handed-over messages not claimed; again soon");
        }
    }

    /** Claims the rows handed here and dispatches them in the order of their numbers. */
    private void claim() {
        while (!closed) {
            int room = Math.min(CLAIM_PAGE, MAX_IN_HAND - inHand.get());
            if (room <= 0) {
                return; // a message coming back wakes the next claim
            }
            List<HandoverStore.Claim> claimed = store.claim(serverId, room);
            for (HandoverStore.Claim claim : claimed) {
                dispatchClaimed(claim.messageId());
            }
            if (claimed.size() < room) {
                return;
            }
        }
    }

    /** Claims the receipts handed here and gives them to the sender, in the order of their numbers. */
    private void claimReceipts() {
        Consumer<PendingReceipt> sender = receipts;
        if (sender == null) return;
        List<PendingReceipt> claimed;
        do {
            claimed = store.claimReceipts(serverId, CLAIM_PAGE);
            claimed.forEach(sender);
        } while (claimed.size() == CLAIM_PAGE && !closed);
    }

    private void dispatchClaimed(String id) {
        Set<String> resuming = claimedWhileResuming;
        if (resuming != null) {
            resuming.add(id);
        }
        Waiting waiting;
        synchronized (lock) {
            waiting = awaiting.remove(id);
        }
        if (waiting != null) {
            // accepted here: the pipeline holds its permits until this dispatch is over
            dispatcher
                    .dispatchClaimed(
                            waiting.message().toBuilder().handoverSeq(null).build(), false)
                    .whenComplete((last, error) -> waiting.done().complete(null));
            return;
        }
        Optional<Message> stored = messages.find(id);
        if (stored.isEmpty()
                || !serverId.equals(stored.get().serverId())
                || stored.get().status().isFinal()) {
            return;
        }
        inHand.incrementAndGet();
        CompletableFuture<Void> over = new CompletableFuture<>();
        synchronized (lock) {
            claimedEarly.put(id, over);
        }
        dispatcher.dispatchClaimed(stored.get(), true).whenComplete((last, error) -> {
            over.complete(null);
            if (inHand.getAndDecrement() >= MAX_IN_HAND) {
                wake();
            }
        });
    }

    /** The resume at start is over: claims no longer need to be told apart from what it read. */
    public void resumeDone() {
        claimedWhileResuming = null;
    }

    /** Whether the message was claimed while the resume at start ran (the resume leaves it). */
    public boolean claimedDuringResume(String id) {
        Set<String> resuming = claimedWhileResuming;
        return resuming != null && resuming.contains(id);
    }

    /**
     * A client's owner changed: this node's parked messages for it follow at once, oldest first;
     * the new owner also takes what dead nodes left for it. Runs on the bind directory's thread.
     */
    private void ownerChanged(Long clientId, String owner) {
        try {
            int adopted = owner.equals(serverId) ? store.adoptFromDead(clientId, serverId) : 0;
            List<String> reserved = new ArrayList<>();
            for (String id : store.parkedFor(clientId, serverId, SWEEP_LIMIT)) {
                // a parked message the retry scheduler has in hand is handed over by its own dispatch
                if (retries.reserve(id)) {
                    reserved.add(id);
                }
            }
            int moved;
            try {
                moved = store.handOverParked(reserved, serverId, owner);
            } finally {
                reserved.forEach(retries::release);
            }
            if (adopted + moved > 0) {
                log.atInfo()
                        .addKeyValue("client_id", clientId)
                        .addKeyValue("owner", owner)
                        .addKeyValue("parked", moved)
                        .addKeyValue("from_dead_nodes", adopted)
                        .log("messages follow the client to its node");
                signal(owner);
            }
        } catch (RuntimeException e) {
            log.atWarn()
                    .addKeyValue("client_id", clientId)
                    .addKeyValue("error", e.toString())
                    .log("messages not handed over after a bind; they follow at their next attempt");
        }
    }

    /** A message accepted here for a client this node owns, and the end of its dispatch. */
    private record Waiting(Message message, CompletableFuture<Void> done) {}

    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
    }
}
