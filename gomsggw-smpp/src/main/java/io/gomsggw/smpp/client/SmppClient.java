package io.gomsggw.smpp.client;

import io.gomsggw.smpp.session.EsmeRole;
import io.gomsggw.smpp.session.NettyTransports;
import io.gomsggw.smpp.session.SessionListener;
import io.gomsggw.smpp.session.SessionPipeline;
import io.gomsggw.smpp.session.SmppBindException;
import io.gomsggw.smpp.session.SmppRequestHandler;
import io.gomsggw.smpp.session.SmppSendException;
import io.gomsggw.smpp.session.SmppSession;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Binds to SMPP servers as an ESME. One client owns (or borrows) a set of event loops and can hold
 * any number of sessions, so a benchmark opens many binds cheaply:
 * <pre>{@code
 * try (SmppClient client = SmppClient.create()) {
 *     SmppSession s = client.bind(SmppClientConfig.of(addr, BindMode.TRANSCEIVER, "user", "secret"),
 *             (session, request) -> CompletableFuture.completedFuture(request.errorResponse(0)))
 *         .toCompletableFuture().join();
 *     s.send(seq -> new SubmitSm(seq, fields));
 * }
 * }</pre>
 *
 * <p><b>Threading:</b> thread-safe. {@link #bind} does not block; {@link #close} blocks briefly.
 * The request handler is called on an event loop and must not block.
 */
public final class SmppClient implements AutoCloseable {
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final ChannelGroup channels = new DefaultChannelGroup("smpp-client", GlobalEventExecutor.INSTANCE);
    private final AtomicBoolean closed = new AtomicBoolean();

    private SmppClient(EventLoopGroup group, boolean ownsGroup) {
        this.group = group;
        this.ownsGroup = ownsGroup;
    }

    /** A client with its own event loops (Netty's default count, epoll where available). */
    public static SmppClient create() {
        return create(0);
    }

    /** A client with its own {@code threads} event loops (0: Netty's default). */
    public static SmppClient create(int threads) {
        return new SmppClient(NettyTransports.newEventLoopGroup(threads, "smpp-client"), true);
    }

    /** A client on {@code group}, which the caller owns and shuts down. */
    public static SmppClient create(EventLoopGroup group) {
        return new SmppClient(Objects.requireNonNull(group, "group"), false);
    }

    /**
     * Connects and binds.
     *
     * @param config   where and how to bind
     * @param requests answers the {@code deliver_sm} and {@code data_sm} the server sends
     * @return completes with the bound session; fails with {@link SmppBindException} when the bind
     *         is refused (its status), {@link SmppSendException} ({@code TIMEOUT}) when no
     *         {@code bind_resp} comes in time, or the connection's error (refused, TLS handshake)
     */
    public CompletionStage<SmppSession> bind(SmppClientConfig config, SmppRequestHandler requests) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(requests, "requests");
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("client is closed"));
        }
        boolean tls = config.sslContext() != null;
        EsmeRole role = new EsmeRole(config::bind, requests, SessionListener.NONE);
        CompletableFuture<SmppSession> result = new CompletableFuture<>();
        long connectMillis = Math.max(
                1, Math.min(Integer.MAX_VALUE, config.settings().bindTimeout().toMillis()));
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NettyTransports.socketChannelType(group))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectMillis)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channels.add(channel);
                        SslHandler ssl = tls
                                ? config.sslContext()
                                        .newHandler(
                                                channel.alloc(),
                                                config.server().getHostString(),
                                                config.server().getPort())
                                : null;
                        SessionPipeline.installEsme(channel, config.settings(), ssl, role)
                                .whenComplete((s, error) -> {
                                    if (error != null) {
                                        result.completeExceptionally(error);
                                    } else {
                                        result.complete(s);
                                    }
                                });
                    }
                });
        ChannelFuture connect = bootstrap.connect(config.server());
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
            }
        });
        return result;
    }

    /**
     * Closes every connection of this client at once (use {@link SmppSession#unbind} first for a
     * graceful end) and shuts down the event loops if the client owns them. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (ownsGroup) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
