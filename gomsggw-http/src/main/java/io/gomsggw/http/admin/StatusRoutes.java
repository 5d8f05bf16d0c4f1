package io.gomsggw.http.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gomsggw.core.admin.AdminService;
import io.gomsggw.core.admin.LiveSession;
import io.gomsggw.core.admin.LiveSessions;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.store.BindStore;
import io.gomsggw.core.store.NodeStore;
import io.gomsggw.http.JsonCodec;
import io.gomsggw.http.Request;
import io.gomsggw.http.Response;
import io.gomsggw.http.RouteTable;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /health} (no authentication), {@code /stats} and {@code /clients/{id}/smpp-status}. */
final class StatusRoutes {
    private static final Logger log = LoggerFactory.getLogger(StatusRoutes.class);

    private final AdminService admin;
    private final LiveSessions sessions;
    private final HealthCheck health;
    private final JsonCodec json;
    private volatile Supplier<List<NodeStore.Node>> nodes = List::of;
    private volatile Supplier<Map<Long, List<BindStore.Bind>>> binds = Map::of;
    /** This node's SERVER_ID and lease state for {@code /health}; null: no cluster shown. */
    private volatile String serverId;

    private volatile BooleanSupplier holdsLease = () -> false;
    /** The nodes as last read for {@code /health} and when (System.nanoTime): read at most once a second. */
    private volatile NodesRead nodesRead;

    private record NodesRead(List<NodeStore.Node> nodes, long atNanos) {}

    StatusRoutes(AdminService admin, LiveSessions sessions, HealthCheck health, JsonCodec json) {
        this.admin = admin;
        this.sessions = sessions;
        this.health = health;
        this.json = json;
    }

    void showNodes(Supplier<List<NodeStore.Node>> nodes) {
        this.nodes = nodes;
    }

    void showBinds(Supplier<Map<Long, List<BindStore.Bind>>> binds) {
        this.binds = binds;
    }

    void showCluster(String serverId, BooleanSupplier holdsLease) {
        this.holdsLease = holdsLease;
        this.serverId = serverId;
    }

    void register(RouteTable router, AdminAuth auth) {
        router.get("/health", this::health);
        router.get("/stats", auth.protect(this::stats));
        router.get("/clients/{id}/smpp-status", auth.protect(this::smppStatus));
    }

    /** {@code down} names what is down (the database, listeners by name) and is left out when nothing is. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Health(
            String status, String database, Map<String, String> listeners, List<String> down, ClusterHealth cluster) {}

    /**
     * This node among those sharing the database: its id, whether it holds its lease and until
     * when (the database's clock), and every node registered, alive or not, with the node that took
     * a dead one's work over.
     */
    record ClusterHealth(String serverId, boolean holdsLease, Instant leaseUntil, List<NodeHealth> nodes) {}

    record NodeHealth(String serverId, boolean alive, Instant leaseUntil, String takenOverBy) {}

    private Response health(Request request) {
        HealthReport report;
        try {
            report = health.check();
        } catch (RuntimeException e) {
            log.warn("health check failed error=\"{}\"", e.toString());
            report = new HealthReport(false, false, Map.of());
        }
        Map<String, String> listeners = new TreeMap<>();
        List<String> down = new ArrayList<>();
        if (!report.databaseUp()) down.add("database");
        report.listeners().forEach((name, up) -> listeners.put(name, up ? "up" : "down"));
        listeners.forEach((name, state) -> {
            if (state.equals("down")) down.add(name);
        });
        boolean up = report.ready() && down.isEmpty();
        return json.respond(
                up ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                new Health(
                        up ? "ok" : "unavailable",
                        report.databaseUp() ? "up" : "down",
                        listeners,
                        down,
                        report.databaseUp() ? cluster() : null));
    }

    /**
     * Null (left out) on one node, or when the nodes cannot be read (the database is down then).
     * The nodes are read at most once a second, as {@code /health} needs no authentication.
     */
    private ClusterHealth cluster() {
        String self = serverId;
        if (self == null) return null;
        NodesRead last = nodesRead;
        long now = System.nanoTime();
        if (last == null || now - last.atNanos() > TimeUnit.SECONDS.toNanos(1)) {
            try {
                last = new NodesRead(nodes.get(), now);
            } catch (RuntimeException e) {
                log.warn("cluster nodes not read error=\"{}\"", e.toString());
                return null;
            }
            nodesRead = last;
        }
        List<NodeStore.Node> all = last.nodes();
        Instant leaseUntil = all.stream()
                .filter(n -> n.serverId().equals(self))
                .map(NodeStore.Node::leaseUntil)
                .findFirst()
                .orElse(null);
        return new ClusterHealth(
                self,
                holdsLease.getAsBoolean(),
                leaseUntil,
                all.stream()
                        .map(n -> new NodeHealth(n.serverId(), n.alive(), n.leaseUntil(), n.takenOverBy()))
                        .toList());
    }

    record SmppClient(long clientId, String username, String ipAddress, Instant connectedAt, Instant lastSeen) {
        static SmppClient of(LiveSession s) {
            return new SmppClient(s.clientId(), s.username(), s.remoteAddress(), s.connectedAt(), s.lastSeen());
        }
    }

