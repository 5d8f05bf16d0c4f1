package io.gomsggw.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
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
 * arrival order (pipelined requests wait, and reading pauses meanwhile); a request the
 * {@link BodyAggregator} refused is answered in its turn too. When the executor refuses the work
 * the client gets 503 with {@code Retry-After: 1}. A body's share of the memory budget is given
 * back as soon as its handler has answered (or the connection closed).
 *
 * <p>One instance per connection; its fields are touched only on the connection's event loop.
 */
final class RequestDispatcher extends SimpleChannelInboundHandler<ReceivedRequest> {
    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

    /** A request waiting for its turn: to be handled, or answered as it is. */
    private record Pending(Request request, BodyBudget.Reservation reservation, Response refusal, boolean close) {
        void release() {
            if (reservation != null) {
                reservation.release();
            }
        }
    }

    private final RouteTable router;
    private final Executor executor;
    private final ForwardedFor forwardedFor;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private boolean busy;

    RequestDispatcher(RouteTable router, Executor executor, ForwardedFor forwardedFor) {
        this.router = router;
        this.executor = executor;
        this.forwardedFor = forwardedFor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ReceivedRequest received) {
        if (received instanceof ReceivedRequest.Complete complete) {
            waiting.add(new Pending(toRequest(ctx, complete), complete.reservation(), null, false));
        } else {
            ReceivedRequest.Refused refused = (ReceivedRequest.Refused) received;
            waiting.add(new Pending(null, null, refused.response(), refused.close()));
        }
        ctx.channel().config().setAutoRead(false);
        if (!busy) {
            dispatchNext(ctx);
        }
    }

    private Request toRequest(ChannelHandlerContext ctx, ReceivedRequest.Complete complete) {
        HttpRequest head = complete.head();
        QueryStringDecoder uri = new QueryStringDecoder(head.uri());
        Request request = new Request(
                head.method(),
                uri.rawPath(),
                uri.rawQuery(),
                Map.copyOf(uri.parameters()),
                head.headers(),
                complete.body(),
                clientAddress(ctx.channel().remoteAddress(), head));
        SocketAddress peer = ctx.channel().remoteAddress();
        return peer instanceof InetSocketAddress inet
                        && inet.getAddress() != null
                        && forwardedFor.trusts(inet.getAddress())
                ? request.fromTrustedProxy()
                : request;
    }

    private String clientAddress(SocketAddress peer, HttpRequest head) {
        if (peer instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return forwardedFor
                    .client(inet.getAddress(), head.headers().getAll("X-Forwarded-For"))
                    .getHostAddress();
        }
        return String.valueOf(peer);
    }

    private void dispatchNext(ChannelHandlerContext ctx) {
        Pending next = waiting.poll();
        if (next == null || !ctx.channel().isActive()) {
            if (next != null) {
                next.release();
            }
            releaseWaiting();
            busy = false;
            ctx.channel().config().setAutoRead(true);
            return;
        }
        busy = true;
        if (next.refusal() != null) {
            write(ctx, next.refusal(), next.close());
            return;
        }
        Request request = next.request();
        try {
            executor.execute(() -> {
                Response response;
                try {
                    response = answer(request);
                } finally {
                    next.release();
                }
                try {
                    ctx.executor().execute(() -> write(ctx, response, false));
                } catch (RejectedExecutionException stopped) {
                    // The server is stopping and the connection's event loop is gone: nobody to answer.
                    log.debug("answer dropped, server stopping path={}", request.path());
                }
            });
        } catch (RejectedExecutionException e) {
            next.release();
            log.warn("request rejected, workers saturated method={} path={}", request.method(), request.path());
            write(
                    ctx,
                    Response.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "server busy, retry later")
                            .withHeader("Retry-After", "1"),
                    false);
        }
    }

    private void releaseWaiting() {
        for (Pending pending : waiting) {
            pending.release();
        }
        waiting.clear();
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
        FullHttpResponse reply =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, response.status(), Unpooled.wrappedBuffer(body));
        response.headers().forEach(reply.headers()::set);
        if (!reply.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
            reply.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        }
        reply.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (close) {
            reply.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            releaseWaiting();
            LingeringClose.answerThenClose(ctx, reply);
            return;
        }
        ctx.writeAndFlush(reply).addListener(written -> dispatchNext(ctx));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        releaseWaiting();
        super.channelInactive(ctx);
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
        log.debug(
                "connection closed after error remote={} error=\"{}\"",
                ctx.channel().remoteAddress(),
                cause.toString());
        ctx.close();
    }
}
