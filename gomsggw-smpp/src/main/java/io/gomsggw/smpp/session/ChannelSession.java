package io.gomsggw.smpp.session;

import io.gomsggw.smpp.pdu.BindMode;
import io.gomsggw.smpp.pdu.CommandId;
import io.gomsggw.smpp.pdu.EnquireLink;
import io.gomsggw.smpp.pdu.Pdu;
import io.gomsggw.smpp.pdu.RequestPdu;
import io.gomsggw.smpp.pdu.ResponsePdu;
import io.gomsggw.smpp.pdu.Unbind;
import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SmppSession} of one connection, on either side: its bind state, what the bind
 * established, the window of requests this side sent, and the graceful end. The handlers of
 * {@link SessionPipeline} drive it; it is not a handler itself.
 *
 * <p><b>Threading:</b> the {@link SmppSession} methods may be called from any thread and never
 * block; the package-private methods are for the handlers, on the channel's event loop.
 */
final class ChannelSession implements SmppSession {
    private static final Logger log = LoggerFactory.getLogger(ChannelSession.class);
    /** How long a refused or unbound connection stays open for the peer to read the answer and close. */
    private static final Duration LINGER = Duration.ofSeconds(1);

    private final Channel channel;
    private final SessionSide side;
    private final SessionSettings settings;
    private final boolean tls;
    private final SessionListener listener;
    private final InboundFlowControl flow;
    private final String id;
    private final SequenceNumbers sequence = new SequenceNumbers();
    private final RequestWindow window;
    private final CompletableFuture<SmppSession> bound = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private volatile InetSocketAddress remoteAddress;
    private volatile BindState state = BindState.OPEN;
    private volatile Binding binding = Binding.NONE;
    private volatile Instant lastSeen = Instant.now();
    /** The first error on the connection, which the bind stage fails with if it is still open; event loop only. */
    private Throwable failure;

    /** @param channel a registered channel (its event loop runs the session) */
    ChannelSession(
            Channel channel,
            SessionSide side,
            SessionSettings settings,
            boolean tls,
            SessionListener listener,
            InboundFlowControl flow) {
        this.channel = channel;
        this.side = side;
        this.settings = settings;
        this.tls = tls;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.flow = flow;
        this.id = channel.id().asShortText();
        this.remoteAddress = channel.remoteAddress() instanceof InetSocketAddress inet ? inet : null;
        this.window = new RequestWindow(id, settings, channel.eventLoop(), channel::writeAndFlush);
    }

    // ---------------------------------------------------------------- SmppSession

    @Override
    public String id() {
        return id;
    }

    @Override
    public String systemId() {
        return binding.systemId();
    }

