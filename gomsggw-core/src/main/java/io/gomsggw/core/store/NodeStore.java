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
     * A node as the database records it.
     *
     * @param now the database's time when this was read; {@link #alive()} compares with it
     */
    record Node(
            String serverId,
            String incarnation,
            String address,
            Instant startedAt,
            Instant heartbeatAt,
            Instant leaseUntil,
            Instant stoppedAt,
            Instant now) {
        /** Whether its lease runs: it has not stopped, and its last heartbeat is within its lease. */
        public boolean alive() {
            return stoppedAt == null && leaseUntil.isAfter(now);
        }
    }
}
