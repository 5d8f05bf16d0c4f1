package io.gomsggw.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;

/**
 * Collects each request's body into one array, within two limits: a body may be at most
 * {@code maxBodyBytes} long, and all bodies in flight together at most what the {@link BodyBudget}
 * holds. Passes on one {@link ReceivedRequest} per request, in order.
 *
 * <ul>
 *   <li>A body announced longer than the limit ({@code Content-Length}) is refused with 413 before
 *       it is read; one that grows past it while arriving (chunked) is refused when it does.
 *   <li>A body the budget cannot hold now is refused with 503 and {@code Retry-After: 1}, before
 *       it is read when its length is announced.
 *   <li>A refused body is read and dropped, so the connection stays usable; with
 *       {@code Expect: 100-continue} the client is told not to send it at all. Other expectations
 *       get 417.
 *   <li>A request line or headers over the decoder's limits get 414 or 431, other malformed input
 *       400, and the connection closes (the decoder cannot find the next request).
 * </ul>
 *
 * <p>One instance per connection, used on its event loop only.
 */
final class BodyAggregator extends ChannelInboundHandlerAdapter {
    private final int maxBodyBytes;
    private final BodyBudget budget;
    private final int maxLineBytes;
    private final int maxHeaderBytes;
    private HttpRequest head;
    private BodyBuffer body;
    private boolean discarding;
    private Response deferred;
    private boolean broken;

    BodyAggregator(int maxBodyBytes, BodyBudget budget, int maxLineBytes, int maxHeaderBytes) {
        this.maxBodyBytes = maxBodyBytes;
        this.budget = budget;
        this.maxLineBytes = maxLineBytes;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (broken) {
                return;
            }
            if (msg instanceof HttpRequest request) {
                onHead(ctx, request);
            }
            if (msg instanceof HttpContent content && !broken) {
                onContent(ctx, content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onHead(ChannelHandlerContext ctx, HttpRequest request) {
        dropBody();
        discarding = false;
        deferred = null;
        if (!request.decoderResult().isSuccess()) {
            broken = true;
            refuse(ctx, malformedHead(request.decoderResult().cause()), true);
            return;
        }
        if (unsupportedExpectation(request)) {
            refuseBody(
                    ctx, request, Response.error(HttpResponseStatus.EXPECTATION_FAILED, "unsupported Expect header"));
            return;
        }
        long length = HttpUtil.getContentLength(request, -1L);
        if (length > maxBodyBytes) {
            refuseBody(ctx, request, tooLarge());
            return;
        }
        body = BodyBuffer.reserve(budget, length, maxBodyBytes);
        if (body == null) {
            refuseBody(ctx, request, noMemory());
            return;
        }
        head = request;
        if (HttpUtil.is100ContinueExpected(request)) {
            request.headers().remove(HttpHeaderNames.EXPECT);
            ctx.writeAndFlush(new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
        }
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (!content.decoderResult().isSuccess()) {
            dropBody();
            broken = true;
            refuse(ctx, Response.error(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request"), true);
            return;
        }
        if (discarding || body == null) {
            if (last) {
                endDiscard(ctx);
            }
            return;
        }
        BodyBuffer.Overflow overflow = body.append(content.content());
        if (overflow != BodyBuffer.Overflow.NONE) {
            HttpRequest request = head;
            dropBody();
            refuseBody(ctx, request, overflow == BodyBuffer.Overflow.TOO_LARGE ? tooLarge() : noMemory());
            if (last) {
                endDiscard(ctx);
            }
            return;
        }
        if (last) {
            byte[] bytes = body.finish();
            if (bytes == null) {
                dropBody();
                refuse(ctx, noMemory(), false);
                return;
            }
            ReceivedRequest complete = new ReceivedRequest.Complete(head, bytes, body.reservation());
            body = null;
            head = null;
            ctx.fireChannelRead(complete);
        }
    }

    /** An {@code Expect} header other than {@code 100-continue} (HTTP/1.1 knows no other expectation). */
    private static boolean unsupportedExpectation(HttpRequest request) {
        String expect = request.headers().get(HttpHeaderNames.EXPECT);
        return expect != null
                && request.protocolVersion().compareTo(HttpVersion.HTTP_1_1) >= 0
                && !HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect);
    }

    /**
     * Drops the request's body as it arrives, and answers now; or, when the connection closes
     * after the answer and the client does not wait for one before it sends (no {@code Expect}),
     * once the body is dropped: closing while the client still sends would reset the connection,
     * and the client might never read the answer.
     */
    private void refuseBody(ChannelHandlerContext ctx, HttpRequest request, Response response) {
        discarding = true;
        if (HttpUtil.isKeepAlive(request) || request.headers().contains(HttpHeaderNames.EXPECT)) {
            refuse(ctx, response, false);
        } else {
            deferred = response;
        }
    }

    private void endDiscard(ChannelHandlerContext ctx) {
        discarding = false;
        if (deferred != null) {
            refuse(ctx, deferred, false);
            deferred = null;
        }
    }

    private static void refuse(ChannelHandlerContext ctx, Response response, boolean close) {
        ctx.fireChannelRead(new ReceivedRequest.Refused(response, close));
    }

    private Response malformedHead(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return Response.error(
                    HttpResponseStatus.REQUEST_URI_TOO_LONG, "request line longer than " + maxLineBytes + " bytes");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return Response.error(
                    HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "request headers longer than " + maxHeaderBytes + " bytes");
        }
        return Response.error(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
    }

    private Response tooLarge() {
        return Response.error(
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "request body exceeds " + maxBodyBytes + " bytes");
    }

    private static Response noMemory() {
        return Response.error(
                        HttpResponseStatus.SERVICE_UNAVAILABLE, "too many large requests in progress, retry later")
                .withHeader("Retry-After", "1");
    }

    private void dropBody() {
        if (body != null) {
            body.reservation().release();
            body = null;
        }
        head = null;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // The dispatcher pauses reading while it answers; a body under way is still read to its end.
        if ((body != null || discarding) && !ctx.channel().config().isAutoRead()) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        dropBody();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        dropBody();
    }
}
