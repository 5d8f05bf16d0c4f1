package io.gomsggw.http;

import io.gomsggw.core.net.CidrBlock;
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
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server on Netty: keep-alive, a {@link RouteTable} that answers every request, and
 * limits that keep hostile or unlucky clients from hurting the others ({@link Settings}):
 *
 * <ul>
 *   <li>request bodies up to {@link Settings#maxBodyBytes} (413 with a JSON body beyond, decided
 *       from {@code Content-Length} before the body is read where it is given);
 *   <li>all bodies in flight together up to {@link Settings#bodyMemoryBytes}; a body that does not
 *       fit now gets 503 with {@code Retry-After: 1} (see {@link BodyBudget});
 *   <li>a request line up to {@link Settings#maxRequestLineBytes} (414 beyond) and headers up to
 *       {@link Settings#maxHeaderBytes} (431 beyond), after which the connection closes;
 *   <li>a request head must arrive within {@link Settings#headTimeout} (408 and close otherwise, see
 *       {@link HeadTimeout}); a connection idle for {@value #IDLE_SECONDS} seconds is closed.
 * </ul>
 *
 * <p>The client address handlers see ({@link Request#remoteAddress()}) is the peer's, or the one
 * {@code X-Forwarded-For} names when the peer is one of {@link Settings#trustedProxies}.
 *
 * <p>Event loops only parse and write. Each request is handed to the bounded {@link Executor}
 * given here, because handlers block on the database; when that executor rejects the work the
 * client gets 503 with {@code Retry-After: 1}. Uses native epoll where available, NIO elsewhere.
 *
 * <p>Lifecycle: {@link #start} once, then {@link #close}. Thread-safe.
 */
public final class HttpServer implements AutoCloseable {
    /** Seconds without traffic after which an idle connection is closed. */
    public static final int IDLE_SECONDS = 120;

    /**
     * The server's limits.
     *
     * @param maxBodyBytes        the largest request body, in bytes ({@code HTTP_MAX_BODY_BYTES})
     * @param bodyMemoryBytes     what all request bodies in flight may hold together, at least
     *                            {@code maxBodyBytes} ({@code HTTP_BODY_MEMORY_BYTES})
     * @param headTimeout         the time a request's line and headers may take to arrive
     * @param maxRequestLineBytes the longest request line (method, URI, version)
     * @param maxHeaderBytes      the most bytes of header lines of one request
     * @param trustedProxies      peers whose {@code X-Forwarded-For} is believed ({@code TRUSTED_PROXIES})
     */
    public record Settings(
            int maxBodyBytes,
            long bodyMemoryBytes,
            Duration headTimeout,
            int maxRequestLineBytes,
            int maxHeaderBytes,
            List<CidrBlock> trustedProxies) {
        /** 32 MiB: an MMS with a few phone photos in base64. */
        public static final int DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
        /** 10 s for a request line and its headers. */
        public static final Duration DEFAULT_HEAD_TIMEOUT = Duration.ofSeconds(10);
        /** 8 KiB for the request line. */
        public static final int DEFAULT_MAX_REQUEST_LINE_BYTES = 8 * 1024;
        /** 16 KiB for all header lines of a request. */
        public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;

        public Settings {
            if (maxBodyBytes < 0 || maxRequestLineBytes < 1 || maxHeaderBytes < 1) {
                throw new IllegalArgumentException("limits must be positive");
            }
            if (bodyMemoryBytes < maxBodyBytes) {
                throw new IllegalArgumentException("the body memory budget (" + bodyMemoryBytes
                        + " bytes) must hold at least one body of the largest size (" + maxBodyBytes + " bytes)");
            }
            if (headTimeout.isNegative() || headTimeout.isZero()) {
                throw new IllegalArgumentException("head timeout must be positive");
            }
            trustedProxies = List.copyOf(trustedProxies);
        }

        /**
         * The defaults: bodies up to {@link #DEFAULT_MAX_BODY_BYTES}, a budget of
         * {@link #defaultBodyMemoryBytes}, the default head limits, and no trusted proxy.
         */
        public static Settings defaults() {
            return new Settings(
                    DEFAULT_MAX_BODY_BYTES,
                    defaultBodyMemoryBytes(DEFAULT_MAX_BODY_BYTES),
                    DEFAULT_HEAD_TIMEOUT,
                    DEFAULT_MAX_REQUEST_LINE_BYTES,
                    DEFAULT_MAX_HEADER_BYTES,
                    List.of());
        }

        /**
         * A quarter of the JVM's largest heap, and at least {@code maxBodyBytes}. Reading a body takes
         * about twice its size at its peak (the body and the media decoded from it), so bodies at the
         * budget use about half the heap.
         */
        public static long defaultBodyMemoryBytes(int maxBodyBytes) {
            return Math.max(Runtime.getRuntime().maxMemory() / 4, maxBodyBytes);
        }

        public Settings withBodyLimits(int maxBody, long bodyMemory) {
            return new Settings(maxBody, bodyMemory, headTimeout, maxRequestLineBytes, maxHeaderBytes, trustedProxies);
        }

        public Settings withHeadTimeout(Duration timeout) {
            return new Settings(
                    maxBodyBytes, bodyMemoryBytes, timeout, maxRequestLineBytes, maxHeaderBytes, trustedProxies);
        }

        public Settings withTrustedProxies(List<CidrBlock> proxies) {
            return new Settings(
                    maxBodyBytes, bodyMemoryBytes, headTimeout, maxRequestLineBytes, maxHeaderBytes, proxies);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    /** Body bytes the decoder passes on at a time. */
    private static final int CHUNK_BYTES = 64 * 1024;

    private final RouteTable router;
    private final Executor executor;
    private final Settings settings;
    private final BodyBudget budget;
    private final ForwardedFor forwardedFor;
    private EventLoopGroup group;
    private Channel serverChannel;

    /** A server with {@link Settings#defaults()}. */
    public HttpServer(RouteTable router, Executor executor) {
        this(router, executor, Settings.defaults());
    }

    /**
     * @param router   answers every request
     * @param executor bounded worker pool for handlers; its rejections become 503
     * @param settings the limits
     */
    public HttpServer(RouteTable router, Executor executor, Settings settings) {
        this.router = Objects.requireNonNull(router, "router");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.budget = new BodyBudget(settings.bodyMemoryBytes());
        this.forwardedFor = new ForwardedFor(settings.trustedProxies());
    }

    /** Bytes of request bodies held now (for metrics). */
    public long bodyBytesInFlight() {
        return budget.inUse();
    }

    /** The most bytes of request bodies ever held at once. */
    public long peakBodyBytesInFlight() {
        return budget.peak();
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
        Class<? extends ServerChannel> channelType =
                epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(ioHandler);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        HeadTimeout headTimeout = new HeadTimeout(settings.headTimeout());
                        channel.pipeline()
                                .addLast("head-timeout-in", headTimeout.bytesIn())
                                .addLast("codec", new HttpServerCodec(decoderConfig()))
                                .addLast("head-timeout-out", headTimeout.headsOut())
                                .addLast("keep-alive", new HttpServerKeepAliveHandler())
                                .addLast("idle", new IdleStateHandler(0, 0, IDLE_SECONDS))
                                .addLast(
                                        "aggregator",
                                        new BodyAggregator(
                                                settings.maxBodyBytes(),
                                                budget,
                                                settings.maxRequestLineBytes(),
                                                settings.maxHeaderBytes()))
                                .addLast("dispatcher", new RequestDispatcher(router, executor, forwardedFor));
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
        log.info(
                "http server listening address={} transport={} max_body_bytes={} body_memory_bytes={}",
                bound,
                epoll ? "epoll" : "nio",
                settings.maxBodyBytes(),
                settings.bodyMemoryBytes());
        return bound;
    }

    private HttpDecoderConfig decoderConfig() {
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(settings.maxRequestLineBytes())
                .setMaxHeaderSize(settings.maxHeaderBytes())
                .setMaxChunkSize(CHUNK_BYTES);
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
