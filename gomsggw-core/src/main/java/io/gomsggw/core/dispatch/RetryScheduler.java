package io.gomsggw.core.dispatch;

import io.gomsggw.core.model.Message;
import io.gomsggw.core.store.MessageStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes parked deliveries up again when they are due: reads the due messages from the store
 * ({@link MessageStore#findDue}) and hands them to {@link Dispatcher#redispatch}, oldest first, at
 * most {@code maxInHand} at a time (the rest stays in the store until room is made).
 *
 * <p>It looks when the earliest due time it knows of has come: the store's
 * ({@link MessageStore#nextDue}, read after each look and at {@link #start}) or one the dispatcher
 * reports as it parks a message ({@link #dueAt}); at most once per {@code minInterval}, so a crowd
 * of retries costs one query per interval. A message handed over is not handed over again until its
 * dispatch stage completes, and the dispatcher completes it only once its next status is written;
 * each message is read again just before it is handed over, so a look's page that is older than
 * the end of a message's previous turn hands nothing over twice.
 *
 * <p>Several nodes on one database: each message is owned by one node, the one that accepted it
 * (its {@link Message#serverId()}, written with the message) or the one that took it over from a
 * dead node or redelivers it; a scheduler given its node's id as {@code owner} reads only that
 * node's parked messages, so two nodes never take up the same one (docs/scale-out.md). It takes
 * up none that another part of the node has {@link #reserve reserved} (a handover in progress).
 *
 * <p>Threading: looks run on {@code blocking} (they read the store); timing on {@code timer}.
 * Thread-safe.
 */
public final class RetryScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RetryScheduler.class);
    private static final Duration LOOK_AGAIN_AFTER_FAILURE = Duration.ofSeconds(5);

    private final MessageStore store;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Executor blocking;
    private final Duration minInterval;
    private final int maxInHand;
    private final String owner;
    private final Set<String> inHand = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    /** Guarded by lock: the next look planned, and when. */
    private ScheduledFuture<?> planned;

    private Instant plannedAt;
    /** Guarded by lock: when the last look started (System.nanoTime), and whether one runs. */
    private long lastLookNanos = System.nanoTime() - TimeUnit.DAYS.toNanos(1);

    private boolean looking;
    private boolean lookAgain;
    private volatile boolean closed;

    /**
     * @param minInterval least time between two looks at the store
     * @param maxInHand   most parked messages handed to the dispatcher and not yet back
     * @param owner       this node's {@code SERVER_ID} on a database other nodes may share (only
     *                    its own parked messages are taken up), null on one that serves this node alone
     */
    public RetryScheduler(
            MessageStore store,
            Dispatcher dispatcher,
            Clock clock,
            ScheduledExecutorService timer,
            Executor blocking,
            Duration minInterval,
            int maxInHand,
            String owner) {
        if (maxInHand < 1) throw new IllegalArgumentException("maxInHand must be positive");
        this.store = store;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.timer = timer;
        this.blocking = blocking;
        this.minInterval = minInterval;
        this.maxInHand = maxInHand;
        this.owner = owner;
        dispatcher.onParked(this::dueAt);
    }

    /**
     * Looks at the store now: at start, what a previous run parked, due or not; later, parked
     * messages this node was just given (taken over from a dead node).
     */
    public void start() {
        lookSoon();
    }

    /** Something parked is due at {@code due}: plans a look then, unless one is planned earlier. */
    public void dueAt(Instant due) {
        if (closed) return;
        synchronized (lock) {
            if (plannedAt != null && !plannedAt.isAfter(due)) {
                return;
            }
            if (planned != null) {
                planned.cancel(false);
            }
            plannedAt = due;
            long delayMs = Math.max(0, Duration.between(clock.instant(), due).toMillis());
            long sinceLastMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastLookNanos);
            delayMs = Math.max(delayMs, minInterval.toMillis() - sinceLastMs);
            planned = timer.schedule(() -> blocking.execute(this::look), delayMs, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Keeps the message from being taken up until {@link #release}; false when it is in hand
     * already (then its own dispatch deals with it).
     */
    public boolean reserve(String id) {
        return inHand.add(id);
    }

    /** Ends a {@link #reserve}. */
    public void release(String id) {
        inHand.remove(id);
    }

    /** Messages handed to the dispatcher and not yet back. */
    public int inHand() {
        return inHand.size();
    }

    private void lookSoon() {
        dueAt(clock.instant());
    }

    private void look() {
        synchronized (lock) {
            plannedAt = null;
            planned = null;
            if (looking) {
                lookAgain = true;
                return;
            }
            looking = true;
            lastLookNanos = System.nanoTime();
        }
        Instant next = null;
        boolean full = false;
        try {
            Instant now = clock.instant();
            int room = maxInHand - inHand.size();
            if (room > 0) {
                List<Message> due = store.findDue(now, owner, room + inHand.size());
                for (Message message : due) {
                    if (inHand.size() >= maxInHand) {
                        full = true;
                        break;
                    }
                    if (inHand.add(message.id())) {
                        takeUp(message.id(), now);
                    }
                }
            } else {
                full = true;
            }
            Optional<Instant> stored = store.nextDue(owner);
            next = stored.orElse(null);
        } catch (RuntimeException e) {
            log.warn(
                    "parked deliveries not read, looking again in {} s error={}",
                    LOOK_AGAIN_AFTER_FAILURE.toSeconds(),
                    e.toString());
            next = clock.instant().plus(LOOK_AGAIN_AFTER_FAILURE);
        } finally {
            boolean again;
            synchronized (lock) {
                looking = false;
                again = lookAgain;
                lookAgain = false;
            }
            if (again) {
                lookSoon();
            }
        }
        // A due time in the past is a message in hand (its next status not written yet) or one
        // beyond the room: look again after the interval, or when a message comes back.
        if (next != null && !full) {
            dueAt(next);
        }
    }

    /**
     * Hands the message over if it is still parked and due. It is read again because the page may
     * be older than the end of its previous turn: a message handed over before and back since
     * (its next status written) must not be handed over on the strength of the older page.
     */
    private void takeUp(String id, Instant now) {
        Optional<Message> fresh;
        try {
            fresh = store.find(id);
        } catch (RuntimeException e) {
            inHand.remove(id);
            throw e;
        }
        if (fresh.isEmpty()
                || fresh.get().retryAt() == null
                || fresh.get().retryAt().isAfter(now)
                || fresh.get().status() != io.gomsggw.core.model.MessageStatus.QUEUED
                || (owner != null && !owner.equals(fresh.get().serverId()))) {
            inHand.remove(id);
            return;
        }
        hand(fresh.get());
    }

    private void hand(Message message) {
        try {
            dispatcher.redispatch(message).whenComplete((last, error) -> {
                boolean wasFull = inHand.size() >= maxInHand;
                inHand.remove(message.id());
                if (error != null) {
                    log.warn("parked delivery ended in error id={} error={}", message.id(), error.toString());
                }
                if (wasFull) {
                    lookSoon();
                }
            });
        } catch (RuntimeException e) {
            inHand.remove(message.id());
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            if (planned != null) {
                planned.cancel(false);
            }
        }
    }
}
