package io.gomsggw.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gomsggw.server.Gateway;
import io.gomsggw.server.config.ConfigException;
import io.gomsggw.server.database.EmptyPostgresSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes sharing a database hold distinct {@code SERVER_ID}s while they live; the embedded
 * database is single-node and says so.
 */
class MembershipTest {
    @TempDir
    Path root;

    @Test
    void twoNodesWithOneServerIdCannotBothStartOnPostgres() throws Exception {
        Optional<EmptyPostgresSchema> schema = EmptyPostgresSchema.create();
        assumeTrue(schema.isPresent(), "GOMSGGW_TEST_POSTGRES_URL is not set: cluster test skipped");
        try (EmptyPostgresSchema dropped = schema.get();
                ClusterNodes nodes =
                        new ClusterNodes(root, Map.of("DATABASE_URL", dropped.jdbcUrl(), "NODE_LEASE_SECS", "3"))) {
            Gateway first = nodes.start("node-1");

            assertThatThrownBy(() -> nodes.start("node-1"))
                    .isInstanceOf(ConfigException.class)
                    .satisfies(e -> assertThat(((ConfigException) e).subject()).isEqualTo("SERVER_ID"))
                    .hasMessageContaining("another live node holds SERVER_ID 'node-1'");
            nodes.start("node-2");

            first.close();
            // A node that stopped gave its id back: a successor need not wait for the lease.
            nodes.start("node-1");
        }
    }

    @Test
    void aNodeRestartedAfterACrashTakesItsIdBackOnceTheEarlierLeaseEnded() throws Exception {
        Optional<EmptyPostgresSchema> schema = EmptyPostgresSchema.create();
        assumeTrue(schema.isPresent(), "GOMSGGW_TEST_POSTGRES_URL is not set: cluster test skipped");
        try (EmptyPostgresSchema dropped = schema.get();
                ClusterNodes nodes =
                        new ClusterNodes(root, Map.of("DATABASE_URL", dropped.jdbcUrl(), "NODE_LEASE_SECS", "3"))) {
            nodes.start("node-0").close(); // creates the schema
            // What a node killed a moment ago leaves: its row, with a lease still running and no heartbeat to come.
            try (Connection connection = DriverManager.getConnection(dropped.jdbcUrl());
                    Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO cluster_nodes (server_id, incarnation, started_at, heartbeat_at, "
                        + "lease_until) VALUES ('node-1', 'killed', now(), now(), now() + interval '3 seconds')");
            }

            Gateway restarted = nodes.start("node-1");

            assertThat(restarted.webAddress().getPort()).isPositive();
        }
    }

    @Test
    void aNodeWhoseWorkWasTakenOverStopsItselfAndSaysSo() throws Exception {
        Optional<EmptyPostgresSchema> schema = EmptyPostgresSchema.create();
        assumeTrue(schema.isPresent(), "GOMSGGW_TEST_POSTGRES_URL is not set: cluster test skipped");
        try (EmptyPostgresSchema dropped = schema.get();
                ClusterNodes nodes =
                        new ClusterNodes(root, Map.of("DATABASE_URL", dropped.jdbcUrl(), "NODE_LEASE_SECS", "3"))) {
            Gateway node = nodes.start("node-1");
            assertThat(node.stoppedForLostLease()).isFalse();

            // What a survivor's takeover leaves in the row (NodeStore.takeOver), as if node-1 had been paused past its
            // lease.
            try (Connection connection = DriverManager.getConnection(dropped.jdbcUrl());
                    Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE cluster_nodes SET stopped_at = now(), taken_over_by = 'node-2', "
                        + "taken_over_at = now() WHERE server_id = 'node-1'");
            }

            CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
                try {
                    node.awaitClosed();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            closed.get(30, TimeUnit.SECONDS);
            assertThat(node.stoppedForLostLease()).isTrue();
        }
    }

    @Test
    void theEmbeddedDatabaseRefusesASecondServerOnItsDataDirectory() throws Exception {
        Path data = root.resolve("data");
        try (ClusterNodes nodes = new ClusterNodes(root, Map.of("GOMSGGW_DATA_DIR", data.toString()))) {
            Gateway first = nodes.start("node-1");

            assertThatThrownBy(() -> nodes.start("node-2"))
                    .isInstanceOf(ConfigException.class)
                    .satisfies(e -> assertThat(((ConfigException) e).subject()).isEqualTo("GOMSGGW_DATA_DIR"))
                    .hasMessageContaining("the embedded database serves one node only");

            first.close();
            nodes.start("node-2");
        }
    }
}
