package io.gomsggw.core.store;

import java.time.Instant;
import java.util.List;

/**
 * The bind directory of the nodes sharing one database ({@code client_binds}): which node holds
 * receiving SMPP binds of which client. Each node writes only its own rows; a row of a node whose
 * lease has ended (or that stopped) is not listed by {@link #live} and is deleted by
 * {@link #forgetDead}, which any node may run.
 *
 * <p>Threading: thread-safe; every method blocks on I/O. Errors: {@link StoreException}.
 */
public interface BindStore {
    /**
     * Records that node {@code serverId} holds {@code binds} receiving binds of the client: a row
     * is written (its {@code bound_at} kept when it existed) for a positive count, deleted for zero.
     */
    void record(long clientId, String serverId, int binds);

    /** The binds of nodes whose lease runs, oldest bind first (then by node id). */
    List<Bind> live();

    /** Deletes every row of {@code serverId} (a node starting, or stopping cleanly); how many. */
    int forget(String serverId);

    /** Deletes the rows of nodes whose lease has ended or that stopped; how many. */
    int forgetDead();

    /**
     * A client's receiving binds on one node.
     *
     * @param boundAt when the node's first bind of the client (still open) was recorded, database clock
     */
    record Bind(long clientId, String serverId, int binds, Instant boundAt) {}
}
