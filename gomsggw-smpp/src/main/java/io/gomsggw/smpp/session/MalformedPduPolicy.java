package io.gomsggw.smpp.session;

import io.gomsggw.smpp.pdu.CommandId;
import io.gomsggw.smpp.pdu.CommandStatus;
import io.gomsggw.smpp.pdu.PduDecodeException;
import io.gomsggw.smpp.pdu.ResponsePdu;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a PDU that did not decode ({@link MalformedPdu}) as {@link PduDecodeException#response()}
 * says — the request's error response, {@code generic_nack}, or nothing for a response — and logs
 * it in one WARN line without the PDU's content. The session goes on, unless the framing is lost:
 * then the connection closes after the answer. In any bind state. Event loop only.
 */
final class MalformedPduPolicy extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(MalformedPduPolicy.class);

    private final ChannelSession session;

    MalformedPduPolicy(ChannelSession session) {
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MalformedPdu bad)) {
            ctx.fireChannelRead(msg);
            return;
        }
        PduDecodeException error = bad.error();
        Optional<ResponsePdu> response = error.response();
        String command =
                error.commandId().isPresent() ? CommandId.name(error.commandId().getAsInt()) : "?";
        log.warn(
                "smpp malformed pdu session={} remote={} command={} seq={} status={} framing_lost={} reason={}",
                session.id(),
                session.remoteAddress(),
                command,
                error.sequenceNumber().isPresent() ? error.sequenceNumber().getAsInt() : "?",
                CommandStatus.name(error.commandStatus()),
                error.framingLost(),
                error.getMessage());
        if (error.framingLost()) {
            if (response.isPresent()) {
                ctx.writeAndFlush(response.get()).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.close();
            }
        } else {
            response.ifPresent(ctx::writeAndFlush);
        }
    }
}
