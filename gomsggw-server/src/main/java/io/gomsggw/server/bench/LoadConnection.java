package io.gomsggw.server.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * One keep-alive HTTP/1.1 connection of the load generator, with one request in flight at a time.
 * It takes requests from the {@link LoadPlan}, sends each when it is due, and records the status
 * and the latency (from the intended send time) of every measured answer. When the server closes
 * the connection it connects again; a request lost that way, or unanswered for
 * {@value #ANSWER_TIMEOUT_SECONDS} seconds, counts as a failure.
 *
 * <p>Everything but {@link #connect()} and {@link #begin} runs on the connection's own event loop,
 * so its state needs no locks; {@link #latency()} and {@link #statuses()} are read once
 * {@link #begin}'s future has completed.
 */
final class LoadConnection {
    static final int ANSWER_TIMEOUT_SECONDS = 60;

    private final Bootstrap bootstrap;
    private final EventLoop loop;
    private final SendRequest request;
    private final LongAdder answered;
    private final Histogram latency = new Histogram(3);
    private final StatusTally statuses = new StatusTally();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    private ChannelFuture connecting;
    private LoadPlan plan;
    private Channel channel;
    private LoadPlan.Ticket pending;
    private boolean sent;
    private int status;
    private boolean keepAlive;
    private long lastAnswerNanos;
    private boolean done;

    /**
     * @param bootstrap the client bootstrap (group, channel type, options); cloned onto {@code loop}
     * @param loop      the event loop this connection lives on, through reconnects
     * @param answered  counts every answer of the run, for progress lines
     */
    LoadConnection(Bootstrap bootstrap, EventLoop loop, SendRequest request, LongAdder answered) {
        this.loop = loop;
        this.request = request;
        this.answered = answered;
        this.bootstrap = bootstrap.clone(loop).handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline()
                        .addLast("codec", new HttpClientCodec())
                        .addLast("timeout", new IdleStateHandler(ANSWER_TIMEOUT_SECONDS, 0, 0))
                        .addLast("answers", new Answers());
            }
        });
    }

    /** Opens the connection; the future fails when the gateway cannot be reached. */
    ChannelFuture connect() {
        connecting = bootstrap.connect();
        return connecting;
    }

    /**
     * Starts sending the requests of {@code plan}, once {@link #connect()} has succeeded.
     *
     * @return completes when the plan has no more requests for this connection and its last
     *         answer has come, or when it cannot connect again
     */
    CompletableFuture<Void> begin(LoadPlan plan) {
        loop.execute(() -> {
            this.plan = plan;
            this.channel = connecting.channel();
            if (channel.isActive()) {
                sendNext();
            } else {
                dropped(channel); // closed since it connected: connect again
            }
        });
        return finished;
    }

    Histogram latency() {
        return latency;
    }

    StatusTally statuses() {
        return statuses;
    }

    /** When the last measured answer came ({@link System#nanoTime()}), 0 if none did. */
    long lastAnswerNanos() {
        return lastAnswerNanos;
    }

    private void sendNext() {
        LoadPlan.Ticket ticket = plan.next(System.nanoTime());
        if (ticket == null) {
            finish();
            return;
        }
        pending = ticket;
        sent = false;
        Channel current = channel;
        long delay = ticket.intendedNanos() - System.nanoTime();
        if (delay > 0) {
            loop.schedule(() -> send(current, ticket), delay, TimeUnit.NANOSECONDS);
        } else {
            send(current, ticket);
        }
    }

    // identity: the very ticket and channel this send was for
    @SuppressWarnings("ReferenceEquality")
    private void send(Channel on, LoadPlan.Ticket ticket) {
        if (pending != ticket || on != channel) {
            return; // the connection dropped while the request waited; channelInactive counted it
        }
        sent = true;
        on.writeAndFlush(request.create(), on.voidPromise());
    }

    private void answer(Channel on) {
        LoadPlan.Ticket ticket = pending;
        pending = null;
        sent = false;
        answered.increment();
        if (ticket != null && ticket.measured()) {
            long now = System.nanoTime();
            latency.recordValue(Math.max(0, now - ticket.intendedNanos()));
            statuses.answer(status);
            lastAnswerNanos = now;
        }
        if (keepAlive) {
            sendNext();
        } else {
            on.close(); // channelInactive connects again
        }
    }

    private void dropped(Channel on) {
        if (on != channel) {
            return;
        }
        channel = null;
        if (pending != null && pending.measured()) {
            statuses.failure();
        }
        pending = null;
        if (done) {
            return;
        }
        bootstrap.connect().addListener((ChannelFutureListener) future -> {
            if (future.isSuccess()) {
                channel = future.channel();
                sendNext();
            } else {
                finish();
            }
        });
    }

    private void finish() {
        if (done) {
            return;
        }
        done = true;
        if (channel != null) {
            channel.close();
        }
        finished.complete(null);
    }

    /** Reads the answers of one channel. */
    private final class Answers extends SimpleChannelInboundHandler<HttpObject> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
            if (message.decoderResult().isFailure()) {
                ctx.close();
                return;
            }
            if (message instanceof HttpResponse response) {
                status = response.status().code();
                keepAlive = HttpUtil.isKeepAlive(response);
            }
            if (message instanceof LastHttpContent) {
                answer(ctx.channel());
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent && sent) {
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            dropped(ctx.channel());
        }
    }
}
