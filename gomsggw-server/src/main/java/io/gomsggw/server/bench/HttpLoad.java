package io.gomsggw.server.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Runs {@code POST /messages/send} load against a gateway: opens every connection first, then
 * starts the clock and lets each {@link LoadConnection} work through the shared {@link LoadPlan},
 * printing a progress line every {@value #PROGRESS_SECONDS} seconds. Uses native epoll where
 * available, like the server, with one event loop per core at most.
 */
final class HttpLoad {
    private static final int PROGRESS_SECONDS = 5;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final BenchOptions options;
    private final SendRequest request;
    private final PrintStream out;

    HttpLoad(BenchOptions options, SendTarget target, PrintStream out) {
        this.options = options;
        this.request = new SendRequest(options, target);
        this.out = out;
    }

    /**
     * Runs the warm-up and the measured part.
     *
     * @throws IOException when a connection cannot be opened at the start
     */
    LoadResult run() throws IOException, InterruptedException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        int threads = Math.min(options.connections(), Runtime.getRuntime().availableProcessors());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, io);
        try {
            Bootstrap bootstrap = new Bootstrap()
                    .group(group)
                    .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                    .remoteAddress(options.url().getHost(), options.port());
            LongAdder answered = new LongAdder();
            List<LoadConnection> connections = new ArrayList<>();
            for (int i = 0; i < options.connections(); i++) {
                connections.add(new LoadConnection(bootstrap, group.next(), request, answered));
            }
            connectAll(connections);

            LoadPlan plan = new LoadPlan(System.nanoTime(), options.warmup(), options.rate(), options.stop());
            CompletableFuture<?>[] finished =
                    connections.stream().map(c -> c.begin(plan)).toArray(CompletableFuture[]::new);
            awaitWithProgress(CompletableFuture.allOf(finished), plan, answered);
            return collect(connections, plan);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private void connectAll(List<LoadConnection> connections) throws IOException, InterruptedException {
        List<ChannelFuture> connecting =
                connections.stream().map(LoadConnection::connect).toList();
        for (ChannelFuture future : connecting) {
            future.await();
            if (!future.isSuccess()) {
                connecting.stream().map(ChannelFuture::channel).forEach(Channel::close);
                throw new IOException(
                        "cannot connect to " + options.url() + ": "
                                + future.cause().getMessage(),
                        future.cause());
            }
        }
    }

    private void awaitWithProgress(CompletableFuture<Void> all, LoadPlan plan, LongAdder answered)
            throws InterruptedException {
        long started = System.nanoTime();
        long previousNanos = started;
        long previous = 0;
        while (true) {
            try {
                all.get(PROGRESS_SECONDS, TimeUnit.SECONDS);
                return;
            } catch (TimeoutException e) {
                long now = System.nanoTime();
                long count = answered.sum();
                out.printf(
                        Locale.ROOT,
                        "%6.0f s  %-9s %,12d answers  %,10.0f/s%n",
                        (now - started) / 1e9,
                        now < plan.measureStartNanos() ? "warm-up" : "measuring",
                        count,
                        (count - previous) * 1e9 / (now - previousNanos));
                previous = count;
                previousNanos = now;
            } catch (ExecutionException e) {
                throw new IllegalStateException("a connection failed unexpectedly", e.getCause());
            }
        }
    }

    private static LoadResult collect(List<LoadConnection> connections, LoadPlan plan) {
        Histogram latency = new Histogram(3);
        StatusTally statuses = new StatusTally();
        long lastAnswer = plan.measureStartNanos();
        for (LoadConnection connection : connections) {
            latency.add(connection.latency());
            statuses.add(connection.statuses());
            lastAnswer = Math.max(lastAnswer, connection.lastAnswerNanos());
        }
        return new LoadResult(lastAnswer - plan.measureStartNanos(), latency, statuses);
    }
}
