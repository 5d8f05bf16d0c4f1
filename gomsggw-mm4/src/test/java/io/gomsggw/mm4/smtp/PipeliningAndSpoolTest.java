package io.gomsggw.mm4.smtp;

import static io.gomsggw.mm4.smtp.ServerHarness.expect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Pipelined commands, the pause while a reply is pending, and where bodies are kept. */
@Timeout(120)
class PipeliningAndSpoolTest {
    @TempDir
    Path spoolDirectory;

    private ServerHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrderEvenWhileAReplyIsPending() throws Exception {
        harness = new ServerHarness(s -> s);
        LinkedBlockingQueue<CompletableFuture<SmtpReply>> pending = new LinkedBlockingQueue<>();
        harness.receiver.replies = r -> {
            CompletableFuture<SmtpReply> reply = new CompletableFuture<>();
            pending.add(reply);
            return reply;
        };
        try (RawSmtpClient client = new RawSmtpClient(harness.server.address())) {
            expect(220, client.reply());
            client.write("EHLO pbx\r\nMAIL FROM:<a@pbx>\r\nRCPT TO:<refused@gw>\r\nRCPT TO:<b@gw>\r\nDATA\r\n");
            expect(250, client.reply());
            expect(250, client.reply());
            expect(550, client.reply());
            expect(250, client.reply());
            expect(354, client.reply());
            // The body, its end and the next transaction in one write, while the node has not answered.
            client.write("Subject: one\r\n\r\nfirst\r\n.\r\nNOOP\r\nMAIL FROM:<a@pbx>\r\nRCPT TO:<c@gw>\r\nDATA\r\n");
            CompletableFuture<SmtpReply> first = pending.poll(30, TimeUnit.SECONDS);
            assertEquals(
                    "Subject: one\r\n\r\nfirst\r\n", harness.receiver.next().text());
            first.complete(SmtpReply.ok("2.0.0 first stored"));
            assertEquals("2.0.0 first stored", expect(250, client.reply()).text());
            assertEquals("2.0.0 OK", expect(250, client.reply()).text());
            expect(250, client.reply());
            expect(250, client.reply());
            expect(354, client.reply());
            client.write("Subject: two\r\n\r\nsecond\r\n.\r\nQUIT\r\n");
            pending.poll(30, TimeUnit.SECONDS).complete(SmtpReply.ok("2.0.0 second stored"));
            assertEquals("2.0.0 second stored", expect(250, client.reply()).text());
            expect(221, client.reply());
            assertTrue(client.closedByServer());
        }
        RecordingReceiver.Received second = harness.receiver.next();
        assertEquals("Subject: two\r\n\r\nsecond\r\n", second.text());
        assertEquals(List.of("c@gw"), second.envelope().recipients());
    }

    @Test
    void aClientGoneMidDataLeavesNoMessageAndNoFile() throws Exception {
        harness = new ServerHarness(s -> s.withSpool(1024, spoolDirectory));
        try (RawSmtpClient client = harness.greeted()) {
            expect(250, client.command("MAIL FROM:<a@pbx>"));
            expect(250, client.command("RCPT TO:<b@gw>"));
            expect(354, client.command("DATA"));
            client.write("Subject: cut\r\n\r\n" + "z".repeat(100_000) + "\r\n");
            // Beyond the 1 KiB threshold the spool is a file; wait until the server made it.
            while (fileCount() == 0) {
                Thread.sleep(10);
            }
        }
        harness.awaitNoOpenSession();
        assertEquals(0, fileCount());
        assertTrue(harness.receiver.messages.isEmpty());
        assertEquals(0, harness.server.stats().messagesReceived());
        assertEquals(1, harness.receiver.closes.get());
    }

    @Test
    void aFiveMegabyteBodyGoesThroughAFileThatIsDeletedAfterTheReply() throws Exception {
        harness = new ServerHarness(s -> s.withSpool(SmtpServerSettings.DEFAULT_SPOOL_MEMORY_BYTES, spoolDirectory));
        CompletableFuture<SmtpReply> reply = new CompletableFuture<>();
        harness.receiver.replies = r -> reply;
        byte[] body = fiveMegabytes(false);
        byte[] wire = fiveMegabytes(true);
        try (RawSmtpClient client = harness.greeted()) {
            expect(250, client.command("MAIL FROM:<a@pbx> SIZE=" + wire.length));
            expect(250, client.command("RCPT TO:<b@gw>"));
            expect(354, client.command("DATA"));
            client.write(wire);
            client.write(".\r\n");
            RecordingReceiver.Received received = harness.receiver.next();
            assertTrue(received.onDisk(), "a body past the in-memory threshold must be in a file");
            assertEquals(body.length, received.size());
            assertArrayEquals(body, received.body());
            assertArrayEquals(body, received.bytes());
            assertEquals(1, fileCount(), "the spool file lives until the reply");
            reply.complete(SmtpReply.ok());
            expect(250, client.reply());
        }
        assertEquals(0, fileCount());
        assertEquals(body.length, harness.server.stats().bytesReceived());
    }

    @Test
    void aSmallBodyStaysInMemory() throws Exception {
        harness = new ServerHarness(s -> s.withSpool(SmtpServerSettings.DEFAULT_SPOOL_MEMORY_BYTES, spoolDirectory));
        try (RawSmtpClient client = harness.greeted()) {
            expect(250, client.command("MAIL FROM:<a@pbx>"));
            expect(250, client.command("RCPT TO:<b@gw>"));
            expect(354, client.command("DATA"));
            client.write("Subject: small\r\n\r\n" + "s".repeat(1000) + "\r\n");
            expect(250, client.command("."));
        }
        assertFalse(harness.receiver.next().onDisk());
        assertEquals(0, fileCount());
    }

    @Test
    void aDeclaredSizeShapesOnlyTheMemoryNotTheBody() throws Exception {
        harness = new ServerHarness(s -> s.withSpool(SmtpServerSettings.DEFAULT_SPOOL_MEMORY_BYTES, spoolDirectory));
        String text = "Subject: sized\r\n\r\n" + "s".repeat(70_000) + "\r\n";
        int length = text.length();
        try (RawSmtpClient client = harness.greeted()) {
            for (String size : List.of("", " SIZE=" + length, " SIZE=" + (length - 5000), " SIZE=" + (length + 5000))) {
                expect(250, client.command("MAIL FROM:<a@pbx>" + size));
                expect(250, client.command("RCPT TO:<b@gw>"));
                expect(354, client.command("DATA"));
                client.write(text);
                expect(250, client.command("."));
                RecordingReceiver.Received received = harness.receiver.next();
                assertFalse(received.onDisk());
                assertEquals(text, received.text(), "declared" + size);
                assertArrayEquals(received.body(), received.bytes(), "declared" + size);
            }
        }
        assertEquals(0, fileCount());
    }

    /** 5 MB of base64-like lines, some starting with a dot: dot-stuffed as on the wire, or not. */
    private static byte[] fiveMegabytes(boolean stuffed) {
        StringBuilder wire = new StringBuilder("Subject: big\r\nContent-Type: image/jpeg\r\n\r\n");
        int line = 0;
        while (line < 70_000) {
            wire.append(line % 97 == 0 ? (stuffed ? ".." : ".") : "")
                    .append("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ej")
                    .append(line++ % 10)
                    .append("\r\n");
        }
        return wire.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private long fileCount() throws Exception {
        try (Stream<Path> files = Files.list(spoolDirectory)) {
            return files.count();
        }
    }
}
