package io.gomsggw.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bodies announced with a length and streamed in chunks are both held to the limit. */
class BoundedBodyTest {
    private static final int SIZE = 100_000;

    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/sized", exchange -> answer(exchange, SIZE));
        server.createContext("/chunked", exchange -> answer(exchange, 0));
        server.start();
    }

    private static void answer(HttpExchange exchange, long announced) throws IOException {
        exchange.sendResponseHeaders(200, announced);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < SIZE / 1000; i++) {
                out.write(new byte[1000]);
            }
        } catch (IOException closedByTheClient) {
            // the client stopped reading, as it should
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private <T> HttpResponse<T> get(String path, HttpResponse.BodyHandler<T> handler) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return http.sendAsync(HttpRequest.newBuilder(uri).build(), handler).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aBodyOverTheLimitFailsTheExchange() {
        for (String path : new String[] {"/sized", "/chunked"}) {
            assertThatThrownBy(() -> get(path, BoundedBody.failingAbove(SIZE - 1)))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(BoundedBody.TooLargeException.class);
        }
    }

    @Test
    void aBodyWithinTheLimitArrivesWhole() throws Exception {
        assertThat(get("/sized", BoundedBody.failingAbove(SIZE)).body()).hasSize(SIZE);
        assertThat(get("/chunked", BoundedBody.failingAbove(SIZE)).body()).hasSize(SIZE);
    }

    @Test
    void aTruncatedBodyKeepsItsBeginning() throws Exception {
        assertThat(get("/sized", BoundedBody.truncatedAt(10)).body()).hasSize(10);
        assertThat(get("/chunked", BoundedBody.truncatedAt(10)).body()).hasSize(10);
        assertThat(get("/sized", BoundedBody.truncatedAt(SIZE * 2)).body()).hasSize(SIZE);
    }
}
