package io.gomsggw.http.admin;

import io.gomsggw.core.admin.AdminService;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.routing.AutoReplyPolicy;
import io.gomsggw.http.JsonCodec;
import io.gomsggw.http.JsonFields;
import io.gomsggw.http.Request;
import io.gomsggw.http.Response;
import io.gomsggw.http.RouteTable;
import io.gomsggw.http.admin.AdminViews.AutoReplyUpdated;
import io.gomsggw.http.admin.AdminViews.AutoReplyView;
import io.gomsggw.http.admin.AdminViews.NumberSettingsView;
import io.gomsggw.http.admin.AdminViews.NumberView;
import io.gomsggw.http.admin.AdminViews.SettingsUpdated;

/** {@code /clients/{id}/numbers[/{number_id}]}, {@code /numbers/{id}/settings} and {@code /numbers/{id}/auto-reply}. */
final class NumberRoutes {
    private final AdminService admin;
    private final AutoReplyPolicy autoReply;
    private final JsonCodec json;

    NumberRoutes(AdminService admin, AutoReplyPolicy autoReply, JsonCodec json) {
        this.admin = admin;
        this.autoReply = autoReply;
        this.json = json;
    }

    void register(RouteTable router, AdminAuth auth) {
        router.get("/clients/{id}/numbers", auth.protect(this::list));
        router.post("/clients/{id}/numbers", auth.protect(this::add));
        router.put("/clients/{id}/numbers/{number_id}", auth.protect(this::update));
        router.delete("/clients/{id}/numbers/{number_id}", auth.protect(this::delete));
        router.get("/numbers/{id}/settings", auth.protect(this::settings));
        router.put("/numbers/{id}/settings", auth.protect(this::updateSettings));
        router.get("/numbers/{id}/auto-reply", auth.protect(this::autoReply));
        router.put("/numbers/{id}/auto-reply", auth.protect(this::updateAutoReply));
    }

    private Response list(Request request) {
        return json.ok(admin.numbers().list(request.idParam("id")).stream()
                .map(NumberView::of)
                .toList());
    }

    private Response add(Request request) throws Exception {
        long clientId = request.idParam("id");
        ClientNumber added = admin.numbers().add(clientId, AdminRequests.newNumber(json.readObject(request)));
        return json.created(NumberView.of(added));
    }

    private Response update(Request request) throws Exception {
        long clientId = request.idParam("id");
        long numberId = request.idParam("number_id");
        JsonFields fields = json.readObject(request);
        ClientNumber updated = admin.numbers()
                .update(clientId, numberId, AdminRequests.numberPatch(fields), AdminRequests.numberSettings(fields));
        return json.ok(AdminViews.NumberUpdated.of(NumberView.of(updated)));
    }

    private Response delete(Request request) {
        long numberId = request.idParam("number_id");
        admin.numbers().delete(request.idParam("id"), numberId);
        return json.ok(AdminViews.deleted("Number deleted", "number_id", numberId));
    }

    private Response settings(Request request) {
        return json.ok(NumberSettingsView.of(admin.numbers().get(request.idParam("id"))));
    }

    private Response updateSettings(Request request) throws Exception {
        long id = request.idParam("id");
        ClientNumber updated =
                admin.numbers().updateSettings(id, AdminRequests.numberSettings(json.readObject(request)));
        return json.ok(new SettingsUpdated("Number settings updated", NumberSettingsView.of(updated)));
    }

    private Response autoReply(Request request) {
        return json.ok(AutoReplyView.of(admin.numbers().get(request.idParam("id")), autoReply));
    }

    private Response updateAutoReply(Request request) throws Exception {
        long id = request.idParam("id");
        ClientNumber updated = admin.numbers().updateSettings(id, AdminRequests.autoReply(json.readObject(request)));
        return json.ok(AutoReplyUpdated.of(updated));
    }
}
