package io.gomsggw.http.admin;

import io.gomsggw.core.admin.AdminService;
import io.gomsggw.core.admin.LiveSessions;
import io.gomsggw.core.routing.AutoReplyPolicy;
import io.gomsggw.core.store.BindStore;
import io.gomsggw.core.store.NodeStore;
import io.gomsggw.http.JsonCodec;
import io.gomsggw.http.RouteTable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The admin REST API of docs/admin-api.md: health and stats, clients with their passwords, settings,
 * numbers and failovers, number settings and auto-reply, carriers, and reload. Every endpoint but
 * {@code /health} requires {@link AdminAuth}. Register it on the server's {@link RouteTable}:
 *
 * <pre>{@code
 * new AdminApi(adminService, liveSessions, healthCheck, autoReplyPolicy, new AdminAuth(apiKey), json)
 *         .register(router);
 * }</pre>
 */
public final class AdminApi {
    private final AdminAuth auth;
    private final ClientRoutes clients;
    private final NumberRoutes numbers;
    private final FailoverRoutes failovers;
    private final CarrierRoutes carriers;
    private final StatusRoutes status;

    /**
     * @param admin     the admin operations
     * @param sessions  live SMPP and MM4 sessions ({@link LiveSessions#NONE} without those servers)
     * @param health    database and listener check for {@code /health}
     * @param autoReply the gateway-wide auto-reply switch and default message
     * @param auth      admin credentials
     * @param json      the JSON codec
     */
    public AdminApi(
            AdminService admin,
            LiveSessions sessions,
            HealthCheck health,
            AutoReplyPolicy autoReply,
            AdminAuth auth,
            JsonCodec json) {
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(autoReply, "autoReply");
        Objects.requireNonNull(json, "json");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.clients = new ClientRoutes(admin, json);
        this.numbers = new NumberRoutes(admin, autoReply, json);
        this.failovers = new FailoverRoutes(admin, sessions, json);
        this.carriers = new CarrierRoutes(admin, json);
        this.status = new StatusRoutes(admin, sessions, health, json);
    }

    /**
     * Makes {@code /stats} list the nodes sharing the database ({@code nodes}), read at each request;
     * without it, the list is left out.
     */
    public AdminApi showingNodes(Supplier<List<NodeStore.Node>> nodes) {
        status.showNodes(Objects.requireNonNull(nodes, "nodes"));
        return this;
    }

    /**
     * Makes {@code /stats} list where every SMPP client is bound across the nodes ({@code smpp_binds},
     * by client, the node its messages go to first); without it, the list is left out.
     */
    public AdminApi showingBinds(Supplier<Map<Long, List<BindStore.Bind>>> binds) {
        status.showBinds(Objects.requireNonNull(binds, "binds"));
        return this;
    }

    /**
     * Makes {@code /health} show this node among the nodes sharing the database ({@code cluster}:
     * its {@code SERVER_ID}, whether it holds its lease and until when, and every node alive or
     * dead), read at each request; without it (the embedded database, one node) it is left out.
     */
    public AdminApi showingCluster(String serverId, BooleanSupplier holdsLease) {
        status.showCluster(
                Objects.requireNonNull(serverId, "serverId"), Objects.requireNonNull(holdsLease, "holdsLease"));
        return this;
    }

    /** Adds every admin route to {@code router}. */
    public void register(RouteTable router) {
        status.register(router, auth);
        clients.register(router, auth);
        numbers.register(router, auth);
        failovers.register(router, auth);
        carriers.register(router, auth);
    }
}
