package io.gomsggw.http.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.crypto.SecretCipher;
import io.gomsggw.core.model.Direction;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.store.jdbi.JdbiStores;
import io.gomsggw.core.testing.MutableClock;
import io.gomsggw.core.testing.TestDatabases;
import io.gomsggw.http.HttpServer;
import io.gomsggw.http.RouteTable;
import io.gomsggw.http.testing.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hosted media: published with a 7-day life, served by token with its own content type, gone after. */
class MediaRoutesTest {
    private static final byte[] GIF = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0};

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final JdbiStores stores = new JdbiStores(
            TestDatabases.h2InMemory(), SecretCipher.fromKeyString(SecretCipher.generateKeyString()), clock);
    private final ThreadPoolExecutor workers =
            new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16));
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer server;
    private HostedMedia hosted;

    @BeforeEach
    void start() throws IOException {
        RouteTable router = new RouteTable();
        new MediaRoutes(stores.media(), clock).register(router);
        server = new HttpServer(router, workers);
        InetSocketAddress address = server.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        hosted = new HostedMedia(stores.media(), "http://127.0.0.1:" + address.getPort() + "/", clock);
    }

    @AfterEach
    void stop() {
        server.close();
        workers.shutdownNow();
    }

    private Message mms(MediaPart... parts) {
        return Message.builder()
                .id("m-1")
                .type(MessageType.MMS)
                .direction(Direction.OUTBOUND)
                .from("+12505550100")
                .to("+14155550123")
                .media(List.of(parts))
                .createdAt(clock.instant())
                .build();
    }

    private HttpResponse<byte[]> get(String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("User-Agent", "carrier-fetcher/1.0")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void publishedMediaIsServedWithItsContentTypeUntilItExpires() throws Exception {
        List<String> links = hosted.publish(mms(
                new MediaPart("a.gif", "image/gif", GIF), new MediaPart("b.txt", "text/plain", "hello".getBytes())));

        assertThat(links)
                .hasSize(2)
                .allSatisfy(link -> assertThat(link).matches("http://127\\.0\\.0\\.1:\\d+/media/[A-Za-z0-9_-]{43}"));
        HttpResponse<byte[]> gif = get(links.get(0));
        assertThat(gif.statusCode()).isEqualTo(200);
        assertThat(gif.headers().firstValue("Content-Type")).contains("image/gif");
        assertThat(gif.headers().firstValue("Cache-Control")).contains("private, max-age=604800");
        assertThat(gif.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(gif.body()).isEqualTo(GIF);
        assertThat(get(links.get(1)).body()).isEqualTo("hello".getBytes());

        clock.advance(Duration.ofDays(6));
        assertThat(get(links.get(0)).headers().firstValue("Cache-Control")).contains("private, max-age=86400");

        clock.advance(Duration.ofDays(1));
        HttpResponse<byte[]> expired = get(links.get(0));
        assertThat(expired.statusCode()).isEqualTo(404);
        assertThat(expired.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(Json.parse(expired.body()).get("error").asText()).contains("not found");
    }

    @Test
    void unknownTokensAreNotFound() throws Exception {
        String base =
                hosted.publish(mms(new MediaPart("a.gif", "image/gif", GIF))).get(0);
        String prefix = base.substring(0, base.lastIndexOf('/') + 1);

        assertThat(get(prefix + "A".repeat(43)).statusCode()).isEqualTo(404);
        assertThat(get(prefix + "..%2F..%2Fetc").statusCode()).isEqualTo(404);
        assertThat(get(prefix + "x".repeat(300)).statusCode()).isEqualTo(404);
    }
}
