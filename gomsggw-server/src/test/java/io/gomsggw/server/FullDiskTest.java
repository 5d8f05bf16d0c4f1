package io.gomsggw.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gomsggw.core.store.log.LogFiles;
import io.gomsggw.core.testing.Eventually;
import io.gomsggw.server.config.ConfigLoader;
import io.gomsggw.server.config.GatewayConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk under the embedded message log, injected as a log file whose writes fail: the node
 * refuses new messages with 503, says so in {@code /health}, and takes messages again by itself
 * once writes succeed, with nothing acknowledged lost.
 */
class FullDiskTest {
    private static final String API_KEY = "full-disk-admin-key";

    @TempDir
    Path workingDirectory;

    private final DiskThatFills disk = new DiskThatFills();
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) gateway.close();
    }

    @Test
    void refusesWhileTheDiskIsFullReportsItAndRecoversByItself() throws Exception {
        gateway = start(disk);
        setUpClient();
        HttpProbe web = new HttpProbe(base(), "shop", "pw-shop");
        String before = accepted(web.post("/messages/send", send("before the disk filled up")));
        Eventually.await(
                "the first message is delivered", () -> status(web, before).equals("delivered"));

        disk.full.set(true);
        HttpProbe.Reply refused = web.post("/messages/send", send("while the disk is full"));
        assertThat(refused.status()).isEqualTo(503);
        HttpProbe.Reply health = new HttpProbe(base(), null).get("/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.body().get("database").asText()).isEqualTo("down");
        assertThat(health.body().get("down")).extracting(JsonNode::asText).containsExactly("database");
        assertThat(health.body().get("listeners").get("http").asText()).isEqualTo("up");
        assertThat(web.post("/messages/send", send("still full")).status()).isEqualTo(503);

        disk.full.set(false);
        Eventually.await(
                "the node reports itself healthy again",
                () -> call(() -> new HttpProbe(base(), null).get("/health").status()) == 200);
        String after = accepted(web.post("/messages/send", send("after space was freed")));

        gateway.close();
        gateway = start(LogFiles.SYSTEM);
        HttpProbe again = new HttpProbe(base(), "shop", "pw-shop");
        assertThat(status(again, before)).isEqualTo("delivered");
        assertThat(again.get("/messages/" + after).status()).isEqualTo(200);
    }

    private Gateway start(LogFiles files) {
        GatewayConfig config = new ConfigLoader("full-disk", 2)
                .load(
                        Map.of(
                                "API_KEY",
                                API_KEY,
                                "WEB_LISTEN",
                                "127.0.0.1:0",
                                "PROMETHEUS_LISTEN",
                                "127.0.0.1:0",
                                "SMPP_LISTEN",
                                "127.0.0.1:0",
                                "MM4_LISTEN",
                                "127.0.0.1:0"),
                        workingDirectory);
        return Gateway.start(
                config,
                Clock.systemUTC(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                files);
    }

    private String base() {
        return "http://127.0.0.1:" + gateway.webAddress().getPort();
    }

    private void setUpClient() throws Exception {
        HttpProbe admin = new HttpProbe(base(), API_KEY);
        assertThat(admin.post("/carriers", "{\"name\":\"loop\",\"type\":\"loopback\"}")
                        .status())
                .isEqualTo(201);
        long id = admin.post("/clients", "{\"username\":\"shop\",\"password\":\"pw-shop\",\"type\":\"web\"}")
                .body()
                .get("id")
                .asLong();
        assertThat(admin.post("/clients/" + id + "/numbers", "{\"number\":\"+12505550001\",\"carrier\":\"loop\"}")
                        .status())
                .isEqualTo(201);
    }

    private static String send(String text) {
        return "{\"from\":\"+12505550001\",\"to\":\"+16045550002\",\"text\":\"" + text + "\"}";
    }

    private static String accepted(HttpProbe.Reply reply) {
        assertThat(reply.status()).isEqualTo(202);
        return reply.body().get("id").asText();
    }

    private static String status(HttpProbe web, String id) {
        return call(() -> web.get("/messages/" + id).body().get("status").asText());
    }

    private interface Call<T> {
        T run() throws Exception;
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The real files, except that every write fails half-way, as on a full disk, while {@link #full} is set. */
    private static final class DiskThatFills implements LogFiles {
        final AtomicBoolean full = new AtomicBoolean();

        @Override
        public AppendFile create(Path path) throws IOException {
            AppendFile file = SYSTEM.create(path);
            return new AppendFile() {
                @Override
                public void write(ByteBuffer bytes) throws IOException {
                    if (full.get()) {
                        ByteBuffer half = bytes.duplicate();
                        half.limit(half.position() + half.remaining() / 2);
                        file.write(half);
                        throw new IOException("No space left on device");
                    }
                    file.write(bytes);
                }

                @Override
                public void force() throws IOException {
                    file.force();
                }

                @Override
                public void truncate(long size) throws IOException {
                    file.truncate(size);
                }

                @Override
                public void close() throws IOException {
                    file.close();
                }
            };
        }

        @Override
        public void syncDirectory(Path directory) throws IOException {
            SYSTEM.syncDirectory(directory);
        }

        @Override
        public void delete(Path path) throws IOException {
            SYSTEM.delete(path);
        }
    }
}
