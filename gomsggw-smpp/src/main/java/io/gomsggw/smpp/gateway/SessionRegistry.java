package io.gomsggw.smpp.gateway;

import io.gomsggw.core.admin.LiveSession;
import io.gomsggw.core.admin.LiveSessions;
import io.gomsggw.smpp.session.SmppSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * The bound SMPP sessions of every client. Several binds of one client share its traffic: each
 * message goes to the next session that can receive, in turn. Thread-safe; lookups do not lock.
 */
public final class SessionRegistry implements LiveSessions {
    private final Map<Long, CopyOnWriteArrayList<SmppSession>> byClient = new ConcurrentHashMap<>();
    private final AtomicInteger turn = new AtomicInteger();
    private final List<LongConsumer> boundListeners = new CopyOnWriteArrayList<>();
    private final List<LongConsumer> unboundListeners = new CopyOnWriteArrayList<>();

    void add(SmppSession session) {
        long clientId = clientOf(session).clientId();
        byClient.computeIfAbsent(clientId, id -> new CopyOnWriteArrayList<>()).add(session);
        boundListeners.forEach(listener -> listener.accept(clientId));
    }

    /** Tells {@code listener} the client id of every new bind; called on the session's event loop, must not block. */
    public void onBound(LongConsumer listener) {
        boundListeners.add(listener);
    }

    /** Tells {@code listener} the client id of every bind that closed; called on the session's event loop, must not block. */
    public void onUnbound(LongConsumer listener) {
        unboundListeners.add(listener);
    }

    void remove(SmppSession session) {
        long clientId = clientOf(session).clientId();
        byClient.computeIfPresent(clientId, (id, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
        unboundListeners.forEach(listener -> listener.accept(clientId));
    }

    /** How many sessions of the client may be sent {@code deliver_sm}. */
    public int receiverCount(long clientId) {
        return receivers(clientId).size();
    }

    /** Whether the client has a session that may be sent {@code deliver_sm}. */
    public boolean canReceive(long clientId) {
        return receivers(clientId).size() > 0;
    }

    /** The next session of the client that may be sent {@code deliver_sm}, in turn; null when none. */
    SmppSession nextReceiver(long clientId) {
        List<SmppSession> receivers = receivers(clientId);
        if (receivers.isEmpty()) {
            return null;
        }
        return receivers.get(Math.floorMod(turn.getAndIncrement(), receivers.size()));
    }

    private List<SmppSession> receivers(long clientId) {
        List<SmppSession> sessions = byClient.getOrDefault(clientId, new CopyOnWriteArrayList<>());
        List<SmppSession> receivers = new ArrayList<>(sessions.size());
        for (SmppSession session : sessions) {
            if (session.isOpen() && session.canSendMessages()) {
                receivers.add(session);
            }
        }
        return receivers;
    }

    @Override
    public List<LiveSession> list() {
        List<LiveSession> live = new ArrayList<>();
        byClient.values()
                .forEach(sessions -> sessions.forEach(session -> {
                    BoundClient client = clientOf(session);
                    live.add(new LiveSession(
                            "smpp",
                            client.clientId(),
                            client.username(),
                            session.remoteAddress().getAddress().getHostAddress(),
                            session.boundAt(),
                            session.lastSeen()));
                }));
        return List.copyOf(live);
    }

    static BoundClient clientOf(SmppSession session) {
        return (BoundClient) session.attachment();
    }
}
