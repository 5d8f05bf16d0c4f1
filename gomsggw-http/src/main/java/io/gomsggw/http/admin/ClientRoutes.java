package io.gomsggw.http.admin;

import io.gomsggw.core.admin.AdminService;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientSettings;
import io.gomsggw.http.JsonCodec;
import io.gomsggw.http.Request;
import io.gomsggw.http.Response;
import io.gomsggw.http.RouteTable;
import io.gomsggw.http.admin.AdminViews.ClientSettingsView;
import io.gomsggw.http.admin.AdminViews.ClientView;
import io.gomsggw.http.admin.AdminViews.CreatedClient;
import io.gomsggw.http.admin.AdminViews.Reloaded;
import io.gomsggw.http.admin.AdminViews.SettingsUpdated;
import io.gomsggw.http.admin.AdminViews.Status;

/** {@code /clients}, {@code /clients/{id}}, its password and settings, and {@code /clients/reload}. */
final class ClientRoutes {
    private final AdminService admin;
    private final JsonCodec json;

    ClientRoutes(AdminService admin, JsonCodec json) {
        this.admin = admin;
        this.json = json;
    }

    void register(RouteTable router, AdminAuth auth) {
        router.get("/clients", auth.protect(this::list));
        router.post("/clients", auth.protect(this::create));
        router.post("/clients/reload", auth.protect(this::reload));
        router.get("/clients/{id}", auth.protect(this::get));
        router.delete("/clients/{id}", auth.protect(this::delete));
        router.patch("/clients/{id}/password", auth.protect(this::changePassword));
        router.get("/clients/{id}/settings", auth.protect(this::settings));
        router.put("/clients/{id}/settings", auth.protect(this::updateSettings));
    }

    private Response list(Request request) {
        return json.ok(admin.clients().list().stream().map(ClientView::of).toList());
    }

    private Response create(Request request) throws Exception {
        Client created = admin.clients().create(AdminRequests.newClient(json.readObject(request)));
        return json.created(CreatedClient.of(created));
    }

    private Response reload(Request request) {
        return json.ok(Reloaded.of("Clients and Numbers reloaded", admin.reload()));
    }

    private Response get(Request request) {
        return json.ok(ClientView.of(admin.clients().get(request.idParam("id"))));
    }

    private Response delete(Request request) {
        long id = request.idParam("id");
        admin.clients().delete(id);
        return json.ok(AdminViews.deleted("Client deleted", "client_id", id));
    }

    private Response changePassword(Request request) throws Exception {
        long id = request.idParam("id");
        admin.clients().changePassword(id, json.readObject(request).text("new_password"));
        return json.ok(new Status("Password updated successfully"));
    }

    private Response settings(Request request) {
        long id = request.idParam("id");
        return json.ok(ClientSettingsView.of(id, admin.clients().settings(id)));
    }

    private Response updateSettings(Request request) throws Exception {
        long id = request.idParam("id");
        ClientSettings updated =
                admin.clients().updateSettings(id, AdminRequests.clientSettings(json.readObject(request)));
        return json.ok(new SettingsUpdated("Settings updated", ClientSettingsView.of(id, updated)));
    }
}
