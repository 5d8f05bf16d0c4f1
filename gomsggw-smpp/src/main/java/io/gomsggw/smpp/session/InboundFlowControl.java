package io.gomsggw.smpp.session;

import io.gomsggw.smpp.pdu.Bind;
import io.gomsggw.smpp.pdu.CommandStatus;
import io.gomsggw.smpp.pdu.EnquireLink;
import io.gomsggw.smpp.pdu.RequestPdu;
import io.gomsggw.smpp.pdu.ResponsePdu;
import io.gomsggw.smpp.pdu.Unbind;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.WriteBufferWaterMark;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what a peer can make the session hold bounded, however fast it sends and however slowly
 * it reads. It sits right after the PDU codec and counts the peer's PDUs that await an answer
 * (requests, and malformed PDUs that get an error response); every handler after it answers
 * through it.
 *
 * <ul>
 *   <li>At {@link SessionSettings#peerWindow()} unanswered PDUs it stops reading from the socket
 *       ({@code autoRead} off), so the peer's further requests wait in TCP buffers, not here.</li>
 *   <li>It stops reading too while the channel is not writable: more than
 *       {@link #HIGH_WATER_MARK} bytes of answers wait for the peer to read them (writable again
 *       below {@link #LOW_WATER_MARK}).</li>
 *   <li>It reads again once the channel is writable and at most half the window is unanswered.</li>
 *   <li>A message request ({@code submit_sm}, {@code data_sm}, {@code query_sm},
 *       {@code deliver_sm}) that arrives while the window is full or the channel not writable —
 *       the rest of the read under way when reading stopped, at most {@link #MAX_READ_BYTES} — is
 *       answered {@code ESME_RTHROTTLED} at once and goes no further. {@code bind},
 *       {@code unbind} and {@code enquire_link} are always passed on: they are answered at once,
 *       with answers no longer than themselves.</li>
 * </ul>
 *
 * <p>So the peer's unanswered requests stay at most {@code peerWindow}, and the bytes waiting for
 * it (as Netty counts them: each PDU plus about 96 octets of bookkeeping) at most
 * {@link #HIGH_WATER_MARK}, plus the answers to the rest of one read (each no longer than its
 * request; at most one per 16 octets of {@link #MAX_READ_BYTES} and the frame the read completes),
 * plus the answers to the requests in the window, plus this side's own window of requests. With
 * the defaults: under 200 KiB, under 140 KiB for a peer that sends only {@code submit_sm}. A peer
 * that reads nothing for {@link SessionSettings#idleTimeout()} while reading is stopped is closed
 * as idle.
 *
 * <p><b>Threading:</b> the channel's event loop; {@link #backlog} from any thread.
 */
// the counters are written on the channel's event loop only; volatile is for readers elsewhere
@SuppressWarnings("NonAtomicVolatileUpdate")
final class InboundFlowControl extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(InboundFlowControl.class);
    /** Above this many bytes waiting for the peer, the channel is not writable and reading stops. */
    static final int HIGH_WATER_MARK = 64 * 1024;
    /** Below this many bytes waiting for the peer, the channel is writable again. */
    static final int LOW_WATER_MARK = 32 * 1024;
    /**
     * The most bytes one read from the socket takes: small enough that the answers to one read
     * stay small, large enough for a few hundred {@code submit_sm} per read.
     */
    static final int MAX_READ_BYTES = 16 * 1024;

    private final String sessionId;
    private final int window;
    private final int resumeAt;

    // written on the event loop; volatile for backlog()
    private volatile int unanswered;
    private volatile int peakUnanswered;
    private volatile long peakQueuedBytes;
    private volatile long throttled;
    private volatile long readPauses;
    // event loop only
    private boolean paused;
    private boolean throttling;
    private boolean unflushed;

    InboundFlowControl(String sessionId, int window) {
        this.sessionId = sessionId;
        this.window = window;
        this.resumeAt = window / 2;
    }

    /** Sets the write-buffer water marks and the size of reads this handler's bounds assume. */
    static void configure(ChannelConfig config) {
        config.setWriteBufferWaterMark(new WriteBufferWaterMark(LOW_WATER_MARK, HIGH_WATER_MARK));
        config.setRecvByteBufAllocator(new AdaptiveRecvByteBufAllocator(64, 1024, MAX_READ_BYTES));
    }

    /** What the session holds now and held at most; any thread. */
    SessionBacklog backlog(Channel channel) {
        return new SessionBacklog(
                unanswered, queuedBytes(channel), peakUnanswered, peakQueuedBytes, throttled, readPauses);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof RequestPdu request) {
            if ((unanswered >= window || !ctx.channel().isWritable()) && answeredByTheApplication(request)) {
                throttle(ctx, request);
                return;
            }
            awaitAnswer(ctx);
        } else if (msg instanceof MalformedPdu bad && bad.error().response().isPresent()) {
            awaitAnswer(ctx);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (unflushed) {
            unflushed = false;
            ctx.flush();
            notePeak(ctx.channel());
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg, promise);
        notePeak(ctx.channel());
        if (msg instanceof ResponsePdu) {
            unanswered--;
            maybeResume(ctx);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        ctx.flush();
        notePeak(ctx.channel()); // a TLS handler holds what is written until the flush
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            maybeResume(ctx);
        } else {
            pause(ctx);
        }
        ctx.fireChannelWritabilityChanged();
    }

    private static boolean answeredByTheApplication(RequestPdu request) {
        return !(request instanceof Bind || request instanceof Unbind || request instanceof EnquireLink);
    }

    private void awaitAnswer(ChannelHandlerContext ctx) {
        int now = ++unanswered;
        if (now > peakUnanswered) {
            peakUnanswered = now;
        }
        if (now >= window) {
            pause(ctx);
        }
    }

    private void throttle(ChannelHandlerContext ctx, RequestPdu request) {
        if (!throttling) {
            throttling = true;
            log.info(
                    "smpp peer sends faster than it reads, answering ESME_RTHROTTLED session={} unanswered={} "
                            + "window={} writable={}",
                    sessionId,
                    unanswered,
                    window,
                    ctx.channel().isWritable());
        }
        throttled++;
        ctx.write(request.errorResponse(CommandStatus.ESME_RTHROTTLED));
        unflushed = true;
        notePeak(ctx.channel());
    }

    private void pause(ChannelHandlerContext ctx) {
        if (!paused) {
            paused = true;
            readPauses++;
            ctx.channel().config().setAutoRead(false);
            log.debug(
                    "smpp session stops reading session={} unanswered={} writable={}",
                    sessionId,
                    unanswered,
                    ctx.channel().isWritable());
        }
    }

    private void maybeResume(ChannelHandlerContext ctx) {
        if (paused && unanswered <= resumeAt && ctx.channel().isWritable()) {
            paused = false;
            throttling = false;
            log.debug("smpp session reads again session={} unanswered={}", sessionId, unanswered);
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void notePeak(Channel channel) {
        long queued = queuedBytes(channel);
        if (queued > peakQueuedBytes) {
            peakQueuedBytes = queued;
        }
    }

    private static long queuedBytes(Channel channel) {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }
}
