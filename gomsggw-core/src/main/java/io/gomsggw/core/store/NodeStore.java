package io.gomsggw.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The membership of the nodes sharing one database: one row per {@code SERVER_ID}, held by the
 * node that registered it while its lease runs. Lease times are the database's clock, so nodes
 * whose clocks differ still agree on who is alive.
 *
 * <p>Threading: thread-safe; every method blocks on I/O. Errors: {@link StoreException}.
 */
public interface NodeStore {
    /**
     * Takes {@code serverId} for the node {@code incarnation} with a lease of {@code lease}, unless
     * another node holds it and its lease has not ended (nor has it stopped); atomic against
     * another node registering the same id at the same time.
     *
     * @param takeOver take the id even from a holder that looks alive: for a database only one
     *                 node can use (the embedded one, whose lock already proves no other node runs)
     * @return empty when taken; the live holder otherwise, and nothing changed
     */
    Optional<Node> register(String serverId, String incarnation, String address, Duration lease, boolean takeOver);

    /**
     * Extends the lease of {@code serverId} to {@code lease} from now, if {@code incarnation} still
     * holds it; false when another node has taken it over (this node's lease had ended).
     */
    boolean renew(String serverId, String incarnation, Duration lease);

    /** Ends the lease of {@code serverId} at once, if {@code incarnation} holds it: the id is free again. */
    void leave(String serverId, String incarnation);

    /** Every node that registered, most recent first, with the database's time of the reading. */
    List<Node> nodes();

    /**
     * Takes the work of the node {@code deadServerId} over for the live node {@code survivorId}, in
     * one transaction: locks the dead node's row ({@code FOR UPDATE SKIP LOCKED}, so that of
     * several survivors trying at once exactly one proceeds and the others skip it at once),
     * checks under the lock, on the database's clock, that its lease has ended and that nobody has
     * taken it over since it last registered, then makes {@code survivorId} the owner
     * ({@code server_id}) of every message of the dead node that is not handed over yet (status
     * {@code queued}, parked ones included, or {@code dispatching}) and of every batch job of it
     * that is not final or whose completion webhook is not delivered, gives back the usage units
     * granted to the dead node and not reported used ({@link UsageStore#grantWithin}), makes {@code survivorId}
     * the sender of the delivery reports it owed ({@link OwedReportStore}), and marks the row taken
     * over ({@link Node#takenOverBy()}; it also counts as stopped, so the dead incarnation can no
     * longer renew its lease). A node that registers the id later starts as usual, with no work.
     *
     * <p>The survivor's own row is locked too, and must be alive: a node whose own lease has ended
     * takes nothing over, and no node takes the survivor over while work moves to it.
     *
     * @return what was taken, the messages in creation order; empty when the row is locked by
     *     another survivor, alive, already taken over, or unknown, or when the survivor itself is
     *     not alive, and nothing changed
     */
    Optional<Takeover> takeOver(String deadServerId, String survivorId);

    /**
     * A node as the database records it.
     *
     * @param stoppedAt   when it stopped cleanly (or was taken over), null while it runs
     * @param takenOverBy the node that took its work over after its lease ended, null if none has
     *                    since it last registered
     * @param now         the database's time when this was read; {@link #alive()} compares with it
     */
    record Node(
            String serverId,
            String incarnation,
            String address,
            Instant startedAt,
            Instant heartbeatAt,
            Instant leaseUntil,
            Instant stoppedAt,
            String takenOverBy,
            Instant takenOverAt,
            Instant now) {
        /** Whether its lease runs: it has not stopped, and its last heartbeat is within its lease. */
        public boolean alive() {
            return stoppedAt == null && leaseUntil.isAfter(now);
        }

        /** Whether its lease has ended and its work still waits for a live node to take it over. */
        public boolean awaitsTakeover() {
            return !alive() && takenOverBy == null;
        }
    }

    /**
     * The work one node took over from a dead one.
     *
     * @param deadServerId the node whose lease had ended
     * @param messageIds   its messages not handed over yet, now the survivor's, oldest first
     * @param batchIds     its batch jobs still to run or to report, now the survivor's, oldest first
     * @param reportIds    the messages whose delivery reports it owed clients ({@link OwedReportStore}), now
     *                     the survivor's to send, oldest first
     */
    record Takeover(String deadServerId, List<String> messageIds, List<String> batchIds, List<String> reportIds) {
        public Takeover {
            messageIds = List.copyOf(messageIds);
            batchIds = List.copyOf(batchIds);
            reportIds = List.copyOf(reportIds);
        }
    }
}