    /** The bind mode; {@code null} before the bind. */
    @Override
    public BindMode mode() {
        return binding.mode();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** When the bind succeeded; {@code null} before. */
    @Override
    public Instant boundAt() {
        return binding.boundAt();
    }

    @Override
    public Instant lastSeen() {
        return lastSeen;
    }

    @Override
    public Object attachment() {
        return binding.attachment();
    }

    @Override
    public boolean isOpen() {
        return state == BindState.BOUND && channel.isActive();
    }

    @Override
    public boolean canSendMessages() {
        BindMode m = binding.mode();
        return state == BindState.BOUND && m != null && side.sendsMessages(m);
    }

    @Override
    public SessionBacklog backlog() {
        return flow.backlog(channel);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Also fails (with {@link IllegalStateException}) for a request this side may not send in
     * its bind mode — e.g. {@code deliver_sm} to a transmitter, or {@code submit_sm} from the
     * server — and for {@code bind}/{@code unbind}, which the session sends itself; and with
     * {@link IllegalArgumentException} when the built request does not carry the assigned
     * sequence number. Nothing is written in those cases.
     */
    @Override
    public CompletionStage<ResponsePdu> send(IntFunction<? extends RequestPdu> request) {
        Objects.requireNonNull(request, "request");
        BindMode m = binding.mode();
        if (state != BindState.BOUND || m == null) {
            return CompletableFuture.failedFuture(
                    new SmppSendException(SmppSendException.Reason.CLOSED, "session " + id + " is not bound"));
        }
        int seq = sequence.next();
        RequestPdu pdu;
        try {
            pdu = Objects.requireNonNull(request.apply(seq), "request built null");
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (pdu.sequenceNumber() != seq) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "request carries sequence number " + pdu.sequenceNumber() + " instead of the assigned " + seq));
        }
        if (!side.maySend(pdu, m) && !(pdu instanceof EnquireLink)) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    CommandId.name(pdu.commandId()) + " may not be sent by the " + side + " side of a " + m + " bind"));
        }
        if (!window.tryAdmit()) {
            return CompletableFuture.failedFuture(new SmppSendException(
                    SmppSendException.Reason.WINDOW_FULL, "window and queue of session " + id + " are full"));
        }
        CompletableFuture<ResponsePdu> response = new CompletableFuture<>();
        onLoop(() -> window.send(pdu, response), () -> {
            window.release();
            response.completeExceptionally(
                    new SmppSendException(SmppSendException.Reason.CLOSED, "session " + id + " is closed"));
        });
        return response;
    }

    @Override
    public CompletionStage<Void> unbind() {
        onLoop(this::startUnbind);
        return closed.copy();
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public String toString() {
        return "SmppSession[id=" + id + ", side=" + side + ", systemId=" + systemId() + ", mode=" + mode() + ", state="
                + state + ", remote=" + remoteAddress + "]";
    }

    // ---------------------------------------------------------------- for the handlers

    /** Completes with this session once bound; fails when the bind is refused or the connection closes first. */
    CompletionStage<SmppSession> bound() {
        return bound.copy();
    }

    SessionSide side() {
        return side;
    }

    /** The handler that bounds what the peer makes this session hold. */
    InboundFlowControl flowControl() {
        return flow;
    }

    SessionSettings settings() {
        return settings;
    }

    boolean isTls() {
        return tls;
    }

    BindState state() {
        return state;
    }

    void state(BindState next) {
        state = next;
    }

    RequestWindow window() {
        return window;
    }

    int nextSequenceNumber() {
        return sequence.next();
    }

    /** The connection is up; a client's channel learns its peer's address only now. */
    void activated() {
        if (remoteAddress == null && channel.remoteAddress() instanceof InetSocketAddress inet) {
            remoteAddress = inet;
        }
        touch();
    }

    /** The peer sent something. */
    void touch() {
        lastSeen = Instant.now();
    }

    /** The peer's real address, as a PROXY protocol header reported it. */
    void peer(InetSocketAddress address) {
        remoteAddress = address;
    }

    /** Writes {@code pdu} through the whole pipeline. */
    void write(Pdu pdu) {
        channel.writeAndFlush(pdu);
    }

    /** The bind succeeded: the session is bound, its listener and {@link #bound()} learn of it. */
    void bound(Binding established) {
        binding = established;
        state = BindState.BOUND;
        try {
            listener.onBound(this);
        } catch (RuntimeException e) {
            log.warn("smpp session listener failed on bind session={}", id, e);
        }
        bound.complete(this);
    }

    /** The bind failed: {@link #bound()} fails with the connection's first error, else {@code error}. */
    void bindFailed(Throwable error) {
        bound.completeExceptionally(failure != null ? failure : error);
    }

    /** Remembers the connection's first error. */
    void failed(Throwable error) {
        if (failure == null) {
            failure = error;
        }
    }

    /**
     * Closes the connection once the peer has had {@link #LINGER} to read the last response, or
     * earlier when the peer closes it. Some clients (jsmpp) lose a {@code bind_resp} or
     * {@code unbind_resp} when the end of stream follows it immediately.
     */
    void closeAfterLinger() {
        long nanos = Math.min(
                LINGER.toNanos(), Math.max(1, settings.responseTimeout().toNanos()));
        channel.eventLoop()
                .schedule(
                        () -> {
                            channel.close();
                        },
                        nanos,
                        TimeUnit.NANOSECONDS);
    }

    /** The connection closed: requests in flight fail, the listener hears of a bound session's end. */
    // Binding.NONE is a sentinel instance
    @SuppressWarnings("ReferenceEquality")
    void connectionClosed() {
        boolean wasBound = binding != Binding.NONE;
        state = BindState.CLOSED;
        window.close();
        bindFailed(new SmppSendException(SmppSendException.Reason.CLOSED, "connection closed before the bind"));
        if (wasBound) {
            log.info("smpp session closed session={} system_id={} remote={}", id, systemId(), remoteAddress);
            try {
                listener.onClosed(this);
            } catch (RuntimeException e) {
                log.warn("smpp session listener failed on close session={}", id, e);
            }
        }
        closed.complete(null);
    }

    /** The channel left its event loop, whether or not it was ever active. */
    void deregistered() {
        closed.complete(null);
    }

    private void startUnbind() {
        if (state == BindState.BOUND) {
            state = BindState.UNBINDING;
            log.info("smpp unbinding session={} system_id={}", id, systemId());
            CompletableFuture<ResponsePdu> response = new CompletableFuture<>();
            response.whenComplete((r, error) -> channel.close());
            window.sendUncounted(new Unbind(sequence.next()), response);
        } else if (state != BindState.UNBINDING) {
            channel.close();
        }
    }

    /** Runs {@code task} on the event loop (at once when already there); nothing if the loop is gone. */
    void onLoop(Runnable task) {
        onLoop(task, () -> {});
    }

    /** Runs {@code task} on the event loop (at once when already there); {@code rejected} if the loop is gone. */
    private void onLoop(Runnable task, Runnable rejected) {
        EventExecutor loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            rejected.run();
        }
    }
}
