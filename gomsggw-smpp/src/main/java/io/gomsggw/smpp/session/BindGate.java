package io.gomsggw.smpp.session;

import io.gomsggw.smpp.pdu.Bind;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;

/**
 * Decides the binds an SMSC-side session receives (the server adapts its
 * {@code SmppServerHandler} to this).
 *
 * <p><b>Threading:</b> called on the session's event loop; must not block. Complete the stage from
 * any thread: normally with the attachment (which may be {@code null}) to accept the bind,
 * exceptionally with {@link SmppBindException} to refuse it with that status. Any other failure
 * refuses the bind with {@code ESME_RBINDFAIL}.
 */
@FunctionalInterface
public interface BindGate {
    CompletionStage<Object> admit(Bind bind, InetSocketAddress remoteAddress, boolean tls);
}
