package io.gomsggw.server.carriers;

import static io.gomsggw.core.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.gomsggw.server.Gateway;
import io.gomsggw.server.config.ConfigLoader;
import io.gomsggw.server.config.GatewayConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the plug-in of {@code docs/carrier-plugins.md} from the page itself, drops the jar in a
 * plug-in directory, and carries messages through it both ways, so the guide cannot rot.
 */
class CarrierPluginGuideTest {
    private static final Path GUIDE = Path.of("..", "docs", "carrier-plugins.md");
    private static final Pattern FILE_BLOCK =
            Pattern.compile("```(?:java|text) file=(\\S+)\\n(.*?)```", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_KEY = "guide-admin-key";

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<JsonNode> webhooks = new CopyOnWriteArrayList<>();

    @Test
    void theGuidesEchoCarrierCarriesMessagesBothWays() throws Exception {
        Path jar = buildPluginFromGuide(temp.resolve("plugins"));
        assertThat(jar).exists();
        HttpServer receiver = webhookReceiver();
        try (Gateway gateway = start(temp.resolve("plugins"))) {
            String base = "http://127.0.0.1:" + gateway.webAddress().getPort();

            assertThat(post(
                                    base,
                                    "/carriers",
                                    admin(),
                                    "{\"name\":\"echo-1\",\"type\":\"echo\",\"password\":\"s3cret\"}")
                            .statusCode())
                    .isEqualTo(201);
            HttpResponse<String> refused = post(base, "/carriers", admin(), "{\"name\":\"echo-2\",\"type\":\"echo\"}");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).get("field").asText()).isEqualTo("password");

            String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            JsonNode client = JSON.readTree(post(
                            base,
                            "/clients",
                            admin(),
                            "{\"username\":\"alice\",\"password\":\"pw-alice\",\"type\":\"web\"}")
                    .body());
            long id = client.get("id").asLong();
            send(base, "PUT", "/clients/" + id + "/settings", admin(), "{\"default_webhook\":\"" + hook + "\"}");
            assertThat(post(
                                    base,
                                    "/clients/" + id + "/numbers",
                                    admin(),
                                    "{\"number\":\"+12505550199\",\"carrier\":\"echo-1\"}")
                            .statusCode())
                    .isEqualTo(201);

            HttpResponse<String> sent = post(
                    base,
                    "/messages/send",
                    basic("alice", "pw-alice"),
                    "{\"from\":\"+12505550199\",\"to\":\"+16045550100\",\"text\":\"out through the plug-in\"}");
            assertThat(sent.statusCode()).isEqualTo(202);
            String messageId = JSON.readTree(sent.body()).get("id").asText();
            await(
                    "the delivered status webhook",
                    () -> webhooks.stream()
                            .anyMatch(w -> messageId.equals(w.path("id").asText())
                                    && "delivered".equals(w.path("status").asText())));

            HttpRequest.Builder inbound = HttpRequest.newBuilder(URI.create(base + "/inbound/echo-1"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"from\": \"+16045550100\", \"to\": \"+12505550199\", \"text\": \"hi\"}"));
            HttpResponse<String> forged = http.send(
                    inbound.copy().header("X-Echo-Secret", "guess").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(forged.statusCode()).isEqualTo(401);
            HttpResponse<String> signed = http.send(
                    inbound.copy().header("X-Echo-Secret", "s3cret").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(signed.statusCode()).isEqualTo(200);
            assertThat(signed.body()).isEqualTo("{\"ok\":true}");
            await(
                    "the inbound message at alice's webhook",
                    () -> webhooks.stream()
                            .anyMatch(w -> "hi".equals(w.path("text").asText())
                                    && "+16045550100".equals(w.path("from").asText())));
            assertThat(webhooks.stream().filter(w -> "hi".equals(w.path("text").asText())))
                    .hasSize(1);
        } finally {
            receiver.stop(0);
        }
    }

    /** Writes the page's file blocks, compiles the Java ones against the test class path, and jars the result. */
    private Path buildPluginFromGuide(Path pluginsDirectory) throws IOException {
        String guide = Files.readString(GUIDE);
        Path project = Files.createDirectories(temp.resolve("echo"));
        List<Path> sources = new ArrayList<>();
        Matcher block = FILE_BLOCK.matcher(guide);
        while (block.find()) {
            Path file = project.resolve(block.group(1));
            Files.createDirectories(file.getParent());
            Files.writeString(file, block.group(2));
            if (file.toString().endsWith(".java")) {
                sources.add(file);
            }
        }
        assertThat(sources).as("Java blocks in the guide").hasSize(2);
        Path classes = Files.createDirectories(project.resolve("target/classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of(
                "--release", "17", "-d", classes.toString(), "-classpath", System.getProperty("java.class.path")));
        sources.forEach(source -> arguments.add(source.toString()));
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int result = javac.run(null, null, errors, arguments.toArray(String[]::new));
        assertThat(result).as("javac of the guide's sources: " + errors).isZero();

        Files.createDirectories(pluginsDirectory);
        Path jar = pluginsDirectory.resolve("echo-carrier.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            addTree(out, classes);
            addTree(out, project.resolve("src/main/resources"));
        }
        return jar;
    }

    private static void addTree(JarOutputStream out, Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(root.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
    }

    private Gateway start(Path pluginsDirectory) {
        GatewayConfig config = new ConfigLoader("guide-host", 2)
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
                                "127.0.0.1:0",
                                "PLUGINS_DIR",
                                pluginsDirectory.toString()),
                        temp);
        return Gateway.start(
                config, Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private HttpServer webhookReceiver() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/", exchange -> {
            webhooks.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String admin() {
        return basic("admin", API_KEY);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String base, String path, String authorization, String body) throws Exception {
        return send(base, "POST", path, authorization, body);
    }

    private HttpResponse<String> send(String base, String method, String path, String authorization, String body)
            throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", authorization)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
