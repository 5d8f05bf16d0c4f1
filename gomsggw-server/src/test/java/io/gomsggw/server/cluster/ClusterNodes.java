package io.gomsggw.server.cluster;

import io.gomsggw.server.Gateway;
import io.gomsggw.server.config.ConfigLoader;
import io.gomsggw.server.config.GatewayConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gateway nodes for the cluster tests: each a separate {@link Gateway} in this JVM with its own
 * working and data directory (as on its own machine), all on one database, on free loopback ports.
 * Closing closes every node still running.
 */
public final class ClusterNodes implements AutoCloseable {
    public static final String API_KEY = "cluster-admin-key";
    public static final String ENCRYPTION_KEY = "cluster-encryption-key";

    private final Path root;
    private final Map<String, String> shared;
    private final List<Gateway> running = new ArrayList<>();

    /** @param shared the environment every node gets, e.g. {@code DATABASE_URL} */
    public ClusterNodes(Path root, Map<String, String> shared) {
        this.root = root;
        this.shared = Map.copyOf(shared);
    }

    /** Starts a node with {@code SERVER_ID=serverId} and {@code extra} on top of the shared environment. */
    public Gateway start(String serverId, Map<String, String> extra) throws IOException {
        Map<String, String> env = new HashMap<>(shared);
        env.putAll(extra);
        env.put("SERVER_ID", serverId);
        env.putIfAbsent("API_KEY", API_KEY);
        env.putIfAbsent("ENCRYPTION_KEY", ENCRYPTION_KEY);
        env.putIfAbsent("WEB_LISTEN", "127.0.0.1:0");
        env.putIfAbsent("PROMETHEUS_LISTEN", "127.0.0.1:0");
        env.putIfAbsent("SMPP_LISTEN", "127.0.0.1:0");
        env.putIfAbsent("MM4_LISTEN", "127.0.0.1:0");
        env.putIfAbsent("TRANSCODER_AV_WORKERS", "0");
        Path workingDirectory = Files.createDirectories(root.resolve(serverId + "-" + running.size()));
        GatewayConfig config = new ConfigLoader(serverId + ".test", 2).load(env, workingDirectory);
        Gateway gateway = Gateway.start(
                config, Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        running.add(gateway);
        return gateway;
    }

    public Gateway start(String serverId) throws IOException {
        return start(serverId, Map.of());
    }

    /** Stops {@code node} as a clean shutdown does: it writes what is queued and gives its id back. */
    public void stop(Gateway node) {
        running.remove(node);
        node.close();
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        running.clear();
    }
}
