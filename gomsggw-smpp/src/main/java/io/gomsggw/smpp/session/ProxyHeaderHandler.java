package io.gomsggw.smpp.session;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the PROXY protocol header that {@code HAProxyMessageDecoder} decoded: its source address
 * becomes the session's {@link SmppSession#remoteAddress()} (a {@code LOCAL} header, a health
 * check, keeps the socket's), then {@link PeerAddressKnown} goes down the pipeline and the handler
 * leaves it. Event loop only.
 */
final class ProxyHeaderHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ProxyHeaderHandler.class);

    private final ChannelSession session;

    ProxyHeaderHandler(ChannelSession session) {
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HAProxyMessage proxy)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (proxy.command() == HAProxyCommand.PROXY && proxy.sourceAddress() != null) {
                InetAddress source = NetUtil.createInetAddressFromIpAddressString(proxy.sourceAddress());
                if (source != null) {
                    session.peer(new InetSocketAddress(source, proxy.sourcePort()));
                    log.debug("smpp proxied connection session={} remote={}", session.id(), session.remoteAddress());
                }
            }
        } finally {
            proxy.release();
        }
        ctx.pipeline().remove(this);
        ctx.fireUserEventTriggered(PeerAddressKnown.INSTANCE);
    }
}
