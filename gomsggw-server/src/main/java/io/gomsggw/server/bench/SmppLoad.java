package io.gomsggw.server.bench;

import io.gomsggw.smpp.client.SmppClient;
import io.gomsggw.smpp.client.SmppClientConfig;
import io.gomsggw.smpp.pdu.BindMode;
import io.gomsggw.smpp.session.NettyTransports;
import io.gomsggw.smpp.session.SessionSettings;
import io.gomsggw.smpp.session.SmppRequestHandler;
import io.gomsggw.smpp.session.SmppSession;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs {@code bench smpp}: binds the receiving client's receivers (when there is one) and the
 * sending client's transceivers with the project's {@link SmppClient}, then starts the clock and
 * lets {@code --window} {@link SubmitSlot}s per transceiver work through the shared
 * {@link LoadPlan}, printing a progress line every {@value #PROGRESS_SECONDS} seconds. When the
 * submits are done it waits for the measured messages still to be delivered (until all are, or
 * none has come for {@value #DRAIN_IDLE_SECONDS} seconds), then unbinds.
 */
final class SmppLoad {
    private static final int PROGRESS_SECONDS = 5;
    private static final int DRAIN_IDLE_SECONDS = 10;
    private static final int BIND_TIMEOUT_SECONDS = 30;
    /** Binds under way at once: the gateway lets one source have 16 connections waiting for their bind. */
    private static final int BINDS_IN_PROGRESS = 8;

    private final SmppBenchOptions options;
    private final SmppTarget target;
    private final PrintStream out;

    SmppLoad(SmppBenchOptions options, SmppTarget target, PrintStream out) {
        this.options = options;
        this.target = target;
        this.out = out;
    }

    /**
     * Binds, runs the warm-up and the measured part, and unbinds.
     *
     * @throws IOException when a bind fails at the start; the message says which and why
     */
    SmppLoadResult run() throws IOException, InterruptedException {
        int binds = options.binds()
                + target.receiver().map(r -> options.receiverBinds()).orElse(0);
        int threads = Math.min(binds, Runtime.getRuntime().availableProcessors());
        EventLoopGroup group = NettyTransports.newEventLoopGroup(threads, "bench-smpp");
        List<SmppSession> sessions = new ArrayList<>();
        SmppClient client = SmppClient.create(group);
        try {
            DeliveryRecorder deliveries = new DeliveryRecorder();
            if (target.receiver().isPresent()) {
                sessions.addAll(bindAll(
                        client,
                        target.receiver().get(),
                        BindMode.RECEIVER,
                        options.receiverBinds(),
                        SessionSettings.DEFAULTS,
                        new DeliverSmReceiver(deliveries)));
            }
            SessionSettings settings = SessionSettings.DEFAULTS.withWindowSize(options.window());
            List<SmppSession> senders = bindAll(
                    client,
                    target.sender(),
                    BindMode.TRANSCEIVER,
                    options.binds(),
                    settings,
                    new DeliverSmReceiver(new DeliveryRecorder()));
            sessions.addAll(senders);
            out.printf(
                    Locale.ROOT,
                    "bound %d transceivers as %s%s to %s:%d%n",
                    senders.size(),
                    target.sender().systemId(),
                    target.receiver()
                            .map(r -> String.format(
                                    Locale.ROOT, " and %d receivers as %s", options.receiverBinds(), r.systemId()))
                            .orElse(""),
                    options.host(),
                    options.port());

            LoadPlan plan = new LoadPlan(System.nanoTime(), options.warmup(), options.rate(), options.stop());
            long inFlight = (long) options.binds() * options.window();
            SubmitRun run = new SubmitRun(
                    plan,
                    new MessageSource(options.mix(), target.from(), target.to(), MessageSource.segmenterFor(inFlight)),
                    deliveries,
                    target.receiver().isPresent(),
                    new LongAdder());
            List<SubmitRecorder> recorders = new ArrayList<>();
            List<CompletableFuture<Void>> slots = new ArrayList<>();
            for (SmppSession session : senders) {
                SubmitRecorder recorder = new SubmitRecorder();
                recorders.add(recorder);
                for (int i = 0; i < options.window(); i++) {
                    slots.add(new SubmitSlot(session, group.next(), run, recorder).begin());
                }
            }
            awaitWithProgress(CompletableFuture.allOf(slots.toArray(CompletableFuture[]::new)), plan, run);
            SubmitTotals totals = new SubmitTotals();
            recorders.forEach(recorder -> recorder.addTo(totals));
            if (run.trackDeliveries()) {
                awaitDeliveries(deliveries, totals.messagesAccepted());
            }
            long measuredNanos = Math.max(0, totals.lastAnswerNanos() - plan.measureStartNanos());
            return new SmppLoadResult(
                    measuredNanos,
                    totals.latency(),
                    totals.statuses(),
                    totals.messagesAccepted(),
                    totals.messagesRefused(),
                    run.trackDeliveries() ? Optional.of(deliveriesOf(deliveries, plan)) : Optional.empty());
        } finally {
            unbindAll(sessions);
            client.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private List<SmppSession> bindAll(
            SmppClient client,
            SmppCredentials credentials,
            BindMode mode,
            int count,
            SessionSettings settings,
            SmppRequestHandler handler)
            throws IOException, InterruptedException {
        SmppClientConfig config = SmppClientConfig.of(
                        new InetSocketAddress(options.host(), options.port()),
                        mode,
                        credentials.systemId(),
                        credentials.password())
                .withSettings(settings);
        List<CompletableFuture<SmppSession>> binding = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (i >= BINDS_IN_PROGRESS) {
                awaitQuietly(binding.get(i - BINDS_IN_PROGRESS));
            }
            binding.add(client.bind(config, handler).toCompletableFuture());
        }
        List<SmppSession> bound = new ArrayList<>();
        IOException failure = null;
        for (CompletableFuture<SmppSession> future : binding) {
            try {
                bound.add(future.get(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                if (failure == null) {
                    failure = new IOException(
                            "cannot bind as " + credentials.systemId() + " ("
                                    + mode.name().toLowerCase(Locale.ROOT) + ") to " + options.host() + ":"
                                    + options.port()
                                    + ": "
                                    + (cause.getMessage() == null
                                            ? cause.getClass().getSimpleName()
                                            : cause.getMessage()),
                            cause);
                }
            }
        }
        if (failure != null) {
            bound.forEach(SmppSession::close);
            throw failure;
        }
        return bound;
    }

    /** Waits for a bind to end either way; its failure is reported with the others. */
    private static void awaitQuietly(CompletableFuture<SmppSession> bind) throws InterruptedException {
        try {
            bind.get(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // reported when the binds are collected
        }
    }

    private void awaitWithProgress(CompletableFuture<Void> all, LoadPlan plan, SubmitRun run)
            throws InterruptedException {
        long started = System.nanoTime();
        long previousNanos = started;
        long previousAnswers = 0;
        long previousDeliveries = 0;
        while (true) {
            try {
                all.get(PROGRESS_SECONDS, TimeUnit.SECONDS);
                return;
            } catch (TimeoutException e) {
                long now = System.nanoTime();
                long answers = run.answered().sum();
                long delivered = run.deliveries().messages();
                double seconds = (now - previousNanos) / 1e9;
                out.printf(
                        Locale.ROOT,
                        "%6.0f s  %-9s %,12d submit_sm_resp %,9.0f/s%s%n",
                        (now - started) / 1e9,
                        now < plan.measureStartNanos() ? "warm-up" : "measuring",
                        answers,
                        (answers - previousAnswers) / seconds,
                        run.trackDeliveries()
                                ? String.format(
                                        Locale.ROOT,
                                        "  %,12d delivered %,9.0f/s",
                                        delivered,
                                        (delivered - previousDeliveries) / seconds)
                                : "");
                previousAnswers = answers;
                previousDeliveries = delivered;
                previousNanos = now;
            } catch (ExecutionException e) {
                throw new IllegalStateException("a bind failed unexpectedly", e.getCause());
            }
        }
    }

    private void awaitDeliveries(DeliveryRecorder deliveries, long expected) throws InterruptedException {
        long lastCount = deliveries.measured();
        long lastChange = System.nanoTime();
        long lastPrint = lastChange;
        while (deliveries.measured() < expected
                && System.nanoTime() - lastChange < TimeUnit.SECONDS.toNanos(DRAIN_IDLE_SECONDS)) {
            Thread.sleep(50);
            long count = deliveries.measured();
            long now = System.nanoTime();
            if (count != lastCount) {
                lastCount = count;
                lastChange = now;
            }
            if (now - lastPrint >= TimeUnit.SECONDS.toNanos(PROGRESS_SECONDS)) {
                out.printf(Locale.ROOT, "waiting for deliveries: %,d of %,d%n", count, expected);
                lastPrint = now;
            }
        }
    }

    private static SmppLoadResult.Deliveries deliveriesOf(DeliveryRecorder deliveries, LoadPlan plan) {
        long last = deliveries.lastDeliveryNanos();
        long measuredNanos = last == 0 ? 0 : Math.max(0, last - plan.measureStartNanos());
        return new SmppLoadResult.Deliveries(
                deliveries.measured(), measuredNanos, deliveries.delay(), deliveries.unmatched());
    }

    private static void unbindAll(List<SmppSession> sessions) {
        List<CompletableFuture<Void>> unbinding = sessions.stream()
                .map(session -> session.unbind().toCompletableFuture())
                .toList();
        try {
            CompletableFuture.allOf(unbinding.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            sessions.forEach(SmppSession::close); // unbind is a courtesy; the client closes what is left
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
