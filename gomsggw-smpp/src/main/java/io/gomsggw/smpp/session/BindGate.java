package io.gomsggw.smpp.session;

import io.gomsggw.smpp.pdu.Bind;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;

/**
 * Admits the connections an SMSC-side session serves and decides their binds (the server adapts
 * its {@code SmppServerHandler} to this, with its limits on unbound connections and failed binds).
 *
 * <p><b>Threading:</b> every method is called on the session's event loop and must not block.
 */
@FunctionalInterface
public interface BindGate {

    /**
     * Decides a bind. Complete the stage from any thread: normally with the attachment (which may
     * be {@code null}) to accept the bind, exceptionally with {@link SmppBindException} to refuse
     * it with that status. Any other failure refuses the bind with {@code ESME_RBINDFAIL}.
     */
    CompletionStage<Object> admit(Bind bind, InetSocketAddress remoteAddress, boolean tls);

    /**
     * A connection from {@code remoteAddress} (the peer's real address: behind the PROXY protocol,
     * known once its header is read) wants to wait for its bind. {@code false} closes it at once.
     * When {@code true}, {@link #settled} follows exactly once, when the connection is bound or
     * closed. Admits every connection unless overridden.
     */
    default boolean connected(InetSocketAddress remoteAddress) {
        return true;
    }

    /** The connection {@link #connected} admitted is bound, or closed without a bind. */
    default void settled(InetSocketAddress remoteAddress) {}
}
