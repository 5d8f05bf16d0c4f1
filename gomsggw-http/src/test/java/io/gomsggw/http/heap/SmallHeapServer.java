package io.gomsggw.http.heap;

import io.gomsggw.http.HttpServer;
import io.gomsggw.http.JsonCodec;
import io.gomsggw.http.RouteTable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP server with the default limits, run by {@link SmallHeapTest} in a JVM of its own with a
 * small heap. {@code POST /send} reads a send body with base64 media as the web client API does;
 * {@code GET /peak} tells the most body bytes held at once. Prints {@code port=<n>} once listening
 * and stops when its standard input closes.
 */
public final class SmallHeapServer {
    private SmallHeapServer() {}

    public static void main(String[] args) throws Exception {
        JsonCodec json = new JsonCodec();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(8, 8, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64));
        HttpServer[] server = new HttpServer[1];
        RouteTable router = new RouteTable()
                .post("/send", request -> {
                    byte[] media = json.readObject(request, Set.of("media[].content"))
                            .objects("media")
                            .get(0)
                            .bytes("content");
                    return json.ok(Map.of("media_bytes", media.length));
                })
                .get(
                        "/peak",
                        request -> json.ok(Map.of(
                                "peak",
                                server[0].peakBodyBytesInFlight(),
                                "budget",
                                HttpServer.Settings.defaultBodyMemoryBytes(HttpServer.Settings.DEFAULT_MAX_BODY_BYTES),
                                "in_flight",
                                server[0].bodyBytesInFlight())));
        server[0] = new HttpServer(router, workers);
        InetSocketAddress bound = server[0].start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        System.out.println("port=" + bound.getPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the test closes our standard input
        }
        server[0].close();
        workers.shutdownNow();
    }
}
