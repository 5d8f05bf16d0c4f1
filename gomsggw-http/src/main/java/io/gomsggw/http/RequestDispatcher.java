package io.gomsggw.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each request of one connection to the router on the worker executor, never on the event
 * loop, and writes the response back. Requests of a connection are answered one at a time in
 * arrival order (pipelined requests wait, and reading pauses meanwhile). When the executor
 * refuses the work the client gets 503 with {@code Retry-After: 1}.
 *
 * <p>One instance per connection; its fields are touched only on the connection's event loop.
 */
final class RequestDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

    private final Router router;
    private final Executor executor;
    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    private boolean busy;

    RequestDispatcher(Router router, Executor executor) {
        this.router = router;
        this.executor = executor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest message) {
        if (!message.decoderResult().isSuccess()) {
            write(ctx, Response.error(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request"), true);
            return;
        }
        waiting.add(toRequest(ctx, message));
        ctx.channel().config().setAutoRead(false);
        if (!busy) {
            dispatchNext(ctx);
        }
    }

    private static Request toRequest(ChannelHandlerContext ctx, FullHttpRequest message) {
        QueryStringDecoder uri = new QueryStringDecoder(message.uri());
        return new Request(message.method(), uri.rawPath(), uri.rawQuery(), Map.copyOf(uri.parameters()),
                message.headers().copy(), ByteBufUtil.getBytes(message.content()), ipOf(ctx.channel().remoteAddress()));
    }

    private static String ipOf(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }

    private void dispatchNext(ChannelHandlerContext ctx) {
        Request request = waiting.poll();
        if (request == null || !ctx.channel().isActive()) {
            waiting.clear();
            busy = false;
            ctx.channel().config().setAutoRead(true);
            return;
        }
        busy = true;
        try {
            executor.execute(() -> {
                Response response = answer(request);
                ctx.executor().execute(() -> write(ctx, response, false));
            });
        } catch (RejectedExecutionException e) {
            log.warn("request rejected, workers saturated method={} path={}", request.method(), request.path());
            write(ctx, Response.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "server busy, retry later")
                    .withHeader("Retry-After", "1"), false);
        }
    }

    private Response answer(Request request) {
        try {
            return router.handle(request);
        } catch (RuntimeException | Error e) {
            log.error("request failed method={} path={}", request.method(), request.path(), e);
            return ErrorResponses.internalError();
        }
    }

    private void write(ChannelHandlerContext ctx, Response response, boolean close) {
        byte[] body = response.body();
        FullHttpResponse reply = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, response.status(),
                Unpooled.wrappedBuffer(body));
        response.headers().forEach(reply.headers()::set);
        if (!reply.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
            reply.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        }
        reply.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (close) {
            reply.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.writeAndFlush(reply).addListener(written -> dispatchNext(ctx));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent && !busy) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection closed after error remote={} error=\"{}\"", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
