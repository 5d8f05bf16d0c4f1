package io.gomsggw.mm4.gateway;

import io.gomsggw.core.admin.LiveSession;
import io.gomsggw.core.admin.LiveSessions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The MM4 connections open now, for {@code /stats} ({@code mm4_clients}): each with its client, source, when
 * it opened and when it last sent a message or recipient. Thread-safe, non-blocking.
 */
public final class Mm4Sessions implements LiveSessions {
    private final Map<Mm4Peer, Instant> lastSeen = new ConcurrentHashMap<>();
    private final Clock clock;

    public Mm4Sessions(Clock clock) {
        this.clock = clock;
    }

    void opened(Mm4Peer peer) {
        lastSeen.put(peer, peer.connectedAt());
    }

    void active(Mm4Peer peer) {
        lastSeen.replace(peer, clock.instant());
    }

    void closed(Mm4Peer peer) {
        lastSeen.remove(peer);
    }

    /** Open connections in all. */
    public int count() {
        return lastSeen.size();
    }

    @Override
    public List<LiveSession> list() {
        List<LiveSession> live = new ArrayList<>(lastSeen.size());
        lastSeen.forEach((peer, seen) -> live.add(new LiveSession(
                "mm4",
                peer.client().id(),
                peer.client().username(),
                peer.source().getAddress() == null
                        ? peer.source().getHostString()
                        : peer.source().getAddress().getHostAddress(),
                peer.connectedAt(),
                seen)));
        return List.copyOf(live);
    }
}
