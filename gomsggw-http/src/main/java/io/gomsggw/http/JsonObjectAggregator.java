package io.gomsggw.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

/**
 * Netty's {@link HttpObjectAggregator} with the same rules for an over-long body, but whose 413
 * answers carry a JSON body {@code {"error":"request body exceeds N bytes"}} (and whose 417 for an
 * unsupported {@code Expect} header does too). The connection is
 * kept when the client can still be read cleanly (the body was announced too long and not sent
 * yet), and closed otherwise.
 */
final class JsonObjectAggregator extends HttpObjectAggregator {
    private final int maxContentLength;

    JsonObjectAggregator(int maxContentLength) {
        super(maxContentLength);
        this.maxContentLength = maxContentLength;
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object response = super.newContinueResponse(start, maxContentLength, pipeline);
        if (response instanceof FullHttpResponse full && full.status().code() != HttpResponseStatus.CONTINUE.code()) {
            HttpResponseStatus status = full.status();
            ReferenceCountUtil.release(full);
            return status.code() == HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code()
                    ? tooLarge(false)
                    : jsonError(status, "unsupported Expect header", false);
        }
        return response;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        boolean close = oversized instanceof FullHttpMessage
                || !ctx.channel().config().isAutoRead()
                || !HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized);
        ctx.writeAndFlush(tooLarge(close)).addListener(close ? ChannelFutureListener.CLOSE
                : ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    private FullHttpResponse tooLarge(boolean close) {
        return jsonError(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "request body exceeds " + maxContentLength + " bytes", close);
    }

    private static FullHttpResponse jsonError(HttpResponseStatus status, String message, boolean close) {
        Response error = Response.error(status, message);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, error.status(),
                Unpooled.wrappedBuffer(error.body()));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }
}
