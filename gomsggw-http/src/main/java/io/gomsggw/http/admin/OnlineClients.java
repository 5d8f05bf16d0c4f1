package io.gomsggw.http.admin;

import io.gomsggw.core.admin.LiveSession;
import java.util.List;
import java.util.Locale;

/** One reading of the live sessions, answering which clients are online by protocol. */
final class OnlineClients {
    static final String SMPP = "smpp";
    static final String MM4 = "mm4";

    private final List<LiveSession> sessions;

    OnlineClients(List<LiveSession> sessions) {
        this.sessions = List.copyOf(sessions);
    }

    /** The sessions of one protocol, in the order the servers listed them. */
    List<LiveSession> of(String protocol) {
        return sessions.stream()
                .filter(s -> s.protocol().toLowerCase(Locale.ROOT).equals(protocol))
                .toList();
    }

    /** The sessions of one protocol held by a client. */
    List<LiveSession> of(String protocol, long clientId) {
        return of(protocol).stream().filter(s -> s.clientId() == clientId).toList();
    }

    boolean smppOnline(long clientId) {
        return !of(SMPP, clientId).isEmpty();
    }
}
