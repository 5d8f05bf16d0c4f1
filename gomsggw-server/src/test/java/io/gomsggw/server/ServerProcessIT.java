package io.gomsggw.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gomsggw.core.testing.Eventually;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the shaded jar as operators do, {@code java -jar gomsggw-server.jar}, in an empty
 * directory with no configuration but free loopback ports. Run by failsafe after {@code package}.
 */
class ServerProcessIT {
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workingDirectory;

    @TempDir
    Path logs;

    private Path jar;
    private Process process;

    @BeforeEach
    void findJar() {
        jar = Path.of(System.getProperty("gomsggw.server.jar", "target/gomsggw-server.jar"))
                .toAbsolutePath();
        assertThat(jar)
                .as("the shaded jar; run mvn verify, which packages it first")
                .isRegularFile();
    }

    @AfterEach
    void killLeftovers() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void startsInAnEmptyDirectoryAndStopsCleanlyOnSigterm() throws Exception {
        int webPort = freePort();
        process = start(listenOn(webPort));

        HttpProbe probe = new HttpProbe("http://127.0.0.1:" + webPort, null);
        assertThat(probe.awaitHealthy(DEADLINE, process.toHandle()))
                .as("GET /health answered 200; " + output())
                .isTrue();
        Path apiKey = workingDirectory.resolve("data/api_key");
        assertThat(apiKey).isRegularFile();
        assertThat(workingDirectory.resolve("data/encryption_key")).isRegularFile();
        assertThat(stdout())
                .contains("Admin API key (shown once, stored in " + apiKey + "): "
                        + Files.readString(apiKey).strip());
        assertThat(stdout()).as("nothing logged at error on a clean start").doesNotContain(" ERROR ");
        ProcessHandle worker = avWorker();
        if (nativeBuildPlatform()) {
            // its loader reads the manifest of the jar that holds it: the server jar's, in the worker too
            Eventually.await(
                    "the video and audio worker loads Humble Video's native library; " + output(),
                    DEADLINE,
                    () -> stdoutContains("event=av_transcoding available=true"));
        }

        process.destroy();

        assertThat(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                .as("exited after SIGTERM")
                .isTrue();
        Eventually.await("the worker stopped with the server", DEADLINE, () -> !worker.isAlive());
        assertThat(process.exitValue())
                .as("the JVM's status after SIGTERM, 128 + 15")
                .isEqualTo(143);
        assertThat(stdout()).contains(" INFO  [gomsggw-shutdown] io.gomsggw.server.Gateway - stopped");
        assertThat(stdout())
                .containsPattern(
                        "(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  \\[main\\] io\\.gomsggw\\.server\\.Gateway - started web=127\\.0\\.0\\.1:"
                                + webPort);
        assertThat(stderr()).isEmpty();
    }

    @Test
    void aKilledServerLeavesNoWorkerBehind() throws Exception {
        int webPort = freePort();
        process = start(listenOn(webPort));
        assertThat(new HttpProbe("http://127.0.0.1:" + webPort, null).awaitHealthy(DEADLINE, process.toHandle()))
                .as("GET /health answered 200; " + output())
                .isTrue();
        ProcessHandle worker = avWorker();

        process.destroyForcibly(); // SIGKILL: the server cannot stop its worker

        assertThat(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        Eventually.await("the orphaned worker ends by itself", DEADLINE, () -> !worker.isAlive());
    }

    @Test
    void logsOneJsonObjectPerLineWhenAsked() throws Exception {
        int webPort = freePort();
        Map<String, String> env = new HashMap<>(listenOn(webPort));
        env.put("LOG_FORMAT", "json");
        env.put("API_KEY", "process-test-key");
        process = start(env);

        assertThat(new HttpProbe("http://127.0.0.1:" + webPort, null).awaitHealthy(DEADLINE, process.toHandle()))
                .as("GET /health answered 200; " + output())
                .isTrue();
        process.destroy();
        assertThat(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        List<String> lines = Files.readAllLines(logs.resolve("stdout.log"));
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonNode event = JSON.readTree(line);
            assertThat(event.has("timestamp") && event.has("level") && event.has("loggerName"))
                    .as(line)
                    .isTrue();
        }
        assertThat(lines).anyMatch(line -> line.contains("\"formattedMessage\":\"stopped\""));
    }

    @Test
    void aTakenWebPortExitsWithStatus2AndOneLineNamingWebListen() throws Exception {
        int takenPort;
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            takenPort = taken.getLocalPort();
            process = start(listenOn(takenPort));

            assertThat(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                    .as("exited; " + output())
                    .isTrue();
        }
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(stderr()).isEqualTo("gomsggw: WEB_LISTEN: address 127.0.0.1:" + takenPort + " is already in use\n");
    }

    @Test
    void aBadValueExitsWithStatus2BeforeTouchingTheDisk() throws Exception {
        process = start(Map.of("DEFAULT_REGION", "XX"));

        assertThat(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(stderr()).isEqualTo("gomsggw: DEFAULT_REGION: unknown region 'XX'\n");
        assertThat(workingDirectory.resolve("data")).doesNotExist();
    }

    /** The server's video and audio worker process, started in the background at start. */
    private ProcessHandle avWorker() {
        Eventually.await(
                "a video and audio worker process; " + output(),
                DEADLINE,
                () -> findAvWorker().isPresent());
        return findAvWorker().orElseThrow();
    }

    private Optional<ProcessHandle> findAvWorker() {
        return process.toHandle()
                .children()
                .filter(child ->
                        child.info().commandLine().orElse("").contains("io.gomsggw.transcode.worker.AvWorkerMain"))
                .findFirst();
    }

    private boolean stdoutContains(String text) {
        try {
            return stdout().contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** The only platform of the native build the jar ships. */
    private static boolean nativeBuildPlatform() {
        return System.getProperty("os.name").equals("Linux")
                && System.getProperty("os.arch").equals("amd64");
    }

    private Process start(Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                .directory(workingDirectory.toFile())
                .redirectOutput(logs.resolve("stdout.log").toFile())
                .redirectError(logs.resolve("stderr.log").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Every listener on a free loopback port, and nothing else configured. */
    private static Map<String, String> listenOn(int webPort) throws IOException {
        return Map.of(
                "WEB_LISTEN", "127.0.0.1:" + webPort,
                "SMPP_LISTEN", "127.0.0.1:" + freePort(),
                "MM4_LISTEN", "127.0.0.1:" + freePort(),
                "PROMETHEUS_LISTEN", "127.0.0.1:" + freePort());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private String stdout() throws IOException {
        return Files.readString(logs.resolve("stdout.log"));
    }

    private String stderr() throws IOException {
        return Files.readString(logs.resolve("stderr.log"));
    }

    private String output() {
        try {
            return "stdout:\n" + stdout() + "\nstderr:\n" + stderr();
        } catch (IOException e) {
            return "no output: " + e;
        }
    }
}
