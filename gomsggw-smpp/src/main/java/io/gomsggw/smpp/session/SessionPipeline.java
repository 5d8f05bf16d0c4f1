package io.gomsggw.smpp.session;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Assembles an SMPP channel pipeline: optional PROXY protocol decoder, optional TLS, framing by
 * {@code command_length}, the PDU codec, the idle timers and the session handler.
 */
public final class SessionPipeline {
    private SessionPipeline() {
    }

    /**
     * Adds the SMPP handlers to {@code channel}'s pipeline.
     *
     * @param channel       a channel not yet active (call from a {@code ChannelInitializer})
     * @param settings      the session's limits and timers; a zero {@code idleTimeout} or
     *                      {@code enquireLinkInterval} disables that timer
     * @param proxyProtocol whether the connection starts with a PROXY protocol (v1 or v2) header
     * @param tls           the TLS handler, or {@code null} for plain TCP
     * @param session       the session handler, last in the pipeline
     */
    public static void install(Channel channel, SessionSettings settings, boolean proxyProtocol, SslHandler tls,
                               SmppSessionHandler session) {
        ChannelPipeline p = channel.pipeline();
        if (proxyProtocol) {
            p.addLast("proxy-protocol", new HAProxyMessageDecoder());
        }
        if (tls != null) {
            p.addLast("tls", tls);
        }
        p.addLast("framer", new SmppFrameDecoder(settings.maxPduLength()));
        p.addLast("pdu-codec", new PduCodec(settings.maxPduLength()));
        p.addLast("idle", new IdleStateHandler(settings.idleTimeout().toNanos(), 0,
                settings.enquireLinkInterval().toNanos(), TimeUnit.NANOSECONDS));
        p.addLast("session", session);
    }
}
