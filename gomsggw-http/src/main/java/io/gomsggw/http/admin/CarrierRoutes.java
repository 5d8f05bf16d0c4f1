package io.gomsggw.http.admin;

import io.gomsggw.core.admin.AdminService;
import io.gomsggw.http.JsonCodec;
import io.gomsggw.http.Request;
import io.gomsggw.http.Response;
import io.gomsggw.http.RouteTable;
import io.gomsggw.http.admin.AdminViews.CarrierView;
import io.gomsggw.http.admin.AdminViews.Reloaded;
import io.gomsggw.http.admin.AdminViews.Status;

/** {@code /carriers}, {@code /carriers/{id}} and {@code /carriers/reload}. Carrier passwords are never returned. */
final class CarrierRoutes {
    private final AdminService admin;
    private final JsonCodec json;

    CarrierRoutes(AdminService admin, JsonCodec json) {
        this.admin = admin;
        this.json = json;
    }

    void register(RouteTable router, AdminAuth auth) {
        router.get("/carriers", auth.protect(this::list));
        router.post("/carriers", auth.protect(this::add));
        router.post("/carriers/reload", auth.protect(this::reload));
        router.get("/carriers/{id}", auth.protect(this::get));
        router.put("/carriers/{id}", auth.protect(this::update));
        router.delete("/carriers/{id}", auth.protect(this::delete));
    }

    private Response list(Request request) {
        return json.ok(admin.carriers().list().stream().map(CarrierView::of).toList());
    }

    private Response add(Request request) throws Exception {
        return json.created(CarrierView.of(admin.carriers().add(AdminRequests.newCarrier(json.readObject(request)))));
    }

    private Response reload(Request request) {
        return json.ok(Reloaded.of("Carriers reloaded", admin.reload()));
    }

    private Response get(Request request) {
        return json.ok(CarrierView.of(admin.carriers().get(request.idParam("id"))));
    }

    private Response update(Request request) throws Exception {
        long id = request.idParam("id");
        return json.ok(
                CarrierView.of(admin.carriers().update(id, AdminRequests.carrierPatch(json.readObject(request)))));
    }

    private Response delete(Request request) {
        admin.carriers().delete(request.idParam("id"));
        return json.ok(new Status("Carrier deleted"));
    }
}
