package io.gomsggw.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request head (request line and headers) is not complete within a time
 * limit: counted from the connection's start for its first request, and from the first byte of
 * each later one. This is what stops a client that sends its headers a few bytes at a time
 * ("slowloris") from holding a connection for ever; the idle timeout alone does not, since such a
 * client is never idle. The client gets {@code 408} and the connection closes ({@link LingeringClose}).
 *
 * <p>Two handlers share the state: {@link #bytesIn()} before the HTTP decoder (it sees the first
 * byte of a head), {@link #headsOut()} after it (it sees a head complete and a request end). While
 * the server itself is not reading (answering an earlier request), the limit waits.
 *
 * <p>One instance per connection, used on its event loop only.
 */
final class HeadTimeout {
    private static final Logger log = LoggerFactory.getLogger(HeadTimeout.class);

    private final long limitNanos;
    private final ChannelHandler headsOut = newHeadsOut();
    private ScheduledFuture<?> timer;
    private boolean inRequest;

    HeadTimeout(Duration limit) {
        this.limitNanos = limit.toNanos();
    }

    /** The handler to place before the HTTP decoder. */
    ChannelHandler bytesIn() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                arm(ctx);
                ctx.fireChannelActive();
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof ByteBuf bytes && bytes.isReadable() && !inRequest && timer == null) {
                    arm(ctx);
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                disarm();
                ctx.fireChannelInactive();
            }
        };
    }

    /** The handler to place right after the HTTP decoder; the 408 is written from it. */
    ChannelHandler headsOut() {
        return headsOut;
    }

    private ChannelHandler newHeadsOut() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest) {
                    inRequest = true;
                    disarm();
                }
                if (msg instanceof LastHttpContent) {
                    inRequest = false;
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    private void arm(ChannelHandlerContext ctx) {
        disarm();
        timer = ctx.executor().schedule(() -> expired(ctx), limitNanos, TimeUnit.NANOSECONDS);
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expired(ChannelHandlerContext ctx) {
        timer = null;
        if (!ctx.channel().isActive() || inRequest) {
            return;
        }
        if (!ctx.channel().config().isAutoRead()) {
            arm(ctx);
            return;
        }
        log.debug(
                "request head not received in time, closing remote={}",
                ctx.channel().remoteAddress());
        Response error = Response.error(HttpResponseStatus.REQUEST_TIMEOUT, "request head not received in time");
        FullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, error.status(), Unpooled.wrappedBuffer(error.body()));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        LingeringClose.answerThenClose(ctx.pipeline().context(headsOut), response);
    }
}
