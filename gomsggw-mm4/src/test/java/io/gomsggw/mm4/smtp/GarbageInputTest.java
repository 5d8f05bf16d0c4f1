package io.gomsggw.mm4.smtp;

import static io.gomsggw.mm4.smtp.ServerHarness.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Random command lines, pipelined: one reply each, in order, and the server keeps serving. */
@Timeout(120)
class GarbageInputTest {
    /** Verbs that do not change the connection's mode (no DATA, QUIT or STARTTLS). */
    private static final List<String> VERBS = List.of(
            "EHLO",
            "HELO",
            "MAIL",
            "RCPT",
            "RSET",
            "NOOP",
            "VRFY",
            "HELP",
            "EXPN",
            "AUTH",
            "BDAT",
            "mail",
            "Rcpt",
            "MAIL FROM:",
            "RCPT TO:",
            "MAIL FROM:<",
            "RCPT TO:<>");

    private static final Set<Integer> EXPECTED = Set.of(214, 250, 252, 452, 500, 501, 502, 503, 550, 552, 555);

    private ServerHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void everyRandomLineGetsOneReplyInOrder() throws Exception {
        harness = new ServerHarness(s -> s);
        Random random = new Random(20261203);
        for (int round = 0; round < 20; round++) {
            int lines = 50 + random.nextInt(100);
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            for (int i = 0; i < lines; i++) {
                if (random.nextBoolean()) {
                    wire.writeBytes(
                            VERBS.get(random.nextInt(VERBS.size())).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    wire.write(' ');
                }
                int length = random.nextInt(10) == 0 ? 3000 + random.nextInt(3000) : random.nextInt(80);
                for (int j = 0; j < length; j++) {
                    int b = random.nextInt(256);
                    wire.write(b == '\n' || b == '\r' ? 'x' : b);
                }
                wire.writeBytes(random.nextInt(5) == 0 ? new byte[] {'\n'} : new byte[] {'\r', '\n'});
            }
            try (RawSmtpClient client = new RawSmtpClient(harness.server.address())) {
                expect(220, client.reply());
                client.write(wire.toByteArray());
                for (int i = 0; i < lines; i++) {
                    int code = client.reply().code();
                    assertTrue(EXPECTED.contains(code), "unexpected reply " + code + " to line " + i);
                }
                // Still in step: the next command's reply is the next one read.
                assertEquals("2.0.0 OK", expect(250, client.command("NOOP")).text());
            }
        }
        harness.awaitNoOpenSession();
        assertTrue(harness.server.isListening());
        assertTrue(harness.receiver.messages.isEmpty());
    }

    @Test
    void repliesCannotBeSplitByTheReceiversText() {
        SmtpReply reply = SmtpReply.failed("bad\r\n250 injected");
        assertEquals("554 bad  250 injected\r\n", new String(reply.encode(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(
                "250-a\r\n250 b\r\n",
                new String(new SmtpReply(250, List.of("a", "b")).encode(), java.nio.charset.StandardCharsets.UTF_8));
    }
}
