package io.gomsggw.mm4.smtp;

import static io.gomsggw.mm4.smtp.ServerHarness.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that pipelines 200 000 commands (1.2 MB) behind a message whose reply is pending: once
 * the reply comes, every command is answered (2.8 MB of replies, read only then), in order, none
 * lost, and another client is served meanwhile.
 */
@Timeout(180)
class FloodTest {
    private static final int FLOOD = 200_000;

    private final ExecutorService writer = Executors.newSingleThreadExecutor();
    private ServerHarness harness;

    @AfterEach
    void stop() {
        writer.shutdownNow();
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void commandsPipelinedBehindAPendingReplyWaitInTheSocketNotInTheServer() throws Exception {
        harness = new ServerHarness(s -> s);
        LinkedBlockingQueue<CompletableFuture<SmtpReply>> pending = new LinkedBlockingQueue<>();
        harness.receiver.replies = r -> {
            if (r.text().contains("flood")) {
                CompletableFuture<SmtpReply> held = new CompletableFuture<>();
                pending.add(held);
                return held;
            }
            return CompletableFuture.completedFuture(SmtpReply.ok());
        };
        try (RawSmtpClient flooder = harness.greeted()) {
            expect(250, flooder.command("MAIL FROM:<a@pbx>"));
            expect(250, flooder.command("RCPT TO:<b@gw>"));
            expect(354, flooder.command("DATA"));
            flooder.write("Subject: flood\r\n\r\nx\r\n.\r\n");
            CompletableFuture<SmtpReply> held = pending.poll(30, TimeUnit.SECONDS);
            byte[] noops = "NOOP\r\n".repeat(FLOOD).getBytes(StandardCharsets.US_ASCII);
            Future<?> written = writer.submit(() -> {
                flooder.write(noops);
                return null;
            });

            try (RawSmtpClient other = harness.greeted()) {
                expect(250, other.command("MAIL FROM:<c@pbx>"));
                expect(250, other.command("RCPT TO:<d@gw>"));
                expect(354, other.command("DATA"));
                expect(250, other.command("Subject: other\r\n\r\ny\r\n."));
            }

            held.complete(SmtpReply.ok("2.0.0 flood stored"));
            assertEquals("2.0.0 flood stored", expect(250, flooder.reply()).text());
            for (int i = 0; i < FLOOD; i++) {
                expect(250, flooder.reply());
            }
            written.get(60, TimeUnit.SECONDS);
            expect(221, flooder.command("QUIT"));
        }
        assertEquals(0, harness.server.stats().timeouts());
        assertTrue(harness.server.isListening());
    }
}
