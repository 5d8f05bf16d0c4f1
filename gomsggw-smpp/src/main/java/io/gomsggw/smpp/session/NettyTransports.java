package io.gomsggw.smpp.session;

import io.netty.channel.Channel;
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
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Event loop groups and the channel types that fit them: native epoll where available, NIO
 * elsewhere. A group passed in by the application (shared between listeners) gets the channel
 * type of its own transport.
 */
public final class NettyTransports {
    private NettyTransports() {}

    /**
     * A new event loop group, epoll when available.
     *
     * @param threads    number of event loops; 0 for Netty's default (twice the cores)
     * @param threadName prefix of the threads' names
     */
    public static EventLoopGroup newEventLoopGroup(int threads, String threadName) {
        IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(threadName, true), io);
    }

    /** Whether {@code group} runs native epoll. */
    public static boolean isEpoll(EventLoopGroup group) {
        return group instanceof IoEventLoopGroup io && io.isIoType(EpollIoHandler.class);
    }

    /** The server channel type for {@code group}. */
    public static Class<? extends ServerChannel> serverChannelType(EventLoopGroup group) {
        return isEpoll(group) ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** The client channel type for {@code group}. */
    public static Class<? extends Channel> socketChannelType(EventLoopGroup group) {
        return isEpoll(group) ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
