package io.gomsggw.smpp.server;

import io.gomsggw.smpp.session.NettyTransports;
import io.gomsggw.smpp.session.SessionListener;
import io.gomsggw.smpp.session.SessionPipeline;
import io.gomsggw.smpp.session.SmppSession;
import io.gomsggw.smpp.session.SmscRole;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMPP 3.4 server: accepts ESME connections, lets the {@link SmppServerHandler} decide their
 * binds and answer their requests, and keeps the bound {@link SmppSession}s.
 *
 * <p>Each connection runs the pipeline of {@link SessionPipeline} (PROXY protocol and TLS as
 * configured). A refused bind is answered with the refusal's status and the connection closed.
 * The {@link BindGuard} of the configuration limits the connections waiting for their bind and
 * bars sources that keep failing to bind.
 *
 * <p><b>Threading:</b> thread-safe. {@link #start} and {@link #close} block the caller (never call
 * them on an event loop); {@link #sessions} and {@link #address} do not block. The handler is
 * called on event loops and must not block.
 */
public final class SmppServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmppServer.class);
    /** Extra time {@link #close} gives unbinds beyond the response timeout. */
    private static final long CLOSE_GRACE_MILLIS = 1_000;

    private final SmppServerConfig config;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final Channel serverChannel;
    private final ChannelGroup channels;
    private final Set<SmppSession> sessions;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SmppServer(
            SmppServerConfig config,
            EventLoopGroup group,
            boolean ownsGroup,
            Channel serverChannel,
            ChannelGroup channels,
            Set<SmppSession> sessions) {
        this.config = config;
        this.group = group;
        this.ownsGroup = ownsGroup;
        this.serverChannel = serverChannel;
        this.channels = channels;
        this.sessions = sessions;
    }

    /**
     * Binds the listening socket and returns once the server accepts connections.
     *
     * @param config  where and how to listen
     * @param handler decides binds and answers requests
     * @return the running server
     * @throws BindException when the address is in use or cannot be bound (the message names it)
     * @throws IOException   when interrupted while binding
     */
    public static SmppServer start(SmppServerConfig config, SmppServerHandler handler) throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(handler, "handler");
        boolean ownsGroup = config.eventLoopGroup() == null;
        EventLoopGroup group =
                ownsGroup ? NettyTransports.newEventLoopGroup(0, "smpp-server") : config.eventLoopGroup();
        ChannelGroup channels = new DefaultChannelGroup("smpp-server", GlobalEventExecutor.INSTANCE);
        Set<SmppSession> sessions = ConcurrentHashMap.newKeySet();
        SessionListener listener = new SessionListener() {
            @Override
            public void onBound(SmppSession session) {
                sessions.add(session);
                handler.onBound(session);
            }

            @Override
            public void onClosed(SmppSession session) {
                sessions.remove(session);
                handler.onClosed(session);
            }
        };
        SmscRole role =
                new SmscRole(config.systemId(), new ServerBindGate(handler, config.bindGuard()), handler, listener);
        boolean tls = config.sslContext() != null;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NettyTransports.serverChannelType(group))
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channels.add(channel);
                        SslHandler ssl = tls ? config.sslContext().newHandler(channel.alloc()) : null;
                        SessionPipeline.installSmsc(channel, config.settings(), config.proxyProtocol(), ssl, role);
                    }
                });
        Channel serverChannel;
        try {
            serverChannel = bootstrap.bind(config.listenAddress()).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdown(group, ownsGroup);
            throw new InterruptedIOException("interrupted while binding " + config.listenAddress());
        } catch (Exception e) {
            shutdown(group, ownsGroup);
            BindException bind =
                    new BindException("cannot listen for SMPP on " + config.listenAddress() + ": " + e.getMessage());
            bind.initCause(e);
            throw bind;
        }
        SmppServer server = new SmppServer(config, group, ownsGroup, serverChannel, channels, sessions);
        log.info(
                "smpp server listening address={} tls={} proxy_protocol={} transport={}",
                server.address(),
                tls,
                config.proxyProtocol(),
                NettyTransports.isEpoll(group) ? "epoll" : "nio");
        return server;
    }

    /** The address listened on, with the real port when port 0 was asked. */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Whether the server accepts connections: not closed, its listening socket open. */
    public boolean isListening() {
        return !closed.get() && serverChannel.isActive() && !group.isShuttingDown();
    }

    /** The configuration the server runs with. */
    public SmppServerConfig config() {
        return config;
    }

    /** The bound sessions at this moment, as an immutable copy. */
    public List<SmppSession> sessions() {
        return List.copyOf(sessions);
    }

    /**
     * Stops gracefully: stops accepting, sends {@code unbind} to every bound session and waits for
     * their {@code unbind_resp} (at most the response timeout), then closes every connection and,
     * if the server owns them, its event loops. Idempotent; blocks the caller.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        InetSocketAddress address = address();
        serverChannel.close().awaitUninterruptibly();
        List<SmppSession> bound = sessions();
        CompletableFuture<?>[] unbinds =
                bound.stream().map(s -> s.unbind().toCompletableFuture()).toArray(CompletableFuture[]::new);
        long wait = config.settings().responseTimeout().toMillis() + CLOSE_GRACE_MILLIS;
        try {
            CompletableFuture.allOf(unbinds).get(wait, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("smpp server: not every session unbound in time error={}", e.toString());
        }
        channels.close().awaitUninterruptibly(wait);
        shutdown(group, ownsGroup);
        log.info("smpp server stopped address={} unbound_sessions={}", address, bound.size());
    }

    private static void shutdown(EventLoopGroup group, boolean owned) {
        if (owned) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
