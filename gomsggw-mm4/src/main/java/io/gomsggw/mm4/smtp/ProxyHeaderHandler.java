package io.gomsggw.mm4.smtp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Reads the PROXY protocol header that {@code HAProxyMessageDecoder} decoded and starts the
 * session with its source address (a {@code LOCAL} header, a health check, keeps the socket's),
 * then leaves the pipeline. Event loop only.
 */
final class ProxyHeaderHandler extends ChannelInboundHandlerAdapter {
    private final SmtpSession<?> session;

    ProxyHeaderHandler(SmtpSession<?> session) {
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HAProxyMessage proxy)) {
            ctx.fireChannelRead(msg);
            return;
        }
        InetSocketAddress source = (InetSocketAddress) ctx.channel().remoteAddress();
        try {
            if (proxy.command() == HAProxyCommand.PROXY && proxy.sourceAddress() != null) {
                InetAddress address = NetUtil.createInetAddressFromIpAddressString(proxy.sourceAddress());
                if (address != null) {
                    source = new InetSocketAddress(address, proxy.sourcePort());
                }
            }
        } finally {
            proxy.release();
        }
        ctx.pipeline().remove(this);
        session.start(source);
    }
}
