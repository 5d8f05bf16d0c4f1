package io.gomsggw.core.spi;

import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.Message;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

/**
 * Delivers messages to a client over one protocol: SMPP {@code deliver_sm}, MM4 over SMTP, or a
 * webhook. The dispatcher picks the egress whose {@link #accepts} says yes for the destination.
 *
 * <p><b>Threading:</b> thread-safe. {@link #deliver} must not block the caller: it returns a stage
 * completed by the egress's own I/O. The dispatcher keeps at most one message per conversation
 * (from, to) in flight, so an egress may assume order within a conversation.
 *
 * <p><b>Errors:</b> the stage completes with a {@link SendOutcome}; an offline client is
 * {@link SendOutcome.Retryable} (the dispatcher then tries failover clients), a refusal by the
 * client is {@link SendOutcome.Rejected}. An exceptional completion is treated as retryable.
 */
public interface ClientEgress {
    /** Short name of the channel for metrics and logs: {@code smpp}, {@code mm4}, {@code webhook}. */
    String channel();

    /** Whether this egress can deliver to the client at all (its type and protocol). */
    boolean accepts(Client client);

    /**
     * Whether this egress delivers {@code message} to {@code client}; the dispatcher asks each egress
     * in order and takes the first that says yes. The default is {@link #accepts(Client)}; an egress
     * for one kind of message (MM4 carries only MMS) narrows it.
     */
    default boolean accepts(Client client, Message message) {
        return accepts(client);
    }

    /** Whether the client is reachable now (an SMPP bind is up); webhooks are always "online". */
    default boolean isOnline(Client client) {
        return true;
    }

    /**
     * Whether only a node that holds the client's own connection can deliver (an SMPP bind): with
     * several nodes on one database, a message for the client then goes to a node where the client
     * is bound (docs/scale-out.md). False (the default) for webhooks and MM4, which any node reaches.
     */
    default boolean deliversOnlyWhereBound() {
        return false;
    }

    CompletionStage<SendOutcome> deliver(Client client, Message message);

    /**
     * The most an MMS may weigh, all media together, when it reaches {@code client} over this
     * egress; the dispatcher runs larger media through the {@link MediaTranscoder} first and refuses
     * what cannot be made to fit. Empty (the default) delivers media as it is, as webhooks do; an MM4
     * egress declares the client's limit ({@code MMS_MAX_SIZE} unless the client declares less).
     */
    default OptionalLong maxMmsBytes(Client client) {
        return OptionalLong.empty();
    }

    /** How often and how long the dispatcher tries this egress for the client (e.g. {@code SMPP_RETRIES}). */
    RetryPolicy retryPolicy(Client client);
}
