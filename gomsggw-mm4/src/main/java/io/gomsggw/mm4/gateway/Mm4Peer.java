package io.gomsggw.mm4.gateway;

import io.gomsggw.core.model.Client;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

/**
 * One accepted MM4 connection: where it comes from and the legacy clients that address belongs to
 * (usually one; several PBXs behind one NAT share it). Attached to the SMTP connection; equal only to
 * itself, as each connection is its own. Immutable.
 */
public final class Mm4Peer {
    private final InetSocketAddress source;
    private final List<Client> candidates;
    private final Instant connectedAt;

    /**
     * @param source      the source address (the PROXY protocol header's when enabled)
     * @param candidates  the clients of that address, lowest id first; never empty
     * @param connectedAt when the connection was accepted
     */
    public Mm4Peer(InetSocketAddress source, List<Client> candidates, Instant connectedAt) {
        this.source = source;
        this.candidates = List.copyOf(candidates);
        this.connectedAt = connectedAt;
        if (this.candidates.isEmpty()) {
            throw new IllegalArgumentException("an MM4 peer belongs to a client");
        }
    }

    public InetSocketAddress source() {
        return source;
    }

    public List<Client> candidates() {
        return candidates;
    }

    public Instant connectedAt() {
        return connectedAt;
    }

    /** The client the connection is shown under in {@code /stats}: the first candidate. */
    public Client client() {
        return candidates.get(0);
    }
}
