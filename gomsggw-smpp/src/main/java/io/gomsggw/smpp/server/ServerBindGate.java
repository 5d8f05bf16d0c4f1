package io.gomsggw.smpp.server;

import io.gomsggw.core.security.LoginThrottle;
import io.gomsggw.smpp.pdu.Bind;
import io.gomsggw.smpp.pdu.CommandStatus;
import io.gomsggw.smpp.session.BindGate;
import io.gomsggw.smpp.session.SmppBindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the application's {@link SmppServerHandler#authenticate} behind a session's
 * {@link BindGate}, with the server's {@link BindGuard}: connections beyond its limits are closed,
 * binds from a barred source are refused before the application sees them, and every decision
 * tells the throttle how the source fared.
 */
final class ServerBindGate implements BindGate {
    private static final Logger log = LoggerFactory.getLogger(ServerBindGate.class);

    private final SmppServerHandler handler;
    private final BindGuard guard;

    ServerBindGate(SmppServerHandler handler, BindGuard guard) {
        this.handler = handler;
        this.guard = guard;
    }

    @Override
    public boolean connected(InetSocketAddress remoteAddress) {
        return guard.tryOpen(remoteAddress.getAddress());
    }

    @Override
    public void settled(InetSocketAddress remoteAddress) {
        guard.release(remoteAddress.getAddress());
    }

    @Override
    public CompletionStage<Object> admit(Bind bind, InetSocketAddress remoteAddress, boolean tls) {
        InetAddress source = remoteAddress.getAddress();
        LoginThrottle throttle = guard.throttle();
        if (throttle.check(source) instanceof LoginThrottle.Verdict.Barred barred) {
            return CompletableFuture.failedFuture(SmppBindException.reported(
                    CommandStatus.ESME_RBINDFAIL, "source barred for " + barred.remaining() + " after failed binds"));
        }
        CompletableFuture<Object> admitted = new CompletableFuture<>();
        handler.authenticate(new BindRequest(bind, remoteAddress, tls)).whenComplete((decision, error) -> {
            if (error != null) {
                admitted.completeExceptionally(error); // the gateway failed, not the source
            } else if (decision instanceof BindDecision.Accepted accepted) {
                throttle.succeeded(source);
                admitted.complete(accepted.attachment());
            } else if (decision instanceof BindDecision.Refused refused) {
                failed(throttle, source, bind);
                admitted.completeExceptionally(new SmppBindException(refused.status(), refused.reason()));
            } else {
                admitted.completeExceptionally(new IllegalStateException("authenticate completed with no decision"));
            }
        });
        return admitted;
    }

    private static void failed(LoginThrottle throttle, InetAddress source, Bind bind) {
        throttle.failed(source);
        if (throttle.check(source) instanceof LoginThrottle.Verdict.Barred barred) {
            log.info(
                    "smpp bind source barred after failed binds remote={} system_id={} barred_for={}",
                    source.getHostAddress(),
                    bind.systemId(),
                    barred.remaining());
        }
    }
}
