package io.gomsggw.http.admin;

import io.gomsggw.core.admin.AdminService;
import io.gomsggw.core.admin.LiveSessions;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.Failover;
import io.gomsggw.http.JsonCodec;
import io.gomsggw.http.Request;
import io.gomsggw.http.Response;
import io.gomsggw.http.RouteTable;
import io.gomsggw.http.admin.AdminViews.FailoverView;
import java.util.Optional;

/** {@code /clients/{id}/failovers[/{failover_id}]}, each failover shown with its fallback's name and online state. */
final class FailoverRoutes {
    private final AdminService admin;
    private final LiveSessions sessions;
    private final JsonCodec json;

    FailoverRoutes(AdminService admin, LiveSessions sessions, JsonCodec json) {
        this.admin = admin;
        this.sessions = sessions;
        this.json = json;
    }

    void register(RouteTable router, AdminAuth auth) {
        router.get("/clients/{id}/failovers", auth.protect(this::list));
        router.post("/clients/{id}/failovers", auth.protect(this::add));
        router.put("/clients/{id}/failovers/{failover_id}", auth.protect(this::update));
        router.delete("/clients/{id}/failovers/{failover_id}", auth.protect(this::delete));
    }

    private Response list(Request request) {
        OnlineClients online = new OnlineClients(sessions.list());
        return json.ok(admin.failovers().list(request.idParam("id")).stream()
                .map(f -> view(f, online))
                .toList());
    }

    private Response add(Request request) throws Exception {
        long clientId = request.idParam("id");
        Failover added = admin.failovers().add(clientId, AdminRequests.newFailover(json.readObject(request)));
        return json.created(view(added, new OnlineClients(sessions.list())));
    }

    private Response update(Request request) throws Exception {
        long clientId = request.idParam("id");
        long failoverId = request.idParam("failover_id");
        Failover updated =
                admin.failovers().update(clientId, failoverId, AdminRequests.failoverPatch(json.readObject(request)));
        return json.ok(AdminViews.FailoverUpdated.of(view(updated, new OnlineClients(sessions.list()))));
    }

    private Response delete(Request request) {
        long failoverId = request.idParam("failover_id");
        admin.failovers().delete(request.idParam("id"), failoverId);
        return json.ok(AdminViews.deleted("Failover deleted", "failover_id", failoverId));
    }

    private FailoverView view(Failover f, OnlineClients online) {
        Optional<Client> fallback = admin.directory().client(f.fallbackClientId());
        return new FailoverView(
                f.id(),
                f.primaryClientId(),
                f.fallbackClientId(),
                fallback.map(Client::username).orElse(null),
                fallback.map(Client::name).orElse(null),
                f.priority(),
                f.enabled(),
                online.smppOnline(f.fallbackClientId()));
    }
}
