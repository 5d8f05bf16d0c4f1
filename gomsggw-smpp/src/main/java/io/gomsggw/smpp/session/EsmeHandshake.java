package io.gomsggw.smpp.session;

import io.gomsggw.smpp.pdu.Bind;
import io.gomsggw.smpp.pdu.BindResp;
import io.gomsggw.smpp.pdu.CommandStatus;
import io.gomsggw.smpp.pdu.ResponsePdu;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of the bind: sends the bind as soon as the connection is up and waits
 * {@link SessionSettings#responseTimeout()} for its response. A {@code bind_*_resp} with status 0
 * binds the session; any other answer, no answer, or the connection's error fails
 * {@link ChannelSession#bound()} and closes the connection. A bind from the server is answered
 * {@code ESME_RALYBND} once bound, else {@code ESME_RINVBNDSTS}. Event loop only.
 */
final class EsmeHandshake extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(EsmeHandshake.class);

    private final ChannelSession session;
    private final IntFunction<Bind> bindRequest;

    /** @param bindRequest builds the bind from the sequence number the session assigns */
    EsmeHandshake(ChannelSession session, IntFunction<Bind> bindRequest) {
        this.session = session;
        this.bindRequest = bindRequest;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        sendBind(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Bind bind) {
            session.write(bind.errorResponse(
                    session.state().acceptsMessages() ? CommandStatus.ESME_RALYBND : CommandStatus.ESME_RINVBNDSTS));
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void sendBind(ChannelHandlerContext ctx) {
        session.state(BindState.BINDING);
        Bind bind;
        try {
            bind = bindRequest.apply(session.nextSequenceNumber());
        } catch (RuntimeException e) {
            session.bindFailed(e);
            ctx.close();
            return;
        }
        CompletableFuture<ResponsePdu> response = new CompletableFuture<>();
        response.whenComplete((r, error) -> answered(ctx, bind, r, error));
        session.window().sendUncounted(bind, response);
    }

    private void answered(ChannelHandlerContext ctx, Bind bind, ResponsePdu response, Throwable error) {
        if (session.state() != BindState.BINDING) {
            return;
        }
        if (error != null) {
            session.bindFailed(Completions.cause(error));
            ctx.close();
        } else if (response instanceof BindResp ok && ok.isOk()) {
            log.info(
                    "smpp client bound session={} system_id={} mode={} remote={} smsc={}",
                    session.id(),
                    bind.systemId(),
                    bind.mode(),
                    session.remoteAddress(),
                    ok.systemId());
            session.bound(new Binding(bind.systemId(), bind.mode(), Instant.now(), null));
        } else {
            log.info(
                    "smpp client bind refused session={} system_id={} remote={} status={}",
                    session.id(),
                    bind.systemId(),
                    session.remoteAddress(),
                    CommandStatus.name(response.commandStatus()));
            session.bindFailed(new SmppBindException(
                    response.commandStatus(), "bind of " + bind.systemId() + " refused by " + session.remoteAddress()));
            ctx.close();
        }
    }
}
