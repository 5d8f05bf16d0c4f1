package io.gomsggw.mm4.smtp;

import io.gomsggw.mm4.smtp.SmtpFrameDecoder.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * One SMTP connection: the greeting, the reads, the timers, the pause while a message's reply is
 * pending, and the close. Commands are interpreted by {@link CommandHandler}. Event loop only,
 * except the completion of a {@link MailReceiver#onMessage} stage, which is handed back to it.
 *
 * <p>Flood control: the connection stops reading while a reply is pending, while commands held
 * meanwhile are still to be answered, and while its replies are not being read by the client (the
 * channel is not writable), so a client can make it hold no more than one read of pipelined
 * commands and about the write buffer's high-water mark of replies.
 */
final class SmtpSession<A> extends ChannelInboundHandlerAdapter {
    /**
     * Pipelined frames held while a reply is pending; beyond it the client is flooding. Reading
     * stops while a reply is pending, so what is held is at most the lines of the read in progress
     * (a 64 KiB read of empty lines is 32 768 of them).
     */
    private static final int MAX_PENDING_FRAMES = 100_000;

    private final SessionContext<A> context;
    private final SmtpFrameDecoder decoder;
    private final CommandHandler<A> commands;
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private boolean started;
    private boolean closing;
    private boolean awaitingReply;
    private boolean counted;
    private long lastReadNanos;
    private ScheduledFuture<?> timer;

    SmtpSession(SessionContext<A> context, SmtpFrameDecoder decoder) {
        this.context = context;
        this.decoder = decoder;
        this.commands = new CommandHandler<>(context, decoder, this);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        lastReadNanos = System.nanoTime();
        scheduleTimer(shortestTimeout());
        counted = true;
        if (context.counters.open.incrementAndGet() > context.settings.maxSessions()) {
            context.counters.overLimit.increment();
            closeWith(SmtpReply.of(421, context.settings.hostName() + " too many connections, try again later"));
            return;
        }
        if (!context.settings.proxyProtocol()) {
            start((InetSocketAddress) ctx.channel().remoteAddress());
        }
        ctx.fireChannelActive();
    }

    /** The source is known: asks the receiver and greets or refuses. */
    void start(InetSocketAddress source) {
        if (closing || started) {
            return;
        }
        started = true;
        context.source = source;
        ConnectDecision<A> decision;
        try {
            decision = context.receiver.onConnect(source);
        } catch (RuntimeException e) {
            SmtpLog.LOG.warn("mm4 smtp: onConnect failed source={} error={}", source, e.toString());
            closeWith(SmtpReply.of(421, context.settings.hostName() + " service not available, try again later"));
            return;
        }
        if (decision == null || !decision.accepted()) {
            context.counters.refused.increment();
            String reason = decision == null ? "refused" : decision.reason();
            SmtpLog.LOG.info("mm4 smtp: connection refused source={} reason={}", source, reason);
            closeWith(SmtpReply.of(554, context.settings.hostName() + " " + reason));
            return;
        }
        context.attachment = decision.attachment();
        context.clientKey = decision.clientKey();
        context.counters.accepted.increment();
        context.counters.clientOpened(context.clientKey);
        reply(SmtpReply.of(220, context.settings.hostName() + " ESMTP gomsggw MM4 ready"));
        ctx.flush();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastReadNanos = System.nanoTime();
        if (closing || !started) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (awaitingReply || !pending.isEmpty()) {
            pending.add(msg);
            if (pending.size() > MAX_PENDING_FRAMES) {
                closeWith(SmtpReply.of(421, context.settings.hostName() + " too many pipelined commands"));
            }
            return;
        }
        dispatch(msg);
    }

    private void dispatch(Object msg) {
        if (msg instanceof ByteBuf chunk) {
            try {
                commands.dataChunk(chunk);
            } finally {
                chunk.release();
            }
        } else if (msg == Frame.END_OF_DATA) {
            commands.endOfData();
        } else if (msg == Frame.LINE_TOO_LONG) {
            context.counters.commandErrors.increment();
            reply(SmtpReply.of(500, "5.5.2 line too long"));
        } else if (msg instanceof String line) {
            commands.command(line);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (commands.inData()) {
            SmtpTransports.acknowledgeNow(ctx.channel());
        }
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            drainPending();
        } else {
            updateAutoRead();
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** Hands the message to the receiver; the connection reads nothing further until the reply. */
    void awaitReply(Envelope envelope, Spool spool) {
        awaitingReply = true;
        updateAutoRead();
        CompletionStage<SmtpReply> stage;
        try {
            stage = context.receiver.onMessage(context.attachment, envelope, spool);
            if (stage == null) {
                stage = CompletableFuture.failedFuture(new NullPointerException("onMessage returned null"));
            }
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((reply, error) -> {
            spool.delete();
            ctx.executor().execute(() -> replyReady(reply, error));
        });
    }

    private void replyReady(SmtpReply reply, Throwable error) {
        SmtpReply answer = reply;
        if (error != null || reply == null) {
            SmtpLog.LOG.warn(
                    "mm4 smtp: onMessage failed client={} error={}",
                    context.clientKey,
                    error == null ? "null reply" : error.toString());
            answer = SmtpReply.tryLater("4.3.0 local error in processing, try again later");
        }
        (answer.isPositive() ? context.counters.messagesAccepted : context.counters.messagesRejected).increment();
        awaitingReply = false;
        if (closing) {
            return;
        }
        reply(answer);
        drainPending();
    }

    /**
     * Answers the commands held while a reply was pending, as long as the client reads its replies
     * (the channel stays writable; the rest waits for {@link #channelWritabilityChanged}). Reading
     * resumes once none is held.
     */
    private void drainPending() {
        while (!pending.isEmpty() && !awaitingReply && !closing && ctx.channel().isWritable()) {
            dispatch(pending.poll());
        }
        ctx.flush();
        updateAutoRead();
    }

    /** The connection. */
    Channel channel() {
        return ctx.channel();
    }

    /** Drops what was pipelined behind {@code STARTTLS}. */
    void dropPipelined() {
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
        decoder.dropBuffered();
    }

    private void updateAutoRead() {
        boolean ready =
                !closing && !awaitingReply && pending.isEmpty() && ctx.channel().isWritable();
        ctx.channel().config().setAutoRead(ready);
    }

    /** Queues {@code reply}; it is flushed at the end of the read (pipelined replies leave together). */
    void reply(SmtpReply reply) {
        ctx.write(Unpooled.wrappedBuffer(reply.encode()));
    }

    /** Sends {@code reply} and closes the connection. */
    void closeWith(SmtpReply reply) {
        if (closing) {
            return;
        }
        closing = true;
        commands.abandonData();
        ctx.writeAndFlush(Unpooled.wrappedBuffer(reply.encode())).addListener(ChannelFutureListener.CLOSE);
    }

    private long shortestTimeout() {
        return Math.min(
                context.settings.idleTimeout().toNanos(),
                context.settings.dataTimeout().toNanos());
    }

    private void scheduleTimer(long delayNanos) {
        timer = ctx.executor().schedule(this::checkTimeout, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void checkTimeout() {
        if (closing || !ctx.channel().isActive()) {
            return;
        }
        long limit = (commands.inData() ? context.settings.dataTimeout() : context.settings.idleTimeout()).toNanos();
        long idle = System.nanoTime() - lastReadNanos;
        if (awaitingReply || idle < limit) {
            // The state may change before then (into DATA, whose timeout may be shorter).
            scheduleTimer(awaitingReply ? shortestTimeout() : Math.min(limit - idle, shortestTimeout()));
            return;
        }
        context.counters.timeouts.increment();
        SmtpLog.LOG.info(
                "mm4 smtp: timeout client={} source={} in_data={}",
                context.clientKey,
                context.source,
                commands.inData());
        closeWith(SmtpReply.of(421, "4.4.2 " + context.settings.hostName() + " timeout, closing connection"));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == ServerShutdown.INSTANCE) {
            closeWith(SmtpReply.of(421, "4.3.2 " + context.settings.hostName() + " shutting down"));
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        if (timer != null) {
            timer.cancel(false);
        }
        commands.abandonData();
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
        if (context.clientKey != null) {
            context.counters.clientClosed(context.clientKey);
            try {
                context.receiver.onClose(context.attachment);
            } catch (RuntimeException e) {
                SmtpLog.LOG.warn("mm4 smtp: onClose failed client={} error={}", context.clientKey, e.toString());
            }
        }
        // Last, so that a session no longer counted as open has been through onClose.
        if (counted) {
            context.counters.open.decrementAndGet();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause.getCause() != null ? cause.getCause() : cause;
        if (cause instanceof HAProxyProtocolException || root instanceof HAProxyProtocolException) {
            SmtpLog.LOG.info(
                    "mm4 smtp: bad PROXY protocol header remote={} error={}",
                    ctx.channel().remoteAddress(),
                    root.getMessage());
        } else if (root instanceof SSLException || root instanceof NotSslRecordException) {
            SmtpLog.LOG.info(
                    "mm4 smtp: TLS failed client={} source={} error={}",
                    context.clientKey,
                    context.source,
                    root.getMessage());
        } else if (root instanceof IOException) {
            SmtpLog.LOG.debug("mm4 smtp: connection error client={} error={}", context.clientKey, root.toString());
        } else {
            SmtpLog.LOG.warn(
                    "mm4 smtp: unexpected error client={} source={} error={}",
                    context.clientKey,
                    context.source,
                    root.toString());
        }
        closing = true;
        ctx.close();
    }
}
