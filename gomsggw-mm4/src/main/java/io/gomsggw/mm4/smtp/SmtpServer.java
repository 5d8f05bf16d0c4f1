package io.gomsggw.mm4.smtp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The MM4 SMTP server: accepts connections, asks the {@link MailReceiver} who may connect and
 * which recipients are taken, and hands it each message received. See the package documentation
 * for the protocol spoken.
 *
 * <p>Each connection's pipeline: the PROXY protocol header ({@code HAProxyMessageDecoder}, when
 * enabled), TLS (added by {@code STARTTLS}), {@link SmtpFrameDecoder} (command lines, body
 * chunks), and {@link SmtpSession} (greeting, commands, timers, replies).
 *
 * <p><b>Threading:</b> thread-safe. {@link #start} and {@link #close} block the caller (never call
 * them on an event loop); the other methods do not block. The receiver is called on event loops.
 */
public final class SmtpServer implements AutoCloseable {
    static final String FRAMER = "smtp-framer";
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final SmtpServerSettings settings;
    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final ChannelGroup channels;
    private final ServerCounters counters;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SmtpServer(
            SmtpServerSettings settings,
            EventLoopGroup group,
            Channel serverChannel,
            ChannelGroup channels,
            ServerCounters counters) {
        this.settings = settings;
        this.group = group;
        this.serverChannel = serverChannel;
        this.channels = channels;
        this.counters = counters;
    }

    /**
     * Binds the listening socket and returns once the server accepts connections.
     *
     * @param settings where to listen and the limits
     * @param receiver decides connections and recipients, takes the messages
     * @return the running server
     * @throws BindException when the address is in use or cannot be bound (the message names it)
     * @throws IOException   when the TLS certificate or key cannot be read, or interrupted while binding
     */
    public static <A> SmtpServer start(SmtpServerSettings settings, MailReceiver<A> receiver) throws IOException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(receiver, "receiver");
        SslContext ssl = settings.tls() ? sslContext(settings) : null;
        ServerCounters counters = new ServerCounters();
        EventLoopGroup group = SmtpTransports.newEventLoopGroup("mm4-smtp");
        ChannelGroup channels = new DefaultChannelGroup("mm4-smtp", GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(SmtpTransports.serverChannelType(group))
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024))
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channels.add(channel);
                        install(channel.pipeline(), new SessionContext<>(settings, receiver, counters, ssl));
                    }
                });
        Channel serverChannel;
        try {
            serverChannel = bootstrap.bind(settings.listenAddress()).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdown(group);
            throw new InterruptedIOException("interrupted while binding " + settings.listenAddress());
        } catch (Exception e) {
            shutdown(group);
            BindException bind =
                    new BindException("cannot listen for MM4 on " + settings.listenAddress() + ": " + e.getMessage());
            bind.initCause(e);
            throw bind;
        }
        SmtpServer server = new SmtpServer(settings, group, serverChannel, channels, counters);
        SmtpLog.LOG.info(
                "mm4 smtp server listening address={} starttls={} proxy_protocol={} max_message_bytes={}",
                server.address(),
                ssl != null,
                settings.proxyProtocol(),
                settings.maxMessageBytes());
        return server;
    }

    private static <A> void install(ChannelPipeline p, SessionContext<A> context) {
        SmtpFrameDecoder framer = new SmtpFrameDecoder(context.settings.maxLineLength());
        SmtpSession<A> session = new SmtpSession<>(context, framer);
        if (context.settings.proxyProtocol()) {
            p.addLast("proxy-protocol", new HAProxyMessageDecoder());
            p.addLast("proxy-header", new ProxyHeaderHandler(session));
        }
        p.addLast(FRAMER, framer);
        p.addLast("smtp-session", session);
    }

    private static SslContext sslContext(SmtpServerSettings settings) throws IOException {
        try {
            return SslContextBuilder.forServer(
                            settings.tlsCertificate().orElseThrow().toFile(),
                            settings.tlsPrivateKey().orElseThrow().toFile())
                    .build();
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IOException(
                    "cannot read the MM4 TLS certificate or key (PEM chain, PKCS#8 key): " + e.getMessage(), e);
        }
    }

    /** The address listened on, with the real port when port 0 was asked. */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Whether the server accepts connections: not closed, its listening socket open. */
    public boolean isListening() {
        return !closed.get() && serverChannel.isActive() && !group.isShuttingDown();
    }

    /** The settings the server runs with. */
    public SmtpServerSettings settings() {
        return settings;
    }

    /**
     * Open accepted sessions per client key ({@link ConnectDecision#clientKey()}), clients without
     * an open session left out. An immutable snapshot.
     */
    public Map<String, Integer> sessionsByClient() {
        return counters.byClient();
    }

    /** The counters since start. */
    public SmtpStats stats() {
        return counters.snapshot();
    }

    /**
     * Stops: stops accepting, answers {@code 421} on every open connection and closes it (a message
     * whose reply is pending loses its reply; its stage still completes and its spool is deleted),
     * and shuts the event loops down. Idempotent; blocks the caller.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        InetSocketAddress address = address();
        serverChannel.close().awaitUninterruptibly();
        channels.forEach(ch -> ch.pipeline().fireUserEventTriggered(ServerShutdown.INSTANCE));
        channels.newCloseFuture().awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        channels.close().awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        shutdown(group);
        SmtpLog.LOG.info("mm4 smtp server stopped address={}", address);
    }

    private static void shutdown(EventLoopGroup group) {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
