package io.gomsggw.server.cluster;

import io.gomsggw.core.cluster.Membership;
import io.gomsggw.core.cluster.ServerIdInUseException;
import io.gomsggw.core.store.jdbi.JdbiStores;
import io.gomsggw.server.config.ConfigException;
import io.gomsggw.server.config.DatabaseConfig;
import io.gomsggw.server.config.GatewayConfig;

/** Joins this node to the others on its database at start: its {@code SERVER_ID} with a lease. */
public final class NodeJoin {
    private NodeJoin() {}

    /**
     * On the embedded database, whose lock already keeps other servers out, the id is taken
     * whatever its row says (a killed node restarting need not wait for its own lease).
     *
     * @throws ConfigException naming {@code SERVER_ID} when another live node holds it
     */
    public static Membership join(GatewayConfig config, JdbiStores stores) {
        try {
            return Membership.join(stores.nodes(), config.identity().serverId(), config.identity().serverAddress(),
                    config.cluster().nodeLease(), config.database() instanceof DatabaseConfig.Embedded);
        } catch (ServerIdInUseException e) {
            throw new ConfigException("SERVER_ID", e.getMessage());
        }
    }
}
