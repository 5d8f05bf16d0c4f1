package io.gomsggw.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How this node takes part among the nodes sharing a PostgreSQL database (docs/scale-out.md).
 *
 * @param nodeLease {@code NODE_LEASE_SECS}: how long a node counts as alive after its last
 *                  heartbeat (every third of it); a node silent for longer is dead to the others,
 *                  who take its work over. At least 3 s.
 */
public record ClusterConfig(Duration nodeLease) {
    public static final int DEFAULT_LEASE_SECS = 15;

    public ClusterConfig {
        Objects.requireNonNull(nodeLease, "nodeLease");
    }
}
