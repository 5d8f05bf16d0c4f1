package io.gomsggw.mm4.smtp;

import static io.gomsggw.mm4.smtp.ServerHarness.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each reply of the server, as a client on a plain socket sees it. */
@Timeout(60)
class SmtpRepliesTest {
    private ServerHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private ServerHarness start() throws Exception {
        harness = new ServerHarness(s -> s.withMaxMessageBytes(1000).withMaxRecipients(3));
        return harness;
    }

    @Test
    void commandsOutOfOrderAre503() throws Exception {
        start();
        try (RawSmtpClient client = new RawSmtpClient(harness.server.address())) {
            expect(220, client.reply());
            expect(503, client.command("MAIL FROM:<a@pbx>"));
            expect(250, client.command("HELO pbx"));
            expect(503, client.command("RCPT TO:<b@gw>"));
            expect(503, client.command("DATA"));
            expect(250, client.command("MAIL FROM:<a@pbx>"));
            expect(503, client.command("MAIL FROM:<a@pbx>"));
            expect(503, client.command("DATA"));
            expect(250, client.command("RCPT TO:<b@gw>"));
            expect(250, client.command("RSET"));
            expect(503, client.command("RCPT TO:<b@gw>"));
        }
        assertEquals(6, harness.server.stats().commandErrors());
    }

