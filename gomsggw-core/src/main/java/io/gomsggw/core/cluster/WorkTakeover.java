package io.gomsggw.core.cluster;

import io.gomsggw.core.store.NodeStore;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over the work of nodes whose lease has ended (docs/scale-out.md, "Who works on a message").
 *
 * <p>Every message and batch job is owned by one node: the one that accepted it (its
 * {@code server_id}, written in the same commit as the acknowledgement). Each node dispatches,
 * resumes and retries only its own. Every third of the lease, a live node looks for nodes whose
 * lease has ended (crashed, killed, paused, or stopped cleanly with parked retries left) and that
 * nobody has taken over, and takes each over in one transaction ({@link NodeStore#takeOver}):
 * exactly one of the live nodes that try at once wins, and the dead node's messages not handed
 * over yet and its unfinished batch jobs become the winner's. The winner then resumes exactly
 * those, through {@code resume} (the normal dispatch path), never its own in flight.
 *
 * <p>A node that is not dead but was only paused past its lease (a stalled VM, the database out of
 * its reach) may still hold some of the taken messages in memory and deliver them too when it
 * comes back: delivery is at least once, with the same message id (see docs/scale-out.md). It
 * takes up no parked message it no longer owns.
 *
 * <p>Threading: looks run on a daemon thread of their own, one at a time; {@code resume} runs on
 * it and may block.
 */
public final class WorkTakeover implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkTakeover.class);

    private final NodeStore store;
    private final Membership membership;
    private final Consumer<NodeStore.Takeover> resume;
    private final ScheduledExecutorService looks;

    private WorkTakeover(NodeStore store, Membership membership, Consumer<NodeStore.Takeover> resume) {
        this.store = store;
        this.membership = membership;
        this.resume = resume;
        this.looks = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "gomsggw-takeover");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts looking, at once and then every third of {@code membership}'s lease.
     *
     * @param resume given what this node took over; resumes it (messages in the order given)
     */
    public static WorkTakeover start(NodeStore store, Membership membership, Consumer<NodeStore.Takeover> resume) {
        WorkTakeover takeover = new WorkTakeover(store, membership, resume);
        long period = membership.lease().toMillis() / 3;
        takeover.looks.scheduleWithFixedDelay(takeover::look, 0, period, TimeUnit.MILLISECONDS);
        return takeover;
    }

    private void look() {
        try {
            // a node that is not a member (its own lease ended) must not take others over
            if (!membership.holdsLease()) return;
            for (NodeStore.Node node : store.nodes()) {
                if (node.serverId().equals(membership.serverId()) || !node.awaitsTakeover()) {
                    continue;
                }
                store.takeOver(node.serverId(), membership.serverId()).ifPresent(this::resumeTaken);
            }
        } catch (RuntimeException e) {
            log.atWarn().addKeyValue("error", e.toString()).log("looking for dead nodes failed; looking again later");
        }
    }

    private void resumeTaken(NodeStore.Takeover taken) {
        log.atInfo()
                .addKeyValue("dead_server_id", taken.deadServerId())
                .addKeyValue("messages", taken.messageIds().size())
                .addKeyValue("batches", taken.batchIds().size())
                .log("took over the work of a node whose lease had ended");
        try {
            resume.accept(taken);
        } catch (RuntimeException e) {
            // the work is this node's now: what was not resumed is resumed at this node's next start
            log.atError()
                    .addKeyValue("dead_server_id", taken.deadServerId())
                    .addKeyValue("error", e.toString())
                    .log("resuming work taken over failed; the rest resumes at this node's next start");
        }
    }

    /** Stops looking; a look under way finishes resuming first (for at most 5 s). */
    @Override
    public void close() {
        looks.shutdown();
        try {
            if (!looks.awaitTermination(5, TimeUnit.SECONDS)) {
                looks.shutdownNow();
            }
        } catch (InterruptedException e) {
            looks.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
