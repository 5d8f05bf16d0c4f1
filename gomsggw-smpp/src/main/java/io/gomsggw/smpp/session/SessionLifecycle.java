package io.gomsggw.smpp.session;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.NotSslRecordException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler: tells the {@link ChannelSession} that the connection is up, failed or closed.
 * An error closes the connection and is logged in one line (an I/O error at DEBUG, without a
 * stack trace at INFO and above). Event loop only.
 */
final class SessionLifecycle extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(SessionLifecycle.class);

    private final ChannelSession session;

    SessionLifecycle(ChannelSession session) {
        this.session = session;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        session.activated();
        ctx.fireChannelActive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        session.failed(cause);
        Throwable root = cause.getCause() != null ? cause.getCause() : cause;
        if (cause instanceof IOException) {
            log.debug(
                    "smpp connection error session={} remote={} error={}",
                    session.id(),
                    session.remoteAddress(),
                    cause.toString());
        } else if (root instanceof NotSslRecordException) {
            // its message dumps the bytes received, which may hold a plain-text bind's password
            log.warn(
                    "smpp connection error, closing session={} remote={} error=plain text on the TLS listener",
                    session.id(),
                    session.remoteAddress());
        } else {
            log.warn(
                    "smpp connection error, closing session={} remote={} error={}",
                    session.id(),
                    session.remoteAddress(),
                    root.toString());
            log.debug("smpp connection error session={}", session.id(), cause);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.connectionClosed();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelUnregistered(ChannelHandlerContext ctx) {
        session.deregistered();
        ctx.fireChannelUnregistered();
    }
}
