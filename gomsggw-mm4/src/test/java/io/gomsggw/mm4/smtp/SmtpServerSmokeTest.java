package io.gomsggw.mm4.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SmtpServerSmokeTest {
    private final RecordingReceiver receiver = new RecordingReceiver();
    private SmtpServer server;

    @BeforeEach
    void start() throws Exception {
        server = SmtpServer.start(
                SmtpServerSettings.defaults(new InetSocketAddress("127.0.0.1", 0), "mm4.test"), receiver);
    }

    @AfterEach
    void stop() {
        server.close();
        assertFalse(server.isListening());
    }

    @Test
    void aMessageGoesFromGreetingToTheReceiver() throws Exception {
        try (RawSmtpClient client = new RawSmtpClient(server.address())) {
            assertEquals(220, client.reply().code());
            RawSmtpClient.Reply ehlo = client.command("EHLO pbx.example.com");
            assertEquals(250, ehlo.code());
            assertTrue(ehlo.lines().containsAll(List.of("SIZE 33554432", "8BITMIME", "PIPELINING")), ehlo.text());
            assertFalse(ehlo.lines().contains("STARTTLS"));
            assertEquals(
                    250,
                    client.command("MAIL FROM:<+12505550100/TYPE=PLMN@pbx.example.com>")
                            .code());
            assertEquals(
                    250,
                    client.command("RCPT TO:<+12505550199/TYPE=PLMN@mms.example.com>")
                            .code());
            assertEquals(354, client.command("DATA").code());
            client.write("Subject: hi\r\n\r\n..leading dot\r\nbody\r\n");
            assertEquals(250, client.command(".").code());
            assertEquals(1, server.sessionsByClient().get("pbx"));
            assertEquals(221, client.command("QUIT").code());
            assertTrue(client.closedByServer());
        }
        RecordingReceiver.Received message = receiver.next();
        assertEquals("Subject: hi\r\n\r\n.leading dot\r\nbody\r\n", message.text());
        assertEquals(
                "+12505550100/TYPE=PLMN@pbx.example.com", message.envelope().mailFrom());
        assertEquals(
                List.of("+12505550199/TYPE=PLMN@mms.example.com"),
                message.envelope().recipients());
        assertEquals("pbx.example.com", message.envelope().heloName());
        assertFalse(message.onDisk());
        assertTrue(server.isListening());
    }
}
