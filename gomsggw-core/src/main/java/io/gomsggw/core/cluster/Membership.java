package io.gomsggw.core.cluster;

import io.gomsggw.core.store.NodeStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's place among the nodes sharing the database: {@link #join} registers its
 * {@code SERVER_ID} with a lease, or refuses the start when another live node holds that id; a
 * heartbeat renews the lease every third of it; {@link #close} gives the id back at once.
 *
 * <p>At start, a holder whose heartbeat does not move is waited for, up to one lease: a node
 * restarted after a crash (or a kill) finds its own previous incarnation's row, which ends by
 * itself. A holder that renews meanwhile is alive, and the start is refused at once.
 *
 * <p>A node that misses its renewals for a whole lease (a long pause, the database out of reach)
 * counts as dead to the others, one of whom takes its work over ({@link WorkTakeover}), which also
 * ends its lease for good. Two things keep such a node from doing that work a second time:
 * <ul>
 *   <li><b>The fence</b> ({@link #mayWork()}): work is only started while the last successful renewal
 *       began less than two thirds of a lease ago, by this process's monotonic clock. The others
 *       count a full lease from that renewal's commit, and take over later still, so a node that
 *       wakes from a pause stops starting sends before anyone else may have begun them.
 *   <li><b>The end</b> ({@link #onLeaseLost}): when a renewal finds the row no longer this
 *       incarnation's (taken over, or the id registered by another process), the lease is gone for
 *       good: {@link #holdsLease()} stays false, the fence stays shut, and the listener is told once.
 *       The node's in-memory work now belongs to someone else; the server stops itself so that its
 *       supervisor restarts it clean (docs/scale-out.md).
 * </ul>
 * On the embedded database ({@code exclusive}) no other node can take over and the fence is always open.
 *
 * <p>Threading: thread-safe; the heartbeat runs on a daemon thread of its own.
 */
public final class Membership implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Membership.class);

    private final NodeStore store;
    private final String serverId;
    private final String incarnation;
    private final String address;
    private final Duration lease;
    private final boolean exclusive;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService heartbeat;
    private final AtomicBoolean leaseLost = new AtomicBoolean();
    private volatile Runnable leaseLostListener = () -> {};
    private volatile long renewedAtNanos;
    private volatile boolean closed;

    Membership(
            NodeStore store,
            String serverId,
            String address,
            Duration lease,
            boolean exclusive,
            LongSupplier nanoTime) {
        this.store = store;
        this.serverId = serverId;
        this.incarnation = UUID.randomUUID().toString();
        this.address = address;
        this.lease = lease;
        this.exclusive = exclusive;
        this.nanoTime = nanoTime;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "gomsggw-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Registers {@code serverId} and starts the heartbeat; may wait up to one lease (see above).
     *
     * @param address   how others reach this node (shown in {@code /stats}), may be null
     * @param lease     how long the node counts as alive after its last heartbeat
     * @param exclusive the database serves this node only (the embedded one): take the id whatever
     *                  its row says
     * @throws ServerIdInUseException when another live node holds {@code serverId}
     * @throws io.gomsggw.core.store.StoreException when the database cannot be written
     */
    public static Membership join(NodeStore store, String serverId, String address, Duration lease, boolean exclusive) {
        if (lease.compareTo(Duration.ofSeconds(3)) < 0) {
            throw new IllegalArgumentException("a lease shorter than 3 s would end between heartbeats");
        }
        Membership membership = new Membership(store, serverId, address, lease, exclusive, System::nanoTime);
        try {
            membership.register();
        } catch (RuntimeException e) {
            membership.heartbeat.shutdownNow();
            throw e;
        }
        long period = lease.toMillis() / 3;
        membership.heartbeat.scheduleWithFixedDelay(membership::beat, period, period, TimeUnit.MILLISECONDS);
        log.atInfo()
                .addKeyValue("server_id", serverId)
                .addKeyValue("lease_ms", lease.toMillis())
                .log("joined");
        return membership;
    }

    void register() {
        long started = nanoTime.getAsLong();
        Optional<NodeStore.Node> holder = store.register(serverId, incarnation, address, lease, exclusive);
        if (holder.isEmpty()) {
            renewedAtNanos = started;
            return;
        }
        NodeStore.Node first = holder.get();
        log.atInfo()
                .addKeyValue("server_id", serverId)
                .addKeyValue(
                        "lease_ends_ms",
                        Duration.between(first.now(), first.leaseUntil()).toMillis())
                .log("SERVER_ID held by an earlier node; waiting to see whether it is alive");
        long deadline = System.nanoTime() + lease.plusSeconds(1).toNanos();
        while (holder.isPresent()) {
            NodeStore.Node now = holder.get();
            boolean renewed = !now.incarnation().equals(first.incarnation())
                    || !now.heartbeatAt().equals(first.heartbeatAt());
            if (renewed || System.nanoTime() > deadline) {
                throw new ServerIdInUseException(now);
            }
            try {
                Thread.sleep(Math.max(
                        50,
                        Math.min(
                                500,
                                Duration.between(now.now(), now.leaseUntil()).toMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServerIdInUseException(now);
            }
            started = nanoTime.getAsLong();
            holder = store.register(serverId, incarnation, address, lease, false);
        }
        renewedAtNanos = started;
    }

    void beat() {
        if (closed || leaseLost.get()) return;
        long started = nanoTime.getAsLong();
        try {
            if (store.renew(serverId, incarnation, lease)) {
                renewedAtNanos = started;
                return;
            }
        } catch (RuntimeException e) {
            log.atWarn()
                    .addKeyValue("server_id", serverId)
                    .addKeyValue("error", e.toString())
                    .log("heartbeat failed; retrying");
            return;
        }
        if (leaseLost.compareAndSet(false, true)) {
            log.atError()
                    .addKeyValue("server_id", serverId)
                    .log("this node's lease ended and its work was taken over by another node "
                            + "(or its SERVER_ID registered by another process); it starts no more work "
                            + "and stops (docs/scale-out.md)");
            leaseLostListener.run();
        }
    }

    /**
     * Tells {@code listener}, once, on the heartbeat's thread, that the lease is gone for good (see
     * the class comment). The listener must not block for long.
     */
    public void onLeaseLost(Runnable listener) {
        this.leaseLostListener = listener;
    }

    /**
     * Whether this node may start work it owns now: always on the embedded database; on a shared
     * one while its lease is held and was renewed recently enough (see the class comment).
     */
    public boolean mayWork() {
        if (closed || leaseLost.get()) return false;
        return exclusive || nanoTime.getAsLong() - renewedAtNanos < lease.toNanos() * 2 / 3;
    }

    public String serverId() {
        return serverId;
    }

    /** The lease every node is given (the same setting on every node is expected). */
    public Duration lease() {
        return lease;
    }

    /** Whether this node still holds its id: false once the lease was lost (see the class comment) or the node left. */
    public boolean holdsLease() {
        return !leaseLost.get() && !closed;
    }

    /** Every node the database knows, alive or not. */
    public List<NodeStore.Node> nodes() {
        return store.nodes();
    }

    /** Stops the heartbeat and frees the id at once, so a restart with the same id need not wait. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        heartbeat.shutdownNow();
        try {
            heartbeat.awaitTermination(2, TimeUnit.SECONDS);
            store.leave(serverId, incarnation);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.atWarn()
                    .addKeyValue("error", e.toString())
                    .log("could not free this node's id; it frees itself " + "when its lease ends");
        }
    }
}