    @Test
    void unknownCommandsAre500AndKnownUnimplementedOnes502() throws Exception {
        start();
        try (RawSmtpClient client = harness.greeted()) {
            expect(500, client.command("FROB x"));
            expect(500, client.command(""));
            for (String verb : List.of("EXPN list", "TURN", "ETRN pbx", "AUTH PLAIN AGFhAGI=", "BDAT 10 LAST")) {
                expect(502, client.command(verb));
            }
            expect(502, client.command("STARTTLS"));
            expect(252, client.command("VRFY someone"));
            assertTrue(expect(214, client.command("HELP")).text().contains("MAIL"));
            expect(250, client.command("NOOP"));
            expect(250, client.command("noop"));
            expect(501, client.command("EHLO"));
            expect(501, client.command("MAIL FROM:<a@pbx"));
            expect(501, client.command("MAIL TO:<a@pbx>"));
            expect(555, client.command("MAIL FROM:<a@pbx> AUTH=<>"));
            expect(501, client.command("MAIL FROM:<a@pbx> BODY=BINARYMIME"));
            expect(250, client.command("MAIL FROM:<> BODY=8BITMIME"));
            expect(501, client.command("RCPT TO:<>"));
            expect(555, client.command("RCPT TO:<b@gw> NOTIFY=SUCCESS"));
            expect(501, client.command("DATA now"));
            expect(221, client.command("QUIT"));
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void aTooLongLineIs500AndTheSessionGoesOn() throws Exception {
        start();
        try (RawSmtpClient client = harness.greeted()) {
            expect(500, client.command("NOOP " + "x".repeat(5000)));
            expect(250, client.command("NOOP"));
            expect(250, client.command("MAIL FROM:<a@pbx>"));
        }
    }

    @Test
    void aDeclaredSizeOverTheLimitIs552() throws Exception {
        start();
        try (RawSmtpClient client = harness.greeted()) {
            assertTrue(expect(552, client.command("MAIL FROM:<a@pbx> SIZE=1001"))
                    .text()
                    .contains("1000"));
            expect(250, client.command("MAIL FROM:<a@pbx> SIZE=1000"));
        }
        assertEquals(1, harness.server.stats().messagesTooLarge());
    }

    @Test
    void aBodyOverTheLimitIsReadToTheDotThen552AndTheSessionGoesOn() throws Exception {
        start();
        try (RawSmtpClient client = harness.greeted()) {
            expect(250, client.command("MAIL FROM:<a@pbx>"));
            expect(250, client.command("RCPT TO:<b@gw>"));
            expect(354, client.command("DATA"));
            client.write(("Subject: big\r\n\r\n" + "y".repeat(70) + "\r\n").repeat(20));
            expect(552, client.command("."));
            // The transaction is over: the next one starts from MAIL and is taken.
            expect(503, client.command("RCPT TO:<b@gw>"));
            expect(250, client.command("MAIL FROM:<a@pbx>"));
            expect(250, client.command("RCPT TO:<b@gw>"));
            expect(354, client.command("DATA"));
            client.write("Subject: small\r\n\r\nfits\r\n");
            expect(250, client.command("."));
        }
        assertEquals("Subject: small\r\n\r\nfits\r\n", harness.receiver.next().text());
        assertTrue(harness.receiver.messages.isEmpty());
        assertEquals(1, harness.server.stats().messagesTooLarge());
    }

    @Test
    void recipientsPastTheLimitAre452AndRefusedOnesAreLeftOut() throws Exception {
        start();
        try (RawSmtpClient client = harness.greeted()) {
            expect(250, client.command("MAIL FROM:<+12505550100/TYPE=PLMN@pbx>"));
            expect(250, client.command("RCPT TO:<one@gw>"));
            expect(550, client.command("RCPT TO:<refused@gw>"));
            expect(250, client.command("RCPT TO:<two@gw>"));
            expect(250, client.command("RCPT TO: three@gw"));
            expect(452, client.command("RCPT TO:<four@gw>"));
            expect(354, client.command("DATA"));
            client.write("Subject: x\r\n\r\nx\r\n");
            expect(250, client.command("."));
        }
        assertEquals(
                List.of("one@gw", "two@gw", "three@gw"),
                harness.receiver.next().envelope().recipients());
    }

    @Test
    void theReceiversReplyIsTheClientsAndAFailureIs451() throws Exception {
        start();
        harness.receiver.replies = r -> r.text().contains("busy")
                ? CompletableFuture.completedFuture(SmtpReply.tryLater("4.3.2 node busy"))
                : r.text().contains("notmm4")
                        ? CompletableFuture.completedFuture(SmtpReply.failed("5.6.0 not an MM4 message"))
                        : CompletableFuture.failedFuture(new IllegalStateException("store down"));
        try (RawSmtpClient client = harness.greeted()) {
            for (String body : List.of("busy", "notmm4", "crash")) {
                expect(250, client.command("MAIL FROM:<a@pbx>"));
                expect(250, client.command("RCPT TO:<b@gw>"));
                expect(354, client.command("DATA"));
                client.write("Subject: " + body + "\r\n\r\nx\r\n");
                RawSmtpClient.Reply reply = client.command(".");
                switch (body) {
                    case "busy" ->
                        assertEquals("4.3.2 node busy", expect(451, reply).text());
                    case "notmm4" ->
                        assertEquals(
                                "5.6.0 not an MM4 message", expect(554, reply).text());
                    default -> expect(451, reply);
                }
            }
            expect(250, client.command("NOOP"));
        }
        assertEquals(3, harness.server.stats().messagesRejected());
    }

    @Test
    void anIdleClientGets421AndIsClosed() throws Exception {
        harness = new ServerHarness(s -> s.withTimeouts(Duration.ofMillis(300), Duration.ofMinutes(3)));
        try (RawSmtpClient client = harness.greeted()) {
            expect(421, client.reply());
            assertTrue(client.closedByServer());
        }
        assertEquals(1, harness.server.stats().timeouts());
    }

    @Test
    void aClientStalledInDataGets421AndNothingIsKept() throws Exception {
        harness = new ServerHarness(s -> s.withTimeouts(Duration.ofMinutes(5), Duration.ofMillis(300)));
        try (RawSmtpClient client = harness.greeted()) {
            expect(250, client.command("MAIL FROM:<a@pbx>"));
            expect(250, client.command("RCPT TO:<b@gw>"));
            expect(354, client.command("DATA"));
            client.write("Subject: stalled\r\n\r\nhalf a bo");
            expect(421, client.reply());
            assertTrue(client.closedByServer());
        }
        harness.awaitNoOpenSession();
        assertTrue(harness.receiver.messages.isEmpty());
        assertEquals(0, harness.server.stats().messagesReceived());
    }

    @Test
    void aRefusedSourceGets554AtTheGreeting() throws Exception {
        start();
        harness.receiver.refusedHosts = java.util.Set.of("127.0.0.1");
        try (RawSmtpClient client = new RawSmtpClient(harness.server.address())) {
            RawSmtpClient.Reply reply = expect(554, client.reply());
            assertTrue(reply.text().contains("no client configured for 127.0.0.1"), reply.text());
            assertTrue(client.closedByServer());
        }
        harness.awaitNoOpenSession();
        assertEquals(1, harness.server.stats().sessionsRefused());
        assertEquals(0, harness.receiver.closes.get());
        assertTrue(harness.server.sessionsByClient().isEmpty());
    }

    @Test
    void sessionsPastTheLimitGet421AtTheGreeting() throws Exception {
        harness = new ServerHarness(s -> s.withMaxSessions(1));
        try (RawSmtpClient first = harness.greeted();
                RawSmtpClient second = new RawSmtpClient(harness.server.address())) {
            expect(421, second.reply());
            assertTrue(second.closedByServer());
            expect(250, first.command("NOOP"));
            assertEquals(java.util.Map.of("pbx", 1), harness.server.sessionsByClient());
        }
        harness.awaitNoOpenSession();
        assertEquals(1, harness.server.stats().sessionsOverLimit());
        assertTrue(harness.server.sessionsByClient().isEmpty());
        assertEquals(1, harness.receiver.closes.get());
    }
}
