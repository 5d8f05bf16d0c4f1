package io.gomsggw.smpp.session;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Assembles an SMPP channel pipeline, one handler per job, in this order:
 * <ol>
 *   <li>PROXY protocol header (server, when enabled): {@code HAProxyMessageDecoder} and
 *       {@link ProxyHeaderHandler};</li>
 *   <li>TLS, when given;</li>
 *   <li>framing by {@code command_length} ({@link SmppFrameDecoder}) and the PDU codec
 *       ({@link PduCodec});</li>
 *   <li>{@code FlushConsolidationHandler}: the answers to the requests of one read leave in one
 *       write to the socket, not one each;</li>
 *   <li>the idle timers ({@code IdleStateHandler});</li>
 *   <li>{@link InboundFlowControl}: what the peer can make the session hold stays bounded;</li>
 *   <li>{@link KeepAlive}: {@code enquire_link} both ways, idle peers closed;</li>
 *   <li>{@link MalformedPduPolicy}: PDUs that did not decode;</li>
 *   <li>the bind: {@link SmscHandshake} or {@link EsmeHandshake};</li>
 *   <li>{@link RequestDispatcher}: responses, {@code unbind}, and the application's requests;</li>
 *   <li>{@link SessionLifecycle}: errors and the close.</li>
 * </ol>
 * They share the connection's {@link ChannelSession}. Call from a {@code ChannelInitializer}: the
 * channel must be registered and not yet active. A zero {@code idleTimeout} or
 * {@code enquireLinkInterval} disables that timer.
 */
public final class SessionPipeline {
    private SessionPipeline() {}

    /**
     * Makes {@code channel} the server side of an SMPP session.
     *
     * @param proxyProtocol whether the connection starts with a PROXY protocol (v1 or v2) header
     * @param tls           the TLS handler, or {@code null} for plain TCP
     */
    public static void installSmsc(
            Channel channel, SessionSettings settings, boolean proxyProtocol, SslHandler tls, SmscRole role) {
        ChannelSession session = newSession(channel, SessionSide.SMSC, settings, tls != null, role.listener());
        ChannelPipeline p = channel.pipeline();
        if (proxyProtocol) {
            p.addLast("proxy-protocol", new HAProxyMessageDecoder());
            p.addLast("proxy-header", new ProxyHeaderHandler(session));
        }
        addCommon(p, session, tls);
        p.addLast("handshake", new SmscHandshake(session, role.systemId(), role.gate(), proxyProtocol));
        addLast(p, session, role.requests());
    }

    /**
     * Makes {@code channel} the client side of an SMPP session, which binds as soon as the
     * connection is up.
     *
     * @param tls the TLS handler, or {@code null} for plain TCP
     * @return completes with the session once bound; fails with {@link SmppBindException} when the
     *         bind is refused, {@link SmppSendException} ({@code TIMEOUT}) when its response does
     *         not come, or the error that closed the connection first
     */
    public static CompletionStage<SmppSession> installEsme(
            Channel channel, SessionSettings settings, SslHandler tls, EsmeRole role) {
        ChannelSession session = newSession(channel, SessionSide.ESME, settings, tls != null, role.listener());
        ChannelPipeline p = channel.pipeline();
        addCommon(p, session, tls);
        p.addLast("handshake", new EsmeHandshake(session, role.bindRequest()));
        addLast(p, session, role.requests());
        return session.bound();
    }

    private static ChannelSession newSession(
            Channel channel, SessionSide side, SessionSettings settings, boolean tls, SessionListener listener) {
        InboundFlowControl.configure(channel.config());
        InboundFlowControl flow = new InboundFlowControl(channel.id().asShortText(), settings.peerWindow());
        return new ChannelSession(channel, side, settings, tls, listener, flow);
    }

    private static void addCommon(ChannelPipeline p, ChannelSession session, SslHandler tls) {
        SessionSettings settings = session.settings();
        if (tls != null) {
            p.addLast("tls", tls);
        }
        p.addLast("framer", new SmppFrameDecoder(settings.maxPduLength()));
        p.addLast("pdu-codec", new PduCodec(settings.maxPduLength()));
        p.addLast("flush-consolidation", new FlushConsolidationHandler());
        p.addLast(
                "idle",
                new IdleStateHandler(
                        settings.idleTimeout().toNanos(),
                        0,
                        settings.enquireLinkInterval().toNanos(),
                        TimeUnit.NANOSECONDS));
        p.addLast("flow-control", session.flowControl());
        p.addLast("keep-alive", new KeepAlive(session));
        p.addLast("malformed-pdu", new MalformedPduPolicy(session));
    }

    private static void addLast(ChannelPipeline p, ChannelSession session, SmppRequestHandler requests) {
        p.addLast("requests", new RequestDispatcher(session, requests));
        p.addLast("lifecycle", new SessionLifecycle(session));
    }
}
