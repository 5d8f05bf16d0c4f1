package io.gomsggw.smpp.session;

import java.util.Objects;

/**
 * What makes a session the server side (SMSC) of its connections; one instance serves every
 * connection of a listener.
 *
 * @param systemId the {@code system_id} put in a successful {@code bind_*_resp}
 * @param gate     admits connections and decides binds
 * @param requests answers {@code submit_sm}, {@code data_sm} and {@code query_sm}
 * @param listener learns of the bind and the close
 */
public record SmscRole(String systemId, BindGate gate, SmppRequestHandler requests, SessionListener listener) {
    public SmscRole {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(listener, "listener");
    }
}
