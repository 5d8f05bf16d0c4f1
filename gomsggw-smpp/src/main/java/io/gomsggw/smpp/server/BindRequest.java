package io.gomsggw.smpp.server;

import io.gomsggw.smpp.pdu.Bind;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A bind as the server received it.
 *
 * @param bind          the PDU (system_id, password, mode, …)
 * @param remoteAddress the peer's address; with the PROXY protocol, the address the proxy reported
 * @param tls           whether the connection came over the TLS listener
 */
public record BindRequest(Bind bind, InetSocketAddress remoteAddress, boolean tls) {
    public BindRequest {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
    }
}
