package io.gomsggw.core.routing;

import io.gomsggw.core.model.Message;
import java.util.List;

/**
 * What a message from a carrier becomes: the inbound record (queued for its client, or already
 * final when it has no route, is over a limit or was auto-replied) and any auto-reply to send.
 */
public record InboundRoute(Message inbound, List<Message> replies) {
    public InboundRoute {
        replies = List.copyOf(replies);
    }

    /** Every record to store, the inbound first. */
    public List<Message> all() {
        if (replies.isEmpty()) {
            return List.of(inbound);
        }
        var all = new java.util.ArrayList<Message>(1 + replies.size());
        all.add(inbound);
        all.addAll(replies);
        return all;
    }
}
