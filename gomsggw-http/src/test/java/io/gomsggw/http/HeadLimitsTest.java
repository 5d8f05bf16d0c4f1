package io.gomsggw.http;

import static io.gomsggw.http.BodyBudgetTest.ascii;
import static io.gomsggw.http.BodyBudgetTest.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Request heads that come too slowly or are too long, over raw sockets. */
class HeadLimitsTest {
    private static final Duration HEAD_TIMEOUT = Duration.ofMillis(300);

    private final JsonCodec json = new JsonCodec();
    private final ThreadPoolExecutor workers =
            new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16));
    private HttpServer server;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws IOException {
        RouteTable router = new RouteTable().get("/ok", r -> json.ok(Map.of("ok", true)));
        server = new HttpServer(router, workers, HttpServer.Settings.defaults().withHeadTimeout(HEAD_TIMEOUT));
        address = server.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void stop() {
        server.close();
        workers.shutdownNow();
    }

    @Test
    void aClientSendingItsHeadersSlowlyGets408AndIsClosed() throws Exception {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(ascii("GET /ok HTTP/1.1\r\nHost: x\r\n"));
            int sent = 0;
            try {
                // One header line every 50 ms: never idle, never done. Gives up after 20 s.
                for (; sent < 400 && socket.getInputStream().available() == 0; sent++) {
                    out.write(ascii("X-Slow-" + sent + ": a\r\n"));
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (SocketException closedUnderUs) {
                // the server closed while a line was on its way
            }
            String answer = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);

            org.slf4j.LoggerFactory.getLogger(HeadLimitsTest.class)
                    .warn("slow head: header_lines_sent={} " + "head_timeout_ms={}", sent, HEAD_TIMEOUT.toMillis());
            assertThat(sent).isLessThan(400);
            assertThat(answer)
                    .startsWith("HTTP/1.1 408 Request Timeout")
                    .endsWith("{\"error\":\"request head not received in time\"}");
            assertThatCode(() -> {
                        // Closed abruptly, the server would answer these lines with a reset; under
                        // load that reset overtook the unread 408 ("connection reset").
                        out.write(ascii("X-Late-1: a\r\n"));
                        out.flush();
                        Thread.sleep(200);
                        out.write(ascii("X-Late-2: a\r\n"));
                        out.flush();
                    })
                    .as("the server still drains what the client sends after its answer")
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosed() throws Exception {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(10_000);

            String answer = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 408");
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsNotClosedByTheHeadTimeout() throws Exception {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(10_000);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            socket.getOutputStream().write(ascii("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n"));
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
            skipResponse(in);

            Thread.sleep(HEAD_TIMEOUT.toMillis() * 3);
            socket.getOutputStream().write(ascii("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n"));

            assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    void headersOverTheLimitAre431AndTheConnectionCloses() throws Exception {
        String big = "a".repeat(HttpServer.Settings.DEFAULT_MAX_HEADER_BYTES);

        String answer = HttpServerTest.exchange(address, "GET /ok HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n");

        assertThat(answer)
                .startsWith("HTTP/1.1 431 Request Header Fields Too Large")
                .containsIgnoringCase("Connection: close")
                .endsWith("{\"error\":\"request headers longer than 16384 bytes\"}");
    }

    @Test
    void manyHeadersJustUnderTheLimitAreAccepted() throws Exception {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; headers.length() < HttpServer.Settings.DEFAULT_MAX_HEADER_BYTES - 200; i++) {
            headers.append("X-Header-")
                    .append(i)
                    .append(": ")
                    .append("v".repeat(80))
                    .append("\r\n");
        }

        String answer = HttpServerTest.exchange(
                address, "GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + headers + "\r\n");

        assertThat(answer).startsWith("HTTP/1.1 200 OK");
    }

    @Test
    void aRequestLineOverTheLimitIs414AndTheConnectionCloses() throws Exception {
        String uri = "/ok?q=" + "a".repeat(HttpServer.Settings.DEFAULT_MAX_REQUEST_LINE_BYTES);

        String answer = HttpServerTest.exchange(address, "GET " + uri + " HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(answer)
                .startsWith("HTTP/1.1 414 Request-URI Too Long")
                .endsWith("{\"error\":\"request line longer than 8192 bytes\"}");
    }

    private static void skipResponse(BufferedReader in) throws IOException {
        int length = 0;
        for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        in.skip(length);
    }
}