    record Mm4Client(
            long clientId,
            String username,
            String ipAddress,
            int activeSessions,
            Instant firstConnectAt,
            Instant lastActivityAt) {}

    /** A node sharing the database, as its row in {@code cluster_nodes} says (docs/scale-out.md). */
    record NodeView(
            String serverId,
            String address,
            boolean alive,
            Instant startedAt,
            Instant lastHeartbeat,
            Instant leaseUntil,
            @JsonInclude(JsonInclude.Include.NON_NULL) String takenOverBy) {
        static NodeView of(NodeStore.Node node) {
            return new NodeView(
                    node.serverId(),
                    node.address(),
                    node.alive(),
                    node.startedAt(),
                    node.heartbeatAt(),
                    node.leaseUntil(),
                    node.takenOverBy());
        }
    }

    /**
     * Where an SMPP client is bound across the nodes: {@code binds} receiving binds on node
     * {@code serverId} since {@code boundAt}; {@code delivers} for the node its messages go to
     * (the oldest bind's).
     */
    record ClusterBind(long clientId, String serverId, int binds, Instant boundAt, boolean delivers) {}

    /**
     * {@code nodes}: every node registered on the database, this one included; left out when it
     * cannot be read. {@code smpp_binds}: the receiving SMPP binds of every live node (several nodes
     * on PostgreSQL; {@code smpp_clients} lists this node's sessions only); left out on one node.
     */
    record Stats(
            int smppConnectedClients,
            List<SmppClient> smppClients,
            int mm4ConnectedClients,
            List<Mm4Client> mm4Clients,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<NodeView> nodes,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ClusterBind> smppBinds) {}

    private Response stats(Request request) {
        OnlineClients online = new OnlineClients(sessions.list());
        List<LiveSession> smpp = online.of(OnlineClients.SMPP);
        List<Mm4Client> mm4 = online.of(OnlineClients.MM4).stream()
                .collect(Collectors.groupingBy(LiveSession::clientId, LinkedHashMap::new, Collectors.toList()))
                .values()
                .stream()
                .map(StatusRoutes::mm4Client)
                .toList();
        int smppClients =
                (int) smpp.stream().mapToLong(LiveSession::clientId).distinct().count();
        return json.ok(new Stats(
                smppClients, smpp.stream().map(SmppClient::of).toList(), mm4.size(), mm4, nodes(), clusterBinds()));
    }

    private List<NodeView> nodes() {
        try {
            return nodes.get().stream().map(NodeView::of).toList();
        } catch (RuntimeException e) {
            log.warn("cluster nodes not read error=\"{}\"", e.toString());
            return List.of();
        }
    }

    private List<ClusterBind> clusterBinds() {
        List<ClusterBind> all = new ArrayList<>();
        binds.get().forEach((clientId, ofClient) -> {
            for (int i = 0; i < ofClient.size(); i++) {
                BindStore.Bind bind = ofClient.get(i);
                all.add(new ClusterBind(clientId, bind.serverId(), bind.binds(), bind.boundAt(), i == 0));
            }
        });
        all.sort(Comparator.comparingLong(ClusterBind::clientId));
        return all;
    }

    private static Mm4Client mm4Client(List<LiveSession> sessionsOfClient) {
        LiveSession first = sessionsOfClient.get(0);
        return new Mm4Client(
                first.clientId(),
                first.username(),
                first.remoteAddress(),
                sessionsOfClient.size(),
                sessionsOfClient.stream()
                        .map(LiveSession::connectedAt)
                        .min(Comparator.naturalOrder())
                        .orElseThrow(),
                sessionsOfClient.stream()
                        .map(LiveSession::lastSeen)
                        .max(Comparator.naturalOrder())
                        .orElseThrow());
    }

    record FailoverStatus(
            long id, long clientId, String username, String name, int priority, boolean enabled, boolean online) {}

    record SmppStatus(
            long clientId, String username, boolean online, String ip, int sessions, List<FailoverStatus> failovers) {}

    private Response smppStatus(Request request) {
        Client client = admin.clients().get(request.idParam("id")).client();
        OnlineClients online = new OnlineClients(sessions.list());
        List<LiveSession> own = online.of(OnlineClients.SMPP, client.id());
        List<FailoverStatus> failovers = admin.failovers().list(client.id()).stream()
                .map(f -> {
                    Client fallback =
                            admin.directory().client(f.fallbackClientId()).orElse(null);
                    return new FailoverStatus(
                            f.id(),
                            f.fallbackClientId(),
                            fallback == null ? null : fallback.username(),
                            fallback == null ? null : fallback.name(),
                            f.priority(),
                            f.enabled(),
                            online.smppOnline(f.fallbackClientId()));
                })
                .toList();
        return json.ok(new SmppStatus(
                client.id(),
                client.username(),
                !own.isEmpty(),
                own.isEmpty() ? "" : own.get(0).remoteAddress(),
                own.size(),
                failovers));
    }
}
