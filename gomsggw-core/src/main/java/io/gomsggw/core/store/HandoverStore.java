package io.gomsggw.core.store;

import java.util.List;

/**
 * Moves messages between the nodes sharing one database (docs/scale-out.md): a message for an SMPP
 * client goes to the node where that client is bound. Handing a message over gives its row that
 * node's {@code server_id} and a number from the sequence {@code message_handover_seq}
 * ({@code handover_seq}); the node {@link #claim claims} its numbered rows and dispatches them in
 * the order of their numbers. Every write is conditional on the row's current node, so a message
 * is never moved by a node that does not own it.
 *
 * <p>PostgreSQL only: the embedded database serves one node and never hands anything over.
 * Threading: thread-safe; every method blocks on I/O. Errors: {@link StoreException}.
 */
public interface HandoverStore {
    /** The next handover number; numbers taken one after another are increasing, on any node. */
    long nextSeq();

    /**
     * Hands a message {@code from} owns and has not handed to a client yet (status {@code queued}
     * or {@code dispatching}) over to {@code to}: a new number, status {@code queued}, not parked.
     * False when the row is not {@code from}'s, or already final.
     */
    boolean handOver(String messageId, String from, String to);

    /**
     * The parked messages (status {@code queued} with a due time) for {@code targetClientId} that
     * {@code from} owns, oldest first: what a node hands over when the client binds somewhere.
     */
    List<String> parkedFor(long targetClientId, String from, int limit);

    /**
     * Hands over those of {@code ids} that are still parked and {@code from}'s, numbered in the
     * order of {@code ids}; how many.
     */
    int handOverParked(List<String> ids, String from, String to);

    /**
     * Takes over, for {@code to}, the messages for {@code targetClientId} that are not handed to a
     * client yet and belong to nodes whose lease has ended or that stopped, oldest first; how many.
     */
    int adoptFromDead(long targetClientId, String to);

    /**
     * Claims up to {@code limit} rows handed to {@code serverId} (clearing their numbers), in the
     * order of their numbers.
     */
    List<Claim> claim(String serverId, int limit);

    /**
     * Hands a delivery receipt for an SMPP client to {@code to}, the node where the client is
     * bound: the receipt's row in {@code pending_receipts} (written now, or replaced) gets that
     * node and a number.
     */
    void handOverReceipt(PendingReceipt receipt, String to);

    /**
     * Claims up to {@code limit} receipts handed to {@code serverId} (clearing their numbers; the
     * rows stay until the receipt is sent), in the order of their numbers.
     */
    List<PendingReceipt> claimReceipts(String serverId, int limit);

    /** A claimed message: its id and its handover number. */
    record Claim(String messageId, long seq) {}
}
