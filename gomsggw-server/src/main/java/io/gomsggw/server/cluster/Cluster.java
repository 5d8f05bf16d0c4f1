package io.gomsggw.server.cluster;

import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.cluster.BindDirectory;
import io.gomsggw.core.cluster.ClusterSignals;
import io.gomsggw.core.cluster.DirectorySync;
import io.gomsggw.core.cluster.Membership;
import io.gomsggw.core.cluster.ServerIdInUseException;
import io.gomsggw.core.cluster.WorkTakeover;
import io.gomsggw.core.store.NodeStore;
import io.gomsggw.core.store.jdbi.JdbiStores;
import io.gomsggw.server.config.ConfigException;
import io.gomsggw.server.config.DatabaseConfig;
import io.gomsggw.server.config.GatewayConfig;
import io.gomsggw.server.lifecycle.ClosingStack;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;
import javax.sql.DataSource;

/**
 * This node among the others on its database (docs/scale-out.md): its membership (the
 * {@code SERVER_ID} with a lease), the signals between nodes ({@code LISTEN/NOTIFY} on PostgreSQL,
 * none on the embedded database, which serves one node), and the shared state it follows.
 * Closing stops following, stops the signals and gives the id back, in that order.
 */
public final class Cluster implements AutoCloseable {
    /** How often a node looks for itself whether shared state changed, in case a signal was lost. */
    static final Duration LOOK_EVERY = Duration.ofSeconds(1);

    private final ClosingStack opened = new ClosingStack();
    private final Membership membership;
    private final ClusterSignals signals;
    private final JdbiStores stores;
    private final boolean shared;

    private Cluster(Membership membership, ClusterSignals signals, JdbiStores stores, boolean shared) {
        this.membership = membership;
        this.signals = signals;
        this.stores = stores;
        this.shared = shared;
    }

    /**
     * Registers this node. On the embedded database, whose lock already keeps other servers out,
     * the id is taken whatever its row says (a killed node restarting need not wait for its own lease).
     *
     * @throws ConfigException naming {@code SERVER_ID} when another live node holds it
     */
    public static Cluster join(GatewayConfig config, DataSource dataSource, JdbiStores stores) {
        boolean embedded = config.database() instanceof DatabaseConfig.Embedded;
        Membership membership;
        try {
            membership = Membership.join(
                    stores.nodes(),
                    config.identity().serverId(),
                    config.identity().serverAddress(),
                    config.cluster().nodeLease(),
                    embedded);
        } catch (ServerIdInUseException e) {
            throw new ConfigException("SERVER_ID", e.getMessage());
        }
        Cluster cluster = new Cluster(
                membership, embedded ? ClusterSignals.NONE : new PostgresSignals(dataSource), stores, !embedded);
        cluster.opened.push(membership);
        cluster.opened.push(cluster.signals);
        return cluster;
    }

    /** Keeps {@code directory} in step with changes made on other nodes (after its first load). */
    public void follow(Directory directory) {
        if (shared) {
            opened.push(DirectorySync.start(directory, stores.versions(), signals, LOOK_EVERY));
        }
    }

    /**
     * Follows where SMPP clients are bound across the nodes, recording this node's binds as
     * {@code bindsHere} counts them; empty on the embedded database (one node: nothing to share).
     */
    public Optional<BindDirectory> followBinds(LongUnaryOperator bindsHere) {
        if (!shared) {
            return Optional.empty();
        }
        return Optional.of(opened.push(
                BindDirectory.start(membership.serverId(), stores.binds(), signals, bindsHere, LOOK_EVERY)));
    }

    /** How often a node looks for itself whether shared state changed (a lost signal). */
    public Duration lookEvery() {
        return LOOK_EVERY;
    }

    /**
     * Starts taking over the work of dead nodes for this one ({@link WorkTakeover}), on a database
     * other nodes may share; nothing on the embedded one, which serves this node alone. Close the
     * result before the pipeline that {@code resume} feeds.
     */
    public AutoCloseable takeOverDeadNodes(Consumer<NodeStore.Takeover> resume) {
        if (!shared) {
            return () -> {};
        }
        return WorkTakeover.start(stores.nodes(), membership, resume);
    }

    /** Whether other nodes may share the database (it is not the embedded one). */
    public boolean shared() {
        return shared;
    }

    /** How many nodes are alive on the database, this one included (reads the database). */
    public int liveNodes() {
        return (int) membership.nodes().stream().filter(NodeStore.Node::alive).count();
    }

    public Membership membership() {
        return membership;
    }

    public ClusterSignals signals() {
        return signals;
    }

    @Override
    public void close() {
        opened.closeAll();
    }
}
