package io.gomsggw.smpp.session;

import io.gomsggw.smpp.pdu.Bind;
import io.gomsggw.smpp.pdu.CommandStatus;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of the bind (SMPP 3.4 section 2.2). A connection is first admitted by the
 * {@link BindGate} once its peer's address is known ({@link BindGate#connected}; refused: closed at
 * once), and closed when not bound within {@link SessionSettings#bindTimeout()}. The first
 * {@code bind_*} is decided by the gate: accepted, the session is bound and answered with the
 * server's {@code system_id}; refused, it is answered with the refusal's status (an unexpected
 * failure: {@code ESME_RBINDFAIL}) and the connection closes after a linger. Any further bind is
 * answered {@code ESME_RALYBND} while one is decided or the session is bound, and
 * {@code ESME_RINVBNDSTS} after a refusal. Event loop only.
 */
final class SmscHandshake extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(SmscHandshake.class);

    private final ChannelSession session;
    private final String systemId;
    private final BindGate gate;
    private final boolean awaitsProxyHeader;

    private ScheduledFuture<?> bindTimer;
    private boolean admitted;

    /**
     * @param systemId          the {@code system_id} put in a successful {@code bind_*_resp}
     * @param awaitsProxyHeader whether the peer's address is known only after a PROXY header
     */
    SmscHandshake(ChannelSession session, String systemId, BindGate gate, boolean awaitsProxyHeader) {
        this.session = session;
        this.systemId = systemId;
        this.gate = gate;
        this.awaitsProxyHeader = awaitsProxyHeader;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        long nanos = session.settings().bindTimeout().toNanos();
        if (nanos > 0) {
            bindTimer = ctx.executor().schedule(() -> bindTimedOut(ctx), nanos, TimeUnit.NANOSECONDS);
        }
        if (!awaitsProxyHeader) {
            admit(ctx);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == PeerAddressKnown.INSTANCE) {
            admit(ctx);
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Bind bind) {
            onBind(bind);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelBindTimer();
        settle();
        ctx.fireChannelInactive();
    }

    private void admit(ChannelHandlerContext ctx) {
        if (gate.connected(session.remoteAddress())) {
            admitted = true;
        } else {
            log.debug(
                    "smpp connection refused, too many unbound connections session={} remote={}",
                    session.id(),
                    session.remoteAddress());
            session.state(BindState.CLOSED);
            ctx.close();
        }
    }

    private void settle() {
        if (admitted) {
            admitted = false;
            gate.settled(session.remoteAddress());
        }
    }

    private void onBind(Bind bind) {
        BindState state = session.state();
        if (state.acceptsMessages() || state == BindState.BINDING) {
            session.write(bind.errorResponse(CommandStatus.ESME_RALYBND));
        } else if (state != BindState.OPEN) {
            session.write(bind.errorResponse(CommandStatus.ESME_RINVBNDSTS));
        } else {
            session.state(BindState.BINDING);
            CompletionStage<Object> decision;
            try {
                decision = Objects.requireNonNull(
                        gate.admit(bind, session.remoteAddress(), session.isTls()), "bind gate returned null");
            } catch (RuntimeException e) {
                decision = CompletableFuture.failedFuture(e);
            }
            decision.whenComplete((accepted, error) -> session.onLoop(() -> decided(bind, accepted, error)));
        }
    }

    private void decided(Bind bind, Object accepted, Throwable error) {
        if (session.state() != BindState.BINDING) {
            return; // closed meanwhile
        }
        if (error != null) {
            refuse(bind, Completions.cause(error));
            return;
        }
        cancelBindTimer();
        settle();
        session.write(bind.okResponse(systemId));
        log.info(
                "smpp session bound session={} system_id={} mode={} remote={} tls={}",
                session.id(),
                bind.systemId(),
                bind.mode(),
                session.remoteAddress(),
                session.isTls());
        session.bound(new Binding(bind.systemId(), bind.mode(), Instant.now(), accepted));
    }

    private void refuse(Bind bind, Throwable cause) {
        int status = CommandStatus.ESME_RBINDFAIL.code();
        String reason = cause.toString();
        boolean reported = false;
        if (cause instanceof SmppBindException refused) {
            status = refused.commandStatus() != 0 ? refused.commandStatus() : status;
            reason = refused.getMessage();
            reported = refused.isReported();
        } else {
            log.warn(
                    "smpp bind failed session={} system_id={} remote={} error={}",
                    session.id(),
                    bind.systemId(),
                    session.remoteAddress(),
                    cause.toString());
        }
        if (reported) {
            log.debug(
                    "smpp bind refused session={} system_id={} remote={} status={} reason={}",
                    session.id(),
                    bind.systemId(),
                    session.remoteAddress(),
                    CommandStatus.name(status),
                    reason);
        } else {
            log.info(
                    "smpp bind refused session={} system_id={} mode={} remote={} status={} reason={}",
                    session.id(),
                    bind.systemId(),
                    bind.mode(),
                    session.remoteAddress(),
                    CommandStatus.name(status),
                    reason);
        }
        session.state(BindState.CLOSED);
        session.write(bind.errorResponse(status));
        session.closeAfterLinger();
    }

    private void bindTimedOut(ChannelHandlerContext ctx) {
        BindState state = session.state();
        if (state == BindState.OPEN || state == BindState.BINDING) {
            log.info(
                    "smpp connection not bound in time, closing session={} remote={} bind_timeout={}",
                    session.id(),
                    session.remoteAddress(),
                    session.settings().bindTimeout());
            ctx.close();
        }
    }

    private void cancelBindTimer() {
        if (bindTimer != null) {
            bindTimer.cancel(false);
            bindTimer = null;
        }
    }
}
