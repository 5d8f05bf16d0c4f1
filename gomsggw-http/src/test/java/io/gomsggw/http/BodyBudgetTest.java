package io.gomsggw.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.testing.Eventually;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Request bodies within their size limit and within the memory all bodies in flight share. */
class BodyBudgetTest {
    private static final int MIB = 1024 * 1024;
    private static final InetSocketAddress ANY_LOOPBACK_PORT =
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final JsonCodec json = new JsonCodec();
    private final ThreadPoolExecutor workers =
            new ThreadPoolExecutor(8, 8, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64));
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger held = new AtomicInteger();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private HttpServer server;

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        if (server != null) {
            server.close();
        }
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** A server with bodies up to 4 MiB and 8 MiB for all of them; {@code /hold} waits for {@link #release}. */
    private InetSocketAddress start() throws IOException {
        RouteTable router = new RouteTable()
                .post("/hold", r -> {
                    held.incrementAndGet();
                    release.await(30, TimeUnit.SECONDS);
                    return json.ok(Map.of("bytes", r.body().length));
                })
                .post("/size", r -> json.ok(Map.of("bytes", r.body().length)));
        server = new HttpServer(router, workers, HttpServer.Settings.defaults().withBodyLimits(4 * MIB, 8 * MIB));
        return server.start(ANY_LOOPBACK_PORT);
    }

    private CompletableFuture<HttpResponse<String>> post(InetSocketAddress address, String path, int bytes) {
        return client.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + path))
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[bytes]))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void manyLargeBodiesAtOnceGet503BeyondTheBudgetAndTheServerServesNormallyAfterwards() throws Exception {
        InetSocketAddress address = start();
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            sent.add(post(address, "/hold", 3 * MIB));
        }

        // Two 3 MiB bodies fit in 8 MiB; their handlers hold them. The other ten are answered meanwhile.
        Eventually.await(
                "ten answered",
                () -> sent.stream().filter(CompletableFuture::isDone).count() == 10);
        List<HttpResponse<String>> refused = sent.stream()
                .filter(CompletableFuture::isDone)
                .map(CompletableFuture::join)
                .toList();
        assertThat(refused).hasSize(10).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).contains("1");
            assertThat(response.body()).contains("\"error\"");
        });
        // The two reserved bodies reach their handlers on the worker pool, possibly after the ten refusals.
        Eventually.await("two bodies held", () -> held.get() == 2);
        assertThat(server.bodyBytesInFlight()).isEqualTo(6L * MIB);

        release.countDown();
        long served = sent.stream()
                .map(CompletableFuture::join)
                .filter(r -> r.statusCode() == 200)
                .count();
        assertThat(served).isEqualTo(2);
        assertThat(server.bodyBytesInFlight()).isZero();
        assertThat(server.peakBodyBytesInFlight()).isLessThanOrEqualTo(8L * MIB);
        HttpResponse<String> after = post(address, "/size", 4 * MIB).get(20, TimeUnit.SECONDS);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).isEqualTo("{\"bytes\":" + 4 * MIB + "}");
    }

    @Test
    void aChunkedBodyIsRefusedWhenItGrowsPastTheLimitAndTheConnectionStaysUsable() throws Exception {
        InetSocketAddress address = start();
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(ascii("POST /size HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"));
            byte[] chunk = new byte[MIB];
            for (int i = 0; i < 5; i++) {
                out.write(ascii(Integer.toHexString(chunk.length) + "\r\n"));
                out.write(chunk);
                out.write(ascii("\r\n"));
            }
            out.write(ascii(
                    "0\r\n\r\nPOST /size HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc"));

            String answers = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);

            assertThat(answers)
                    .startsWith("HTTP/1.1 413 Request Entity Too Large")
                    .contains("{\"error\":\"request body exceeds 4194304 bytes\"}")
                    .endsWith("{\"bytes\":3}");
        }
        assertThat(server.bodyBytesInFlight()).isZero();
    }

    @Test
    void aChunkedBodyTheBudgetCannotHoldIs503() throws Exception {
        InetSocketAddress address = start();
        CompletableFuture<HttpResponse<String>> first = post(address, "/hold", 4 * MIB);
        CompletableFuture<HttpResponse<String>> second = post(address, "/hold", 3 * MIB);
        Eventually.await("two bodies held", () -> held.get() == 2);
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(
                    ascii("POST /size HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"));
            byte[] chunk = new byte[MIB];
            for (int i = 0; i < 2; i++) {
                out.write(ascii(Integer.toHexString(chunk.length) + "\r\n"));
                out.write(chunk);
                out.write(ascii("\r\n"));
            }
            out.write(ascii("0\r\n\r\n"));

            String answer = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 503").contains("Retry-After: 1");
        }
        release.countDown();
        assertThat(first.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(second.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(server.bodyBytesInFlight()).isZero();
    }

    @Test
    void withExpectContinueABodyTheBudgetCannotHoldIsRefusedBeforeItIsSent() throws Exception {
        InetSocketAddress address = start();
        CompletableFuture<HttpResponse<String>> first = post(address, "/hold", 4 * MIB);
        CompletableFuture<HttpResponse<String>> second = post(address, "/hold", 4 * MIB);
        Eventually.await("two bodies held", () -> held.get() == 2);
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(ascii("POST /size HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                            + "Content-Length: 1000\r\nConnection: close\r\n\r\n"));

            String answer = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);

            assertThat(answer)
                    .startsWith("HTTP/1.1 503")
                    .doesNotContain("100 Continue")
                    .endsWith("{\"error\":\"too many large requests in progress, retry later\"}");
        }
        release.countDown();
        first.get(20, TimeUnit.SECONDS);
        second.get(20, TimeUnit.SECONDS);
    }

    @Test
    void aClosedConnectionGivesItsReservationBack() throws Exception {
        InetSocketAddress address = start();
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.getOutputStream()
                    .write(ascii("POST /size HTTP/1.1\r\nHost: x\r\nContent-Length: 4000000\r\n\r\npartial"));
            Eventually.await("the body reserved", () -> server.bodyBytesInFlight() == 4_000_000);
        }
        Eventually.await("the reservation given back", () -> server.bodyBytesInFlight() == 0);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toByteArray();
    }
}
