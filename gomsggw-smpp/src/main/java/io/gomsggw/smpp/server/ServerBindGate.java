package io.gomsggw.smpp.server;

import io.gomsggw.smpp.pdu.Bind;
import io.gomsggw.smpp.session.BindGate;
import io.gomsggw.smpp.session.SmppBindException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Puts the application's {@link SmppServerHandler#authenticate} behind a session's {@link BindGate}. */
final class ServerBindGate implements BindGate {
    private final SmppServerHandler handler;

    ServerBindGate(SmppServerHandler handler) {
        this.handler = handler;
    }

    @Override
    public CompletionStage<Object> admit(Bind bind, InetSocketAddress remoteAddress, boolean tls) {
        CompletableFuture<Object> admitted = new CompletableFuture<>();
        handler.authenticate(new BindRequest(bind, remoteAddress, tls)).whenComplete((decision, error) -> {
            if (error != null) {
                admitted.completeExceptionally(error);
            } else if (decision instanceof BindDecision.Accepted accepted) {
                admitted.complete(accepted.attachment());
            } else if (decision instanceof BindDecision.Refused refused) {
                admitted.completeExceptionally(new SmppBindException(refused.status(), refused.reason()));
            } else {
                admitted.completeExceptionally(new IllegalStateException("authenticate completed with no decision"));
            }
        });
        return admitted;
    }
}
