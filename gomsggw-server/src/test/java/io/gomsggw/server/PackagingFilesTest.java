package io.gomsggw.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gomsggw.server.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What can be checked here of the files operators deploy with (no Docker engine or systemd on the
 * build machine): they parse, they name only variables the server reads, and the commands they run
 * are the jar's real commands.
 */
class PackagingFilesTest {
    private static final Path ROOT = Path.of("..");
    private static final Set<String> DOCKERFILE_INSTRUCTIONS = Set.of(
            "FROM",
            "ARG",
            "WORKDIR",
            "COPY",
            "RUN",
            "USER",
            "ENV",
            "VOLUME",
            "EXPOSE",
            "HEALTHCHECK",
            "ENTRYPOINT",
            "CMD",
            "LABEL");

    @TempDir
    Path workingDirectory;

    /** Every variable the server reads, with the embedded default and with PostgreSQL. */
    private Set<String> variablesTheServerReads() {
        ConfigLoader loader = new ConfigLoader("test-host", 2);
        Set<String> names = new HashSet<>(loader.variablesRead(Map.of(), workingDirectory));
        names.addAll(loader.variablesRead(Map.of("POSTGRES_HOST", "db"), workingDirectory));
        return names;
    }

    /** Dockerfile instructions, continuation lines joined, comments dropped. */
    private static List<String> dockerfileInstructions() throws IOException {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(ROOT.resolve("Dockerfile"))) {
            if (current.isEmpty() && (line.isBlank() || line.stripLeading().startsWith("#"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
            } else {
                instructions.add(current.append(line).toString().strip());
                current.setLength(0);
            }
        }
        return instructions;
    }

    @Test
    void theDockerfileBuildsInTwoStagesAndRunsTheJarAsANonRootUserWithItsDataOnAVolume() throws IOException {
        List<String> instructions = dockerfileInstructions();
        for (String instruction : instructions) {
            assertThat(DOCKERFILE_INSTRUCTIONS)
                    .as(instruction)
                    .contains(instruction.split("\\s+")[0]);
        }
        assertThat(instructions.stream().filter(i -> i.startsWith("FROM "))).hasSize(2);
        String user = instructions.stream()
                .filter(i -> i.startsWith("USER "))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(user.substring(5).strip()).isNotIn("root", "0");

        Map<String, String> env = new HashMap<>();
        Matcher pair = Pattern.compile("([A-Z_]+)=(\\S+)")
                .matcher(instructions.stream().filter(i -> i.startsWith("ENV ")).reduce("", String::concat));
        while (pair.find()) {
            env.put(pair.group(1), pair.group(2));
        }
        assertThat(variablesTheServerReads()).containsAll(env.keySet());
        String volume = instructions.stream()
                .filter(i -> i.startsWith("VOLUME "))
                .findFirst()
                .orElseThrow();
        assertThat(volume).contains(env.get("GOMSGGW_DATA_DIR"));

        String entrypoint = instructions.stream()
                .filter(i -> i.startsWith("ENTRYPOINT "))
                .findFirst()
                .orElseThrow();
        String cmd = instructions.stream()
                .filter(i -> i.startsWith("CMD "))
                .findFirst()
                .orElseThrow();
        assertThat(entrypoint).contains("\"-jar\", \"/opt/gomsggw/gomsggw-server.jar\"");
        assertThat(cmd).isEqualTo("CMD [\"serve\"]");
        String healthcheck = instructions.stream()
                .filter(i -> i.startsWith("HEALTHCHECK "))
                .findFirst()
                .orElseThrow();
        assertThat(healthcheck).contains("\"/opt/gomsggw/gomsggw-server.jar\", \"healthcheck\"]");
        assertThat(Files.readString(ROOT.resolve(".dockerignore"))).contains("**/target/", "data/", ".env");
    }

    @Test
    void theHealthcheckCommandAnswersForARunningGatewayAndFailsWithoutOne() {
        Map<String, String> env = Map.of(
                "API_KEY",
                "k",
                "WEB_LISTEN",
                "127.0.0.1:0",
                "SMPP_LISTEN",
                "127.0.0.1:0",
                "PROMETHEUS_LISTEN",
                "127.0.0.1:0",
                "MM4_LISTEN",
                "127.0.0.1:0");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (Gateway gateway =
                Gateway.start(new ConfigLoader("test-host", 2).load(env, workingDirectory), Clock.systemUTC(), quiet)) {
            Map<String, String> sameNode = new HashMap<>(env);
            sameNode.put("WEB_LISTEN", "127.0.0.1:" + gateway.webAddress().getPort());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = new Main(sameNode, workingDirectory, new PrintStream(out, true, StandardCharsets.UTF_8), quiet)
                    .run(new String[] {"healthcheck"});
            assertThat(status).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("200 ");

            sameNode.put("WEB_LISTEN", "127.0.0.1:1");
            assertThat(new Main(sameNode, workingDirectory, quiet, quiet).run(new String[] {"healthcheck"}))
                    .isEqualTo(1);
        }
    }

    @Test
    void theComposeFileParsesAndGivesTheServerOnlyVariablesItReads() throws IOException {
        JsonNode compose = new ObjectMapper(new YAMLFactory())
                .readTree(ROOT.resolve("docker-compose.yml").toFile());
        JsonNode gateway = compose.at("/services/gomsggw");
        assertThat(gateway.isMissingNode()).isFalse();
        assertThat(compose.at("/services/postgres/image").asText()).startsWith("postgres:");
        Set<String> names = new HashSet<>();
        for (Iterator<String> it = gateway.get("environment").fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        assertThat(names).contains("POSTGRES_HOST", "API_KEY", "ENCRYPTION_KEY");
        assertThat(variablesTheServerReads()).containsAll(names);
        assertThat(gateway.get("environment").get("POSTGRES_HOST").asText()).isEqualTo("postgres");
        assertThat(gateway.get("volumes").toString()).contains(":/var/lib/gomsggw/data");
        for (JsonNode port : gateway.get("ports")) {
            assertThat(port.asText()).matches("\\d+:(3000|9550|2566|2550)");
        }
    }

    @Test
    void theSystemdUnitRunsTheJarsServeCommandWithVariablesTheServerReads() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("docs/gomsggw.service"));
        Map<String, List<String>> keys = new HashMap<>();
        String section = null;
        for (String line : lines) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (text.startsWith("[")) {
                assertThat(text).matches("\\[(Unit|Service|Install)]");
                section = text;
                continue;
            }
            assertThat(section).as(text).isNotNull();
            assertThat(text).as("key=value line").matches("[A-Za-z]+=.*");
            keys.computeIfAbsent(section + text.substring(0, text.indexOf('=')), k -> new ArrayList<>())
                    .add(text.substring(text.indexOf('=') + 1));
        }
        String execStart = keys.get("[Service]ExecStart").get(0);
        assertThat(execStart).matches("/usr/bin/java .*-jar /opt/gomsggw/gomsggw-server\\.jar serve");
        assertThat(keys.get("[Service]User").get(0)).isNotEqualTo("root");
        Set<String> variables = new HashSet<>();
        for (String assignment : keys.get("[Service]Environment")) {
            variables.add(assignment.substring(0, assignment.indexOf('=')));
        }
        assertThat(variablesTheServerReads()).containsAll(variables);
        assertThat(keys.get("[Service]SuccessExitStatus")).containsExactly("143");
    }
}
