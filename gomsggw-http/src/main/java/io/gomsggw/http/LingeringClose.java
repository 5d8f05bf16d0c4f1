package io.gomsggw.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose peer may still be sending, the way RFC 9112 (section 9.6) asks: the
 * answer is written, the sending side shut down, and what the peer still sends is read and
 * dropped until it closes or {@link #LINGER} has passed. Closed at once, a socket with unread
 * bytes is reset by the kernel, and the reset can reach the peer before it has read the answer
 * (a {@code 408} to a client still sending its head was then lost as "connection reset").
 */
final class LingeringClose {
    static final Duration LINGER = Duration.ofSeconds(2);

    private LingeringClose() {}

    /**
     * Writes a last answer from {@code ctx} and closes lingering (from the channel's event loop).
     * The keep-alive handler leaves the pipeline first: it would close the channel the moment a
     * {@code Connection: close} answer is written, which is the abrupt close this class avoids.
     */
    static void answerThenClose(ChannelHandlerContext ctx, Object answer) {
        if (ctx.pipeline().get(HttpServerKeepAliveHandler.class) != null) {
            ctx.pipeline().remove(HttpServerKeepAliveHandler.class);
        }
        ctx.writeAndFlush(answer).addListener(written -> {
            if (written.isSuccess()) {
                after(ctx.channel());
            } else {
                ctx.channel().close();
            }
        });
    }

    private static void after(Channel channel) {
        if (!(channel instanceof DuplexChannel duplex) || !channel.isActive()) {
            channel.close();
            return;
        }
        channel.pipeline().addFirst(new Discard());
        channel.config().setAutoRead(true);
        duplex.shutdownOutput().addListener(shut -> {
            if (!shut.isSuccess()) {
                channel.close();
            }
        });
        channel.eventLoop().schedule(() -> channel.close(), LINGER.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static final class Discard extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
