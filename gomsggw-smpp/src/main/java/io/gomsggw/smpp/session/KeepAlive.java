package io.gomsggw.smpp.session;

import io.gomsggw.smpp.pdu.EnquireLink;
import io.gomsggw.smpp.pdu.ResponsePdu;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the line alive and notices when it is dead, after an {@code IdleStateHandler}: answers the
 * peer's {@code enquire_link} in any bind state, sends one when a bound line has been idle for
 * {@link SessionSettings#enquireLinkInterval()} (an unanswered one closes the connection), closes
 * the connection when the peer has sent nothing for {@link SessionSettings#idleTimeout()}, and
 * notes when the peer last sent anything ({@link SmppSession#lastSeen()}). Event loop only.
 */
final class KeepAlive extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(KeepAlive.class);

    private final ChannelSession session;

    KeepAlive(ChannelSession session) {
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        session.touch();
        if (msg instanceof EnquireLink enquire) {
            ctx.writeAndFlush(enquire.okResponse());
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof IdleStateEvent idle)) {
            ctx.fireUserEventTriggered(evt);
        } else if (idle.state() == IdleState.READER_IDLE) {
            log.info(
                    "smpp session idle, closing session={} system_id={} idle={}",
                    session.id(),
                    session.systemId(),
                    session.settings().idleTimeout());
            ctx.close();
        } else if (idle.state() == IdleState.ALL_IDLE && session.state() == BindState.BOUND) {
            sendEnquireLink(ctx);
        }
    }

    private void sendEnquireLink(ChannelHandlerContext ctx) {
        CompletableFuture<ResponsePdu> response = new CompletableFuture<>();
        response.whenComplete((r, error) -> {
            if (error instanceof SmppSendException e && e.reason() == SmppSendException.Reason.TIMEOUT) {
                log.info(
                        "smpp enquire_link unanswered, closing session={} system_id={}",
                        session.id(),
                        session.systemId());
                ctx.close();
            }
        });
        session.window().sendUncounted(new EnquireLink(session.nextSequenceNumber()), response);
    }
}
