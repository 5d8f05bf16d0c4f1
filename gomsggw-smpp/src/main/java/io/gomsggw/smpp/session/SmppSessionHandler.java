package io.gomsggw.smpp.session;

import io.gomsggw.smpp.pdu.Bind;
import io.gomsggw.smpp.pdu.BindMode;
import io.gomsggw.smpp.pdu.BindResp;
import io.gomsggw.smpp.pdu.CommandId;
import io.gomsggw.smpp.pdu.CommandStatus;
import io.gomsggw.smpp.pdu.EnquireLink;
import io.gomsggw.smpp.pdu.GenericNack;
import io.gomsggw.smpp.pdu.Pdu;
import io.gomsggw.smpp.pdu.PduDecodeException;
import io.gomsggw.smpp.pdu.RequestPdu;
import io.gomsggw.smpp.pdu.ResponsePdu;
import io.gomsggw.smpp.pdu.Unbind;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of an SMPP pipeline ({@link SessionPipeline}) and the {@link SmppSession} it
 * drives, for either side ({@link SessionSide}). One instance per connection.
 *
 * <p>It keeps the bind state and enforces it on what the peer sends: before the bind only
 * {@code bind_*} and {@code enquire_link} are answered normally (anything else gets its error
 * response with {@code ESME_RINVBNDSTS}); a second bind gets {@code ESME_RALYBND}; message
 * requests the bind mode does not allow get {@code ESME_RINVBNDSTS}. It answers
 * {@code enquire_link} and {@code unbind} itself, sends {@code enquire_link} when the line is idle
 * for {@link SessionSettings#enquireLinkInterval()}, closes the connection when the peer is silent
 * for {@link SessionSettings#idleTimeout()} or (server side) not bound within
 * {@link SessionSettings#bindTimeout()}, and hands the remaining requests to the
 * {@link SmppRequestHandler}. A malformed PDU is answered as {@link PduDecodeException#response()}
 * says and logged in one WARN line; the connection closes only when framing is lost. After a
 * refused bind or the peer's {@code unbind}, the answer is written and the connection closed when
 * the peer closes it, or at the latest one second (or the response timeout, if shorter) later.
 *
 * <p><b>Threading:</b> Netty calls it on the channel's event loop; the {@link SmppSession} methods
 * may be called from any thread and never block. Futures returned by {@link #send} and
 * {@link #unbind} complete on the event loop, so dependent stages added without an executor run
 * there and must not block.
 *
 * <p>Build one with {@link #smsc} or {@link #esme}; the server and the client do this.
 */
public final class SmppSessionHandler extends ChannelInboundHandlerAdapter implements SmppSession {
    private static final Logger log = LoggerFactory.getLogger(SmppSessionHandler.class);
    /** How long a refused or unbound connection stays open for the peer to read the answer and close. */
    private static final Duration LINGER = Duration.ofSeconds(1);

    private final SessionSide side;
    private final SessionSettings settings;
    private final SmppRequestHandler requests;
    private final SessionListener listener;
    private final boolean tls;
    /** SMSC side: decides binds. */
    private final BindGate gate;
    /** SMSC side: the system_id put in bind_resp. */
    private final String smscSystemId;
    /** ESME side: builds the bind to send from a sequence number. */
    private final IntFunction<Bind> bindRequest;

    private final SequenceNumbers sequence = new SequenceNumbers();
    private final CompletableFuture<SmppSession> bound = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private volatile Channel channel;
    private volatile String id = "-";
    private volatile InetSocketAddress remoteAddress;
    private volatile BindState state = BindState.OPEN;
    private volatile String systemId = "";
    private volatile BindMode mode;
    private volatile Instant boundAt;
    private volatile Instant lastSeen = Instant.now();
    private volatile Object attachment;
    private volatile RequestWindow window;

    // event loop only
    private ScheduledFuture<?> bindTimer;
    private Throwable failure;
    private boolean wasBound;

    private SmppSessionHandler(SessionSide side, SessionSettings settings, boolean tls, SmppRequestHandler requests,
                               SessionListener listener, BindGate gate, String smscSystemId,
                               IntFunction<Bind> bindRequest) {
        this.side = side;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tls = tls;
        this.requests = Objects.requireNonNull(requests, "requests");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.gate = gate;
        this.smscSystemId = smscSystemId;
        this.bindRequest = bindRequest;
    }

    /**
     * A server-side session: waits for a bind, lets {@code gate} decide it, then answers the
     * ESME's requests through {@code requests}.
     *
     * @param settings     limits and timers
     * @param smscSystemId the {@code system_id} put in a successful {@code bind_*_resp}
     * @param tls          whether the connection is TLS (reported to the gate)
     * @param gate         decides binds
     * @param requests     answers {@code submit_sm}, {@code data_sm} and {@code query_sm}
     * @param listener     learns of the bind and the close
     */
    public static SmppSessionHandler smsc(SessionSettings settings, String smscSystemId, boolean tls, BindGate gate,
                                          SmppRequestHandler requests, SessionListener listener) {
        return new SmppSessionHandler(SessionSide.SMSC, settings, tls, requests, listener,
                Objects.requireNonNull(gate, "gate"), Objects.requireNonNull(smscSystemId, "smscSystemId"), null);
    }

    /**
     * A client-side session: sends the bind {@code bindRequest} builds as soon as the connection
     * is up; {@link #bound()} tells the outcome.
     *
     * @param settings    limits and timers; the bind waits {@code responseTimeout} for its response
     * @param tls         whether the connection is TLS
     * @param bindRequest builds the bind from the sequence number the session assigns
     * @param requests    answers {@code deliver_sm} and {@code data_sm}
     * @param listener    learns of the bind and the close
     */
    public static SmppSessionHandler esme(SessionSettings settings, boolean tls, IntFunction<Bind> bindRequest,
                                          SmppRequestHandler requests, SessionListener listener) {
        return new SmppSessionHandler(SessionSide.ESME, settings, tls, requests, listener, null, null,
                Objects.requireNonNull(bindRequest, "bindRequest"));
    }

    /**
     * Completes with this session once bound; fails with {@link SmppBindException} when the bind is
     * refused, {@link SmppSendException} ({@code TIMEOUT}) when its response does not come, or the
     * error that closed the connection first.
     */
    public CompletionStage<SmppSession> bound() {
        return bound.copy();
    }

    /** Completes when the connection is closed. */
    public CompletionStage<Void> closeFuture() {
        return closed.copy();
    }

    /** Which side of the connection this session is. */
    public SessionSide side() {
        return side;
    }

    /** Whether the connection is TLS. */
    public boolean isTls() {
        return tls;
    }

    // ---------------------------------------------------------------- SmppSession

    @Override
    public String id() {
        return id;
    }

    @Override
    public String systemId() {
        return systemId;
    }

    /** The bind mode; {@code null} before the bind. */
    @Override
    public BindMode mode() {
        return mode;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** When the bind succeeded; {@code null} before. */
    @Override
    public Instant boundAt() {
        return boundAt;
    }

    @Override
    public Instant lastSeen() {
        return lastSeen;
    }

    @Override
    public Object attachment() {
        return attachment;
    }

    @Override
    public boolean isOpen() {
        Channel ch = channel;
        return state == BindState.BOUND && ch != null && ch.isActive();
    }

    @Override
    public boolean canSendMessages() {
        BindMode m = mode;
        return state == BindState.BOUND && m != null && side.sendsMessages(m);
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
        RequestWindow w = window;
        BindMode m = mode;
        if (state != BindState.BOUND || w == null || m == null) {
            return CompletableFuture.failedFuture(new SmppSendException(SmppSendException.Reason.CLOSED,
                    "session " + id + " is not bound"));
        }
        int seq = sequence.next();
        RequestPdu pdu;
        try {
            pdu = Objects.requireNonNull(request.apply(seq), "request built null");
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (pdu.sequenceNumber() != seq) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("request carries sequence number "
                    + pdu.sequenceNumber() + " instead of the assigned " + seq));
        }
        if (!side.maySend(pdu, m) && !(pdu instanceof EnquireLink)) {
            return CompletableFuture.failedFuture(new IllegalStateException(CommandId.name(pdu.commandId())
                    + " may not be sent by the " + side + " side of a " + m + " bind"));
        }
        if (!w.tryAdmit()) {
            return CompletableFuture.failedFuture(new SmppSendException(SmppSendException.Reason.WINDOW_FULL,
                    "window and queue of session " + id + " are full"));
        }
        CompletableFuture<ResponsePdu> response = new CompletableFuture<>();
        onLoop(() -> w.send(pdu, response), () -> {
            w.release();
            response.completeExceptionally(new SmppSendException(SmppSendException.Reason.CLOSED,
                    "session " + id + " is closed"));
        });
        return response;
    }

    @Override
    public CompletionStage<Void> unbind() {
        if (channel == null) {
            return CompletableFuture.completedFuture(null);
        }
        onLoop(this::startUnbind, () -> {
        });
        return closed.copy();
    }

    @Override
    public void close() {
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    @Override
    public String toString() {
        return "SmppSession[id=" + id + ", side=" + side + ", systemId=" + systemId + ", mode=" + mode
                + ", state=" + state + ", remote=" + remoteAddress + "]";
    }

    // ---------------------------------------------------------------- Netty

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        id = ch.id().asShortText();
        remoteAddress = (InetSocketAddress) ch.remoteAddress();
        window = new RequestWindow(id, settings, ctx.executor(), pdu -> ch.writeAndFlush(pdu));
        channel = ch;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (remoteAddress == null) {
            remoteAddress = (InetSocketAddress) ctx.channel().remoteAddress();
        }
        lastSeen = Instant.now();
        if (side == SessionSide.SMSC) {
            long nanos = settings.bindTimeout().toNanos();
            if (nanos > 0) {
                bindTimer = ctx.executor().schedule(this::bindTimedOut, nanos, TimeUnit.NANOSECONDS);
            }
        } else {
            sendBind();
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Pdu pdu) {
                lastSeen = Instant.now();
                if (pdu instanceof ResponsePdu response) {
                    onResponse(response);
                } else {
                    onRequest((RequestPdu) pdu);
                }
            } else if (msg instanceof MalformedPdu bad) {
                lastSeen = Instant.now();
                onMalformed(bad.error());
            } else if (msg instanceof HAProxyMessage proxy) {
                onProxyHeader(proxy);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.READER_IDLE) {
                log.info("smpp session idle, closing session={} system_id={} idle={}", id, systemId,
                        settings.idleTimeout());
                ctx.close();
            } else if (idle.state() == IdleState.ALL_IDLE && state == BindState.BOUND) {
                sendEnquireLink();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        Throwable root = cause.getCause() != null ? cause.getCause() : cause;
        if (cause instanceof IOException) {
            log.debug("smpp connection error session={} remote={} error={}", id, remoteAddress, cause.toString());
        } else if (root instanceof NotSslRecordException) {
            // its message dumps the bytes received, which may hold a plain-text bind's password
            log.warn("smpp connection error, closing session={} remote={} error=plain text on the TLS listener",
                    id, remoteAddress);
        } else {
            log.warn("smpp connection error, closing session={} remote={} error={}", id, remoteAddress,
                    root.toString());
            log.debug("smpp connection error session={}", id, cause);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = BindState.CLOSED;
        if (bindTimer != null) {
            bindTimer.cancel(false);
        }
        window.close();
        if (!bound.isDone()) {
            bound.completeExceptionally(failure != null ? failure
                    : new SmppSendException(SmppSendException.Reason.CLOSED, "connection closed before the bind"));
        }
        if (wasBound) {
            log.info("smpp session closed session={} system_id={} remote={}", id, systemId, remoteAddress);
            try {
                listener.onClosed(this);
            } catch (RuntimeException e) {
                log.warn("smpp session listener failed on close session={}", id, e);
            }
        }
        closed.complete(null);
        ctx.fireChannelInactive();
    }

    @Override
    public void channelUnregistered(ChannelHandlerContext ctx) {
        closed.complete(null); // a channel that never became active
        ctx.fireChannelUnregistered();
    }

    // ---------------------------------------------------------------- inbound

    private void onProxyHeader(HAProxyMessage proxy) {
        if (proxy.command() != HAProxyCommand.PROXY || proxy.sourceAddress() == null) {
            return;
        }
        InetAddress source = NetUtil.createInetAddressFromIpAddressString(proxy.sourceAddress());
        if (source != null) {
            remoteAddress = new InetSocketAddress(source, proxy.sourcePort());
            log.debug("smpp proxied connection session={} remote={}", id, remoteAddress);
        }
    }

    private void onResponse(ResponsePdu response) {
        if (!window.complete(response)) {
            log.debug("smpp response dropped, no request waits for it session={} command={} seq={}", id,
                    CommandId.name(response.commandId()), response.sequenceNumber());
        }
    }

    private void onRequest(RequestPdu request) {
        if (request instanceof Bind bind) {
            onBind(bind);
        } else if (request instanceof EnquireLink enquire) {
            channel.writeAndFlush(enquire.okResponse());
        } else if (request instanceof Unbind unbind) {
            onUnbind(unbind);
        } else if (!state.acceptsMessages() || !side.mayReceive(request, mode)) {
            channel.writeAndFlush(request.errorResponse(CommandStatus.ESME_RINVBNDSTS));
        } else {
            dispatch(request);
        }
    }

    private void onBind(Bind bind) {
        if (state.acceptsMessages() || state == BindState.BINDING && side == SessionSide.SMSC) {
            channel.writeAndFlush(bind.errorResponse(CommandStatus.ESME_RALYBND));
        } else if (side == SessionSide.ESME || state != BindState.OPEN) {
            channel.writeAndFlush(bind.errorResponse(CommandStatus.ESME_RINVBNDSTS));
        } else {
            state = BindState.BINDING;
            CompletionStage<Object> decision;
            try {
                decision = Objects.requireNonNull(gate.admit(bind, remoteAddress, tls), "bind gate returned null");
            } catch (RuntimeException e) {
                decision = CompletableFuture.failedFuture(e);
            }
            decision.whenComplete((accepted, error) -> onLoop(() -> bindDecided(bind, accepted, error), () -> {
            }));
        }
    }

    private void bindDecided(Bind bind, Object accepted, Throwable error) {
        if (state != BindState.BINDING) {
            return; // closed meanwhile
        }
        if (error != null) {
            Throwable cause = unwrap(error);
            int status = CommandStatus.ESME_RBINDFAIL.code();
            String reason = cause.toString();
            if (cause instanceof SmppBindException refused) {
                status = refused.commandStatus() != 0 ? refused.commandStatus() : status;
                reason = refused.getMessage();
            } else {
                log.warn("smpp bind failed session={} system_id={} remote={} error={}", id, bind.systemId(),
                        remoteAddress, cause.toString());
            }
            log.info("smpp bind refused session={} system_id={} mode={} remote={} status={} reason={}", id,
                    bind.systemId(), bind.mode(), remoteAddress, CommandStatus.name(status), reason);
            state = BindState.CLOSED;
            channel.writeAndFlush(bind.errorResponse(status));
            closeSoon();
            return;
        }
        cancelBindTimer();
        systemId = bind.systemId();
        mode = bind.mode();
        attachment = accepted;
        boundAt = Instant.now();
        state = BindState.BOUND;
        wasBound = true;
        channel.writeAndFlush(bind.okResponse(smscSystemId));
        log.info("smpp session bound session={} system_id={} mode={} remote={} tls={}", id, systemId, mode,
                remoteAddress, tls);
        notifyBound();
    }

    private void onUnbind(Unbind unbind) {
        if (!state.acceptsMessages()) {
            channel.writeAndFlush(unbind.errorResponse(CommandStatus.ESME_RINVBNDSTS));
            return;
        }
        state = BindState.UNBINDING;
        log.info("smpp unbind received session={} system_id={}", id, systemId);
        channel.writeAndFlush(unbind.okResponse());
        closeSoon();
    }

    /**
     * Closes the connection once the peer has had {@link #LINGER} to read the last response, or
     * earlier when the peer closes it. Some clients (jsmpp) lose a {@code bind_resp} or
     * {@code unbind_resp} when the end of stream follows it immediately.
     */
    private void closeSoon() {
        Channel ch = channel;
        ch.eventLoop().schedule(() -> {
            ch.close();
        }, Math.min(LINGER.toNanos(), Math.max(1, settings.responseTimeout().toNanos())), TimeUnit.NANOSECONDS);
    }

    private void dispatch(RequestPdu request) {
        CompletionStage<? extends ResponsePdu> answer;
        try {
            answer = Objects.requireNonNull(requests.onRequest(this, request), "request handler returned null");
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((response, error) -> channel.writeAndFlush(checkedResponse(request, response, error)));
    }

    /** The handler's response if it fits the request, else {@code ESME_RSYSERR}. */
    private ResponsePdu checkedResponse(RequestPdu request, ResponsePdu response, Throwable error) {
        String command = CommandId.name(request.commandId());
        if (error != null) {
            Throwable cause = unwrap(error);
            if (expected(cause)) {
                log.warn("smpp request failed session={} command={} seq={} error={}", id, command,
                        request.sequenceNumber(), cause.toString());
            } else {
                log.warn("smpp request failed session={} command={} seq={}", id, command, request.sequenceNumber(),
                        cause);
            }
            return request.errorResponse(CommandStatus.ESME_RSYSERR);
        }
        boolean fits = response != null && response.sequenceNumber() == request.sequenceNumber()
                && (response.commandId() == (request.commandId() | CommandId.RESPONSE_MASK)
                || response instanceof GenericNack);
        if (!fits) {
            log.warn("smpp request handler answered with a mismatched response session={} command={} seq={} "
                    + "response={}", id, command, request.sequenceNumber(), response);
            return request.errorResponse(CommandStatus.ESME_RSYSERR);
        }
        return response;
    }

    /** Failures that are part of operation (I/O, timeouts, refusals), logged without a stack trace. */
    private static boolean expected(Throwable cause) {
        return !(cause instanceof RuntimeException || cause instanceof Error)
                || cause instanceof SmppSendException || cause instanceof SmppBindException;
    }

    private void onMalformed(PduDecodeException error) {
        Optional<ResponsePdu> response = error.response();
        String command = error.commandId().isPresent() ? CommandId.name(error.commandId().getAsInt()) : "?";
        log.warn("smpp malformed pdu session={} remote={} command={} seq={} status={} framing_lost={} reason={}",
                id, remoteAddress, command, error.sequenceNumber().isPresent() ? error.sequenceNumber().getAsInt() : "?",
                CommandStatus.name(error.commandStatus()), error.framingLost(), error.getMessage());
        if (error.framingLost()) {
            if (response.isPresent()) {
                channel.writeAndFlush(response.get()).addListener(ChannelFutureListener.CLOSE);
            } else {
                channel.close();
            }
        } else {
            response.ifPresent(channel::writeAndFlush);
        }
    }

    // ---------------------------------------------------------------- outbound

    private void sendBind() {
        state = BindState.BINDING;
        Bind bind;
        try {
            bind = bindRequest.apply(sequence.next());
        } catch (RuntimeException e) {
            bound.completeExceptionally(e);
            channel.close();
            return;
        }
        CompletableFuture<ResponsePdu> response = new CompletableFuture<>();
        response.whenComplete((r, error) -> bindAnswered(bind, r, error));
        window.sendUncounted(bind, response);
    }

    private void bindAnswered(Bind bind, ResponsePdu response, Throwable error) {
        if (state != BindState.BINDING) {
            return;
        }
        if (error != null) {
            bound.completeExceptionally(failure != null ? failure : unwrap(error));
            channel.close();
        } else if (response instanceof BindResp ok && ok.isOk()) {
            systemId = bind.systemId();
            mode = bind.mode();
            boundAt = Instant.now();
            state = BindState.BOUND;
            wasBound = true;
            log.info("smpp client bound session={} system_id={} mode={} remote={} smsc={}", id, systemId, mode,
                    remoteAddress, ok.systemId());
            notifyBound();
        } else {
            log.info("smpp client bind refused session={} system_id={} remote={} status={}", id, bind.systemId(),
                    remoteAddress, CommandStatus.name(response.commandStatus()));
            bound.completeExceptionally(new SmppBindException(response.commandStatus(),
                    "bind of " + bind.systemId() + " refused by " + remoteAddress));
            channel.close();
        }
    }

    private void notifyBound() {
        try {
            listener.onBound(this);
        } catch (RuntimeException e) {
            log.warn("smpp session listener failed on bind session={}", id, e);
        }
        bound.complete(this);
    }

    private void sendEnquireLink() {
        CompletableFuture<ResponsePdu> response = new CompletableFuture<>();
        response.whenComplete((r, error) -> {
            if (error instanceof SmppSendException e && e.reason() == SmppSendException.Reason.TIMEOUT) {
                log.info("smpp enquire_link unanswered, closing session={} system_id={}", id, systemId);
                channel.close();
            }
        });
        window.sendUncounted(new EnquireLink(sequence.next()), response);
    }

    private void startUnbind() {
        if (state == BindState.BOUND) {
            state = BindState.UNBINDING;
            log.info("smpp unbinding session={} system_id={}", id, systemId);
            CompletableFuture<ResponsePdu> response = new CompletableFuture<>();
            response.whenComplete((r, error) -> channel.close());
            window.sendUncounted(new Unbind(sequence.next()), response);
        } else if (state != BindState.UNBINDING) {
            channel.close();
        }
    }

    private void bindTimedOut() {
        if (state == BindState.OPEN || state == BindState.BINDING) {
            log.info("smpp connection not bound in time, closing session={} remote={} bind_timeout={}", id,
                    remoteAddress, settings.bindTimeout());
            channel.close();
        }
    }

    private void cancelBindTimer() {
        if (bindTimer != null) {
            bindTimer.cancel(false);
            bindTimer = null;
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Runs {@code task} on the event loop (at once when already there); {@code rejected} if the loop is gone. */
    private void onLoop(Runnable task, Runnable rejected) {
        Channel ch = channel;
        if (ch == null) {
            rejected.run();
            return;
        }
        EventExecutor loop = ch.eventLoop();
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

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
