package io.gomsggw.mm4.smtp;

import static io.gomsggw.mm4.smtp.ServerHarness.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** STARTTLS at the protocol level, and the PROXY protocol header. */
@Timeout(60)
class StartTlsAndProxyTest {
    private static X509Bundle certificate;
    private ServerHarness harness;

    @BeforeAll
    static void generateCertificate() throws Exception {
        certificate = new CertificateBuilder()
                .subject("CN=localhost")
                .addSanIpAddress("127.0.0.1")
                .notBefore(Instant.now().minus(1, ChronoUnit.DAYS))
                .notAfter(Instant.now().plus(1, ChronoUnit.DAYS))
                .ecp256()
                .setIsCertificateAuthority(true)
                .buildSelfSigned();
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void startTlsResetsTheSessionAndDropsWhatWasPipelinedInPlainText() throws Exception {
        java.nio.file.Path cert = certificate.toTempCertChainPem().toPath();
        java.nio.file.Path key = certificate.toTempPrivateKeyPem().toPath();
        harness = new ServerHarness(s -> s.withTls(cert, key));
        try (RawSmtpClient client = harness.greeted()) {
            expect(250, client.command("MAIL FROM:<a@pbx>"));
            // An injected command behind STARTTLS must not be taken as if it came over TLS.
            client.write("STARTTLS\r\nMAIL FROM:<injected@attacker>\r\n");
            expect(220, client.reply());
            SSLContext trusting = SSLContext.getInstance("TLS");
            trusting.init(null, certificate.toTrustManagerFactory().getTrustManagers(), null);
            try (SSLSocket tls = (SSLSocket) trusting.getSocketFactory()
                    .createSocket(client.socket, "127.0.0.1", client.socket.getPort(), true)) {
                tls.startHandshake();
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = tls.getOutputStream();
                // The first thing read over TLS is the answer to this MAIL: 503, as the session was reset.
                out.write("MAIL FROM:<a@pbx>\r\nEHLO pbx\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertTrue(in.readLine().startsWith("503 "));
                StringBuilder ehlo = new StringBuilder();
                String line;
                do {
                    line = in.readLine();
                    ehlo.append(line).append('\n');
                } while (line.charAt(3) == '-');
                assertTrue(ehlo.toString().contains("PIPELINING"), ehlo.toString());
                assertFalse(ehlo.toString().contains("STARTTLS"), "STARTTLS is not offered again over TLS");
                out.write("STARTTLS\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertTrue(in.readLine().startsWith("503 "));
                assertTrue(in.readLine().startsWith("221 "));
            }
        }
    }

    @Test
    void theProxyHeadersSourceIsWhatOnConnectSeesAndTheEnvelopeCarries() throws Exception {
        harness = new ServerHarness(s -> s.withProxyProtocol(true));
        try (RawSmtpClient client = new RawSmtpClient(harness.server.address())) {
            client.write("PROXY TCP4 203.0.113.7 127.0.0.1 51234 2566\r\n");
            expect(220, client.reply());
            expect(250, client.command("HELO pbx"));
            expect(250, client.command("MAIL FROM:<a@pbx>"));
            expect(250, client.command("RCPT TO:<b@gw>"));
            expect(354, client.command("DATA"));
            client.write("Subject: proxied\r\n\r\nx\r\n");
            expect(250, client.command("."));
        }
        InetSocketAddress expected = new InetSocketAddress("203.0.113.7", 51234);
        assertEquals(expected, harness.receiver.sources.get(0));
        assertEquals(expected, harness.receiver.next().envelope().source());
    }

    @Test
    void aRefusedProxiedSourceGets554() throws Exception {
        harness = new ServerHarness(s -> s.withProxyProtocol(true));
        harness.receiver.refusedHosts = Set.of("198.51.100.9");
        try (RawSmtpClient client = new RawSmtpClient(harness.server.address())) {
            client.write("PROXY TCP4 198.51.100.9 127.0.0.1 40000 2566\r\n");
            expect(554, client.reply());
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void aMissingProxyHeaderClosesTheConnectionWithoutAGreeting() throws Exception {
        harness = new ServerHarness(s -> s.withProxyProtocol(true));
        try (RawSmtpClient client = new RawSmtpClient(harness.server.address())) {
            client.write("EHLO pbx.example.com\r\n");
            assertTrue(client.closedByServer());
        }
        assertTrue(harness.receiver.sources.isEmpty());
    }
}
