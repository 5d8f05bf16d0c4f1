package io.gomsggw.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gomsggw.http.Route;
import io.gomsggw.server.config.ConfigLoader;
import io.gomsggw.server.config.GatewayConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docs/openapi.json} against the running server: served as is at {@code /openapi.json}, and
 * naming exactly the routes the server registers. A route added without its entry in the document
 * (or an entry left for a route that is gone) fails here, with the difference in the message.
 */
class OpenApiDocumentTest {
    private static final Path DOCUMENT = Path.of("..", "docs", "openapi.json");
    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    @TempDir
    static Path workingDirectory;

    private final ObjectMapper mapper = new ObjectMapper();
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        Map<String, String> env = Map.of(
                "API_KEY",
                "test-admin-key",
                "WEB_LISTEN",
                "127.0.0.1:0",
                "PROMETHEUS_LISTEN",
                "127.0.0.1:0",
                "SMPP_LISTEN",
                "127.0.0.1:0",
                "TRANSCODER_AV_WORKERS",
                "0");
        GatewayConfig config = new ConfigLoader("test-host", 2).load(env, workingDirectory);
        gateway = Gateway.start(
                config, Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void theServerServesTheDocumentOfTheRepositoryWithoutCredentials() throws Exception {
        HttpResponse<byte[]> reply = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                        + gateway.webAddress().getPort() + "/openapi.json"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(reply.body()).isEqualTo(Files.readAllBytes(DOCUMENT));
        assertThat(mapper.readTree(reply.body()).path("openapi").asText()).startsWith("3.");
    }

    @Test
    void everyRegisteredRouteIsDocumentedAndEveryDocumentedOperationIsRegistered() throws Exception {
        Set<String> registered = new TreeSet<>();
        for (Route route : gateway.httpRoutes()) {
            registered.add(route.method().name() + " " + route.template());
        }
        Set<String> documented = new TreeSet<>();
        JsonNode paths = mapper.readTree(DOCUMENT.toFile()).path("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (METHODS.contains(method)) documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            });
        }

        Set<String> undocumented = new TreeSet<>(registered);
        undocumented.removeAll(documented);
        Set<String> notRegistered = new TreeSet<>(documented);
        notRegistered.removeAll(registered);
        assertThat(undocumented)
                .as("routes the server registers but docs/openapi.json does not describe")
                .isEmpty();
        assertThat(notRegistered)
                .as("operations in docs/openapi.json the server does not register")
                .isEmpty();
        assertThat(registered)
                .contains("GET /health", "POST /messages/send", "POST /inbound/{carrier}", "GET /openapi.json");
    }

    @Test
    void everyReferenceInTheDocumentResolvesAndEveryPathParameterIsDeclared() throws Exception {
        JsonNode document = mapper.readTree(DOCUMENT.toFile());
        List<String> broken = new ArrayList<>();
        collectBrokenReferences(document, document, broken);
        assertThat(broken).as("$ref that name nothing").isEmpty();

        List<String> undeclared = new ArrayList<>();
        document.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
                    Set<String> declared = new TreeSet<>();
                    operation.getValue().path("parameters").forEach(p -> {
                        if ("path".equals(p.path("in").asText()))
                            declared.add(p.path("name").asText());
                    });
                    Set<String> inTemplate = new TreeSet<>();
                    java.util.regex.Matcher m =
                            java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path.getKey());
                    while (m.find()) inTemplate.add(m.group(1));
                    if (!declared.equals(inTemplate)) {
                        undeclared.add(operation.getKey() + " " + path.getKey() + " declares " + declared);
                    }
                }));
        assertThat(undeclared)
                .as("operations whose path parameters differ from the template's")
                .isEmpty();
    }

    private static void collectBrokenReferences(JsonNode root, JsonNode node, List<String> broken) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null
                    && (!ref.asText().startsWith("#/")
                            || root.at(ref.asText().substring(1)).isMissingNode())) {
                broken.add(ref.asText());
            }
            node.elements().forEachRemaining(child -> collectBrokenReferences(root, child, broken));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectBrokenReferences(root, child, broken));
        }
    }
}
