package io.gomsggw.server.bench;

import io.gomsggw.mm4.smtp.ConnectDecision;
import io.gomsggw.mm4.smtp.Envelope;
import io.gomsggw.mm4.smtp.MailReceiver;
import io.gomsggw.mm4.smtp.SmtpReply;
import io.gomsggw.mm4.smtp.SmtpServer;
import io.gomsggw.mm4.smtp.SmtpServerSettings;
import io.gomsggw.mm4.smtp.SpooledMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code bench mm4 --sink}: the do-nothing baseline. The gateway's own SMTP server, in the bench's process,
 * with a receiver that takes every connection and recipient and answers {@code 250} to every message without
 * reading it: what the generator and the SMTP layer cost on this machine, with no parsing and no storing.
 */
final class Mm4Sink implements AutoCloseable {
    private final SmtpServer server;

    private Mm4Sink(SmtpServer server) {
        this.server = server;
    }

    static Mm4Sink start() throws IOException {
        return new Mm4Sink(SmtpServer.start(
                SmtpServerSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "sink"),
                new MailReceiver<String>() {
                    @Override
                    public ConnectDecision<String> onConnect(InetSocketAddress source) {
                        return ConnectDecision.accept("sink", "sink");
                    }

                    @Override
                    public SmtpReply onRecipient(String attachment, String mailFrom, String rcptTo) {
                        return SmtpReply.ok();
                    }

                    @Override
                    public CompletionStage<SmtpReply> onMessage(
                            String attachment, Envelope envelope, SpooledMessage body) {
                        return CompletableFuture.completedFuture(SmtpReply.ok("2.0.0 dropped"));
                    }
                }));
    }

    int port() {
        return server.address().getPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
