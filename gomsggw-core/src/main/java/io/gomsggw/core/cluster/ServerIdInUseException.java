package io.gomsggw.core.cluster;

import io.gomsggw.core.store.NodeStore;
import java.time.Duration;

/** Another live node holds the {@code SERVER_ID} this node asked for; the start must stop. */
public final class ServerIdInUseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ServerIdInUseException(NodeStore.Node holder) {
        super("another live node holds SERVER_ID '" + holder.serverId() + "' (" + describe(holder)
                + "); give every node its own SERVER_ID, or start this one once the other has stopped "
                + "or its lease has run out");
    }

    private static String describe(NodeStore.Node holder) {
        long heartbeatAgo = Duration.between(holder.heartbeatAt(), holder.now()).toSeconds();
        long leaseLeft =
                Math.max(0, Duration.between(holder.now(), holder.leaseUntil()).toSeconds());
        return (holder.address() == null ? "" : "at " + holder.address() + ", ") + "last heartbeat " + heartbeatAgo
                + " s ago, lease ends in " + leaseLeft + " s";
    }
}
