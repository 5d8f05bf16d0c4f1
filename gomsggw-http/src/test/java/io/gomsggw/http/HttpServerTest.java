package io.gomsggw.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpServerTest {
    private static final InetSocketAddress ANY_LOOPBACK_PORT =
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final JsonCodec json = new JsonCodec();
    private final ThreadPoolExecutor workers = new ThreadPoolExecutor(
            2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16), r -> new Thread(r, "test-worker"));
    private HttpServer server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }

    private TestHttp start(RouteTable router) throws IOException {
        server = new HttpServer(router, workers);
        return new TestHttp(server.start(ANY_LOOPBACK_PORT));
    }

    private RouteTable echoRouter() {
        return new RouteTable()
                .get(
                        "/thread",
                        r -> json.ok(Map.of("thread", Thread.currentThread().getName())))
                .post("/size", r -> json.ok(Map.of("bytes", r.body().length)));
    }

    @Test
    void handlersRunOnTheWorkerExecutorAndEveryResponseIsJson() throws IOException {
        TestHttp http = start(echoRouter());

        HttpResponse<String> response = http.get("/thread");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"thread\":\"test-worker\"}");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        HttpResponse<String> notFound = http.get("/nowhere");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.body()).isEqualTo("{\"error\":\"not found\"}");
        assertThat(notFound.headers().firstValue("Content-Type")).contains("application/json");
        HttpResponse<String> wrongMethod = http.delete("/thread");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).contains("GET");
        assertThat(wrongMethod.headers().firstValue("Content-Type")).contains("application/json");
    }

    @Test
    void aBodyOfTheDefaultLimitIsAcceptedAndOneByteMoreIs413WithJson() throws IOException {
        TestHttp http = start(echoRouter());
        int limit = HttpServer.Settings.DEFAULT_MAX_BODY_BYTES;

        HttpResponse<String> atLimit = http.send("POST", "/size", new byte[limit]);
        assertThat(atLimit.body()).isEqualTo("{\"bytes\":" + limit + "}");

        HttpResponse<String> overLimit = http.send("POST", "/size", new byte[limit + 1]);
        assertThat(overLimit.statusCode()).isEqualTo(413);
        assertThat(overLimit.body()).isEqualTo("{\"error\":\"request body exceeds 33554432 bytes\"}");
        assertThat(overLimit.headers().firstValue("Content-Type")).contains("application/json");

        assertThat(http.get("/thread").statusCode()).isEqualTo(200);
    }

    @Test
    void anOverLongBodyAnnouncedWithExpectContinueIs413WithJsonBeforeTheBodyIsSent() throws Exception {
        server = new HttpServer(echoRouter(), workers);
        InetSocketAddress bound = server.start(ANY_LOOPBACK_PORT);

        try (Socket socket = new Socket(bound.getAddress(), bound.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("POST /size HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n" + "Content-Length: "
                                    + (HttpServer.Settings.DEFAULT_MAX_BODY_BYTES + 10)
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String response = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);

            assertThat(response)
                    .startsWith("HTTP/1.1 413 Request Entity Too Large")
                    .contains("application/json")
                    .endsWith("{\"error\":\"request body exceeds 33554432 bytes\"}");
        }
    }

    @Test
    void anUnsupportedExpectationIs417WithJson() throws Exception {
        server = new HttpServer(echoRouter(), workers);
        InetSocketAddress bound = server.start(ANY_LOOPBACK_PORT);

        try (Socket socket = new Socket(bound.getAddress(), bound.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("POST /size HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\n"
                                    + "Content-Length: 2\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String response = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 417").endsWith("{\"error\":\"unsupported Expect header\"}");
        }
    }

    @Test
    void aRejectingExecutorMeans503WithRetryAfter() throws IOException {
        server = new HttpServer(echoRouter(), command -> {
            throw new RejectedExecutionException("full");
        });
        TestHttp http = new TestHttp(server.start(ANY_LOOPBACK_PORT));

        HttpResponse<String> response = http.get("/thread");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
        assertThat(response.body()).contains("\"error\"");
        assertThat(http.get("/thread").statusCode()).isEqualTo(503);
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws Exception {
        CountDownLatch secondArrived = new CountDownLatch(1);
        RouteTable router = new RouteTable()
                .get("/slow", r -> {
                    secondArrived.await(200, TimeUnit.MILLISECONDS);
                    return json.ok(Map.of("order", "first"));
                })
                .get("/fast", r -> {
                    secondArrived.countDown();
                    return json.ok(Map.of("order", "second"));
                });
        server = new HttpServer(router, workers);
        InetSocketAddress bound = server.start(ANY_LOOPBACK_PORT);

        try (Socket socket = new Socket(bound.getAddress(), bound.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(
                    ("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String responses = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);

            assertThat(responses.indexOf("first")).isPositive().isLessThan(responses.indexOf("second"));
            assertThat(responses.split("HTTP/1.1 200 OK", -1)).hasSize(3);
        }
    }

    @Test
    void aMalformedRequestIs400AndTheConnectionCloses() throws Exception {
        server = new HttpServer(echoRouter(), workers);
        InetSocketAddress bound = server.start(ANY_LOOPBACK_PORT);

        String response = exchange(bound, "GET /thread HTTP/1.1\r\nHost: x\r\nContent-Length: nine\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400 Bad Request").contains("{\"error\":\"malformed HTTP request\"}");
    }

    @Test
    void aTakenPortIsABindException() throws IOException {
        start(echoRouter());
        try (var other = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            HttpServer second = new HttpServer(echoRouter(), workers);
            InetSocketAddress taken = new InetSocketAddress(InetAddress.getLoopbackAddress(), other.getLocalPort());
            assertThatThrownBy(() -> second.start(taken))
                    .isInstanceOf(BindException.class)
                    .hasMessageContaining(String.valueOf(other.getLocalPort()));
        }
    }

    /** Writes {@code request} on a new connection and reads until the server closes it. */
    static String exchange(InetSocketAddress server, String request) throws IOException {
        try (Socket socket = new Socket(server.getAddress(), server.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toByteArray();
    }
}
