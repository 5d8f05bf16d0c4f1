package io.gomsggw.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The shaded server jar run as a process of its own, on loopback ports chosen free, with its
 * output in files; for tests that kill it with SIGKILL and start it again on the same data.
 */
final class GatewayProcess implements AutoCloseable {
    static final Duration START_DEADLINE = Duration.ofSeconds(90);

    private final Process process;
    private final int webPort;
    private final int smppPort;
    private final Path logs;
    private final String run;
    private final String apiKey;

    private GatewayProcess(Process process, int webPort, int smppPort, Path logs, String run, String apiKey) {
        this.process = process;
        this.webPort = webPort;
        this.smppPort = smppPort;
        this.logs = logs;
        this.run = run;
        this.apiKey = apiKey;
    }

    /** The jar {@code mvn verify} packaged before the integration tests. */
    static Path jar() {
        Path jar = Path.of(System.getProperty("gomsggw.server.jar", "target/gomsggw-server.jar"))
                .toAbsolutePath();
        assertThat(jar)
                .as("the shaded jar; run mvn verify, which packages it first")
                .isRegularFile();
        return jar;
    }

    /**
     * Starts the jar in {@code workingDirectory} (data in its {@code data/}) with only the
     * listeners, {@code API_KEY} and {@code environment} set; output goes to {@code logs/<run>-*.log}.
     */
    static GatewayProcess start(
            Path workingDirectory, Path logs, String run, String apiKey, Map<String, String> environment)
            throws IOException {
        int[] ports = distinctFreePorts(4);
        int webPort = ports[0];
        int smppPort = ports[1];
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString())
                .directory(workingDirectory.toFile())
                .redirectOutput(logs.resolve(run + "-stdout.log").toFile())
                .redirectError(logs.resolve(run + "-stderr.log").toFile());
        Map<String, String> variables = new HashMap<>(Map.of(
                "WEB_LISTEN", "127.0.0.1:" + webPort,
                "SMPP_LISTEN", "127.0.0.1:" + smppPort,
                "MM4_LISTEN", "127.0.0.1:" + ports[2],
                "PROMETHEUS_LISTEN", "127.0.0.1:" + ports[3],
                "API_KEY", apiKey,
                "GOMSGGW_DATA_DIR", workingDirectory.resolve("data").toString()));
        variables.putAll(environment);
        builder.environment().clear();
        builder.environment().putAll(variables);
        return new GatewayProcess(builder.start(), webPort, smppPort, logs, run, apiKey);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + webPort;
    }

    int webPort() {
        return webPort;
    }

    int smppPort() {
        return smppPort;
    }

    Process process() {
        return process;
    }

    /** The admin API of this process, authenticated with its key. */
    HttpProbe admin() {
        return new HttpProbe(baseUrl(), apiKey);
    }

    /** Waits for {@code /health} to answer 200 and fails the test with the process's output when it does not. */
    void awaitHealthy() throws IOException, InterruptedException {
        assertThat(admin().awaitHealthy(START_DEADLINE, process.toHandle()))
                .as("healthy; " + output())
                .isTrue();
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        long pid = process.pid();
        process.toHandle().destroyForcibly();
        assertThat(process.waitFor(START_DEADLINE.toSeconds(), TimeUnit.SECONDS))
                .as("gone after SIGKILL")
                .isTrue();
        assertThat(process.exitValue())
                .as("the status of a SIGKILLed process, 128 + 9")
                .isEqualTo(137);
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    /** What the process wrote to its standard output and error, for assertion messages. */
    String output() {
        try {
            return run + " stdout:\n" + Files.readString(logs.resolve(run + "-stdout.log")) + "\n" + run + " stderr:\n"
                    + Files.readString(logs.resolve(run + "-stderr.log"));
        } catch (IOException e) {
            return "no output: " + e;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * {@code count} free ports, no two the same: a port is free again once its probe socket closes,
     * so the system can hand it out twice in a row (a start then failed with "already in use").
     */
    static int[] distinctFreePorts(int count) throws IOException {
        java.util.Set<Integer> ports = new java.util.LinkedHashSet<>();
        while (ports.size() < count) {
            ports.add(freePort());
        }
        return ports.stream().mapToInt(Integer::intValue).toArray();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
