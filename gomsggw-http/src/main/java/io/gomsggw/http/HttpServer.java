package io.gomsggw.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server on Netty: keep-alive, request bodies up to {@value #MAX_BODY_BYTES}
 * bytes (413 with a JSON body beyond), and a {@link Router} that answers every request.
 *
 * <p>Event loops only parse and write. Each request is handed to the bounded {@link Executor}
 * given here, because handlers block on the database; when that executor rejects the work the
 * client gets 503 with {@code Retry-After: 1}. Uses native epoll where available, NIO elsewhere.
 * Connections idle for {@value #IDLE_SECONDS} seconds are closed.
 *
 * <p>Lifecycle: {@link #start} once, then {@link #close}. Thread-safe.
 */
public final class HttpServer implements AutoCloseable {
    /** The largest request body accepted. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /** Seconds without traffic after which an idle connection is closed. */
    public static final int IDLE_SECONDS = 120;

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    private final Router router;
    private final Executor executor;
    private EventLoopGroup group;
    private Channel serverChannel;

    /**
     * @param router   answers every request
     * @param executor bounded worker pool for handlers; its rejections become 503
     */
    public HttpServer(Router router, Executor executor) {
        this.router = Objects.requireNonNull(router, "router");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * Binds and starts serving.
     *
     * @param address where to listen; port 0 picks a free port
     * @return the address actually bound
     * @throws BindException when the address is in use or cannot be bound
     * @throws IOException   when the server cannot start for another I/O reason
     */
    public synchronized InetSocketAddress start(InetSocketAddress address) throws IOException {
        if (group != null) {
            throw new IllegalStateException("already started");
        }
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory ioHandler = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(ioHandler);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast("codec", new HttpServerCodec())
                                .addLast("keep-alive", new HttpServerKeepAliveHandler())
                                .addLast("idle", new IdleStateHandler(0, 0, IDLE_SECONDS))
                                .addLast("aggregator", new JsonObjectAggregator(MAX_BODY_BYTES))
                                .addLast("dispatcher", new RequestDispatcher(router, executor));
                    }
                });
        try {
            serverChannel = bootstrap.bind(address).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new InterruptedIOException("interrupted while binding " + address);
        } catch (Exception e) {
            loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw bindFailure(address, e);
        }
        group = loops;
        InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
        log.info("http server listening address={} transport={}", bound, epoll ? "epoll" : "nio");
        return bound;
    }

    /** The failure as a {@link BindException} naming the address, whatever the transport threw. */
    private static IOException bindFailure(InetSocketAddress address, Exception e) {
        BindException bind = new BindException("cannot listen on " + address + ": " + e.getMessage());
        bind.initCause(e);
        return bind;
    }

    /** Whether the server accepts connections: started, not closed, its listening socket open. */
    public synchronized boolean isListening() {
        return group != null && !group.isShuttingDown() && serverChannel.isActive();
    }

    /** Stops accepting, lets in-flight responses finish briefly, and releases the event loops. */
    @Override
    public synchronized void close() {
        if (group == null) {
            return;
        }
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(100, 5_000, TimeUnit.MILLISECONDS).syncUninterruptibly();
        group = null;
        log.info("http server stopped");
    }
}
