package io.gomsggw.core.admin;

import java.time.Instant;
import java.util.Objects;

/**
 * One connected session of a legacy client, as shown by {@code /stats} and
 * {@code /clients/{id}/smpp-status}.
 *
 * @param protocol      {@code smpp} or {@code mm4}
 * @param clientId      the client the session belongs to
 * @param username      that client's username
 * @param remoteAddress the peer's IP address (after the PROXY protocol, when enabled)
 * @param connectedAt   when the session was bound or opened
 * @param lastSeen      when the peer last sent anything
 */
public record LiveSession(
        String protocol, long clientId, String username, String remoteAddress, Instant connectedAt, Instant lastSeen) {

    public LiveSession {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(connectedAt, "connectedAt");
        lastSeen = lastSeen == null ? connectedAt : lastSeen;
    }
}
