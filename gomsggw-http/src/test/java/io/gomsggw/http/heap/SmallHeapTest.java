package io.gomsggw.http.heap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gomsggw.http.testing.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Many MMS-sized bodies at once against a server in a JVM with a 128 MiB heap and the default
 * limits: the body budget (a quarter of the heap, at least one 32 MiB body) turns the excess away
 * with 503, and the JVM never runs out of memory (it is started to exit at the first
 * OutOfMemoryError, which would fail every later request).
 */
class SmallHeapTest {
    private static final int CLIENTS = 16;
    private static final int PHOTO_BYTES = 4 * 1024 * 1024;

    @Test
    void manyLargeBodiesAtOnceNeverExhaustASmallHeap() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(
                        java.toString(),
                        "-Xmx128m",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-cp",
                        System.getProperty("java.class.path"),
                        SmallHeapServer.class.getName())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            while (line != null && !line.startsWith("port=")) {
                line = out.readLine();
            }
            assertThat(line).as("the server's first line").isNotNull();
            String base = "http://127.0.0.1:" + line.substring("port=".length());
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            byte[] photo = new byte[PHOTO_BYTES];
            new Random(11).nextBytes(photo);
            byte[] body = ("{\"from\":\"+12505550100\",\"to\":\"+12505550200\",\"media\":[{\"content\":\""
                            + Base64.getEncoder().encodeToString(photo) + "\"}]}")
                    .getBytes(StandardCharsets.US_ASCII);

            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                sent.add(client.sendAsync(
                        HttpRequest.newBuilder(URI.create(base + "/send"))
                                .timeout(Duration.ofSeconds(60))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            int accepted = 0;
            int refused = 0;
            for (CompletableFuture<HttpResponse<String>> request : sent) {
                HttpResponse<String> response = request.get(90, TimeUnit.SECONDS);
                if (response.statusCode() == 200) {
                    accepted++;
                    assertThat(response.body()).isEqualTo("{\"media_bytes\":" + PHOTO_BYTES + "}");
                } else {
                    refused++;
                    assertThat(response.statusCode()).isEqualTo(503);
                    assertThat(response.headers().firstValue("Retry-After")).contains("1");
                }
            }

            assertThat(process.isAlive()).isTrue();
            JsonNode peak = Json.parse(client.send(
                            HttpRequest.newBuilder(URI.create(base + "/peak")).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            LoggerFactory.getLogger(SmallHeapTest.class)
                    .warn(
                            "clients={} body_bytes={} accepted={} refused={} " + "peak_body_bytes={} budget_bytes={}",
                            CLIENTS,
                            body.length,
                            accepted,
                            refused,
                            peak.get("peak").asLong(),
                            peak.get("budget").asLong());
            assertThat(accepted).isPositive();
            assertThat(peak.get("peak").asLong())
                    .isLessThanOrEqualTo(peak.get("budget").asLong());
            assertThat(peak.get("in_flight").asLong()).isZero();
            HttpResponse<String> after = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/send"))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(after.statusCode()).isEqualTo(200);
        } finally {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
