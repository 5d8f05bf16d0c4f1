package io.gomsggw.mm4.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A receiver for tests: accepts every source but the refused ones (the attachment is
 * {@code "client-" + port}-free: the key {@code "pbx"}), refuses recipients starting with
 * {@code "refused"}, and records each message read fully from its spool.
 */
final class RecordingReceiver implements MailReceiver<String> {

    /**
     * A message as the receiver saw it: {@code body} read through {@link SpooledMessage#openStream()},
     * {@code bytes} as {@link SpooledMessage#bytes()} gave it.
     */
    record Received(Envelope envelope, byte[] body, byte[] bytes, long size, boolean onDisk) {
        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    final List<InetSocketAddress> sources = new CopyOnWriteArrayList<>();
    final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
    final AtomicInteger closes = new AtomicInteger();
    volatile Set<String> refusedHosts = Set.of();
    /** Decides each message's reply; by default {@code 250}. */
    volatile Function<Received, CompletionStage<SmtpReply>> replies =
            r -> CompletableFuture.completedFuture(SmtpReply.ok("2.0.0 stored"));

    @Override
    public ConnectDecision<String> onConnect(InetSocketAddress source) {
        sources.add(source);
        if (refusedHosts.contains(source.getAddress().getHostAddress())) {
            return ConnectDecision.refuse(
                    "no client configured for " + source.getAddress().getHostAddress());
        }
        return ConnectDecision.accept("pbx-attachment", "pbx");
    }

    @Override
    public SmtpReply onRecipient(String attachment, String mailFrom, String rcptTo) {
        if (rcptTo.startsWith("refused")) {
            return SmtpReply.mailboxRefused("5.7.1 not your number");
        }
        return SmtpReply.ok("2.1.5 OK");
    }

    @Override
    public CompletionStage<SmtpReply> onMessage(String attachment, Envelope envelope, SpooledMessage body) {
        Received received;
        try (InputStream in = body.openStream()) {
            received = new Received(envelope, in.readAllBytes(), body.bytes(), body.size(), body.onDisk());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        messages.add(received);
        return replies.apply(received);
    }

    @Override
    public void onClose(String attachment) {
        closes.incrementAndGet();
    }

    Received next() throws InterruptedException {
        Received r = messages.poll(30, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no message received");
        }
        return r;
    }
}
