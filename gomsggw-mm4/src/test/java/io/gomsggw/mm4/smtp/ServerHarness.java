package io.gomsggw.mm4.smtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.UnaryOperator;

/** Starts an {@link SmtpServer} on 127.0.0.1, an ephemeral port, for one test. */
final class ServerHarness implements AutoCloseable {
    final RecordingReceiver receiver = new RecordingReceiver();
    final SmtpServer server;

    ServerHarness(UnaryOperator<SmtpServerSettings> adjust) throws IOException {
        server = SmtpServer.start(
                adjust.apply(SmtpServerSettings.defaults(new InetSocketAddress("127.0.0.1", 0), "mm4.test")), receiver);
    }

    /** A raw client past the greeting and {@code EHLO}. */
    RawSmtpClient greeted() throws IOException {
        RawSmtpClient client = new RawSmtpClient(server.address());
        expect(220, client.reply());
        expect(250, client.command("EHLO pbx.example.com"));
        return client;
    }

    /** Waits (without a deadline of its own) until no session is open, as seen by the server. */
    void awaitNoOpenSession() throws InterruptedException {
        while (server.stats().sessionsOpen() > 0) {
            Thread.sleep(10);
        }
    }

    static RawSmtpClient.Reply expect(int code, RawSmtpClient.Reply reply) {
        if (reply.code() != code) {
            throw new AssertionError("expected " + code + " but got " + reply.code() + " " + reply.text());
        }
        return reply;
    }

    @Override
    public void close() {
        server.close();
    }
}
