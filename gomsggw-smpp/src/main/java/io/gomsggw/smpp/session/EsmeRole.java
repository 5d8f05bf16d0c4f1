package io.gomsggw.smpp.session;

import io.gomsggw.smpp.pdu.Bind;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * What makes a session the client side (ESME) of its connection.
 *
 * @param bindRequest builds the bind to send from the sequence number the session assigns
 * @param requests    answers {@code deliver_sm} and {@code data_sm}
 * @param listener    learns of the bind and the close
 */
public record EsmeRole(IntFunction<Bind> bindRequest, SmppRequestHandler requests, SessionListener listener) {
    public EsmeRole {
        Objects.requireNonNull(bindRequest, "bindRequest");
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(listener, "listener");
    }
}
