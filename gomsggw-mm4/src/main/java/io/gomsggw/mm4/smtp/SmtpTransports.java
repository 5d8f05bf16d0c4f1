package io.gomsggw.mm4.smtp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/** The server's event loops: native epoll where available, NIO elsewhere. */
final class SmtpTransports {
    private SmtpTransports() {}

    static EventLoopGroup newEventLoopGroup(String threadName) {
        IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory(threadName, true), io);
    }

    static boolean isEpoll(EventLoopGroup group) {
        return group instanceof IoEventLoopGroup io && io.isIoType(EpollIoHandler.class);
    }

    static Class<? extends ServerChannel> serverChannelType(EventLoopGroup group) {
        return isEpoll(group) ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /**
     * Sends the ACK of what was read now instead of after the delayed-ACK timer (Linux
     * {@code TCP_QUICKACK}, which the kernel clears again by itself, hence once per read). A client
     * that keeps Nagle's algorithm on holds the last, short segment of a message body until its
     * previous segments are acknowledged, so without this every message waits up to 40 ms for the
     * timer. Does nothing on NIO.
     */
    static void acknowledgeNow(Channel channel) {
        if (channel instanceof EpollSocketChannel epoll && epoll.isActive()) {
            try {
                epoll.config().setTcpQuickAck(true);
            } catch (ChannelException e) {
                // the connection is closing; nothing is waiting for this ACK
            }
        }
    }
}
