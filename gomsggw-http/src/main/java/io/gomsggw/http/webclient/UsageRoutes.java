package io.gomsggw.http.webclient;

import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.apikey.ApiKeyScope;
import io.gomsggw.core.limits.UsageLimiter;
import io.gomsggw.core.model.Client;
import io.gomsggw.http.JsonCodec;
import io.gomsggw.http.Request;
import io.gomsggw.http.Response;
import io.gomsggw.http.RouteTable;
import io.gomsggw.http.webclient.MessageViews.UsageView;

/**
 * {@code GET /messages/usage}: the caller's SMS and MMS usage against each burst, daily and monthly
 * limit, for the client and each of its numbers, with the instants the periods turn (computed in
 * the client's time zone).
 */
final class UsageRoutes {
    private final Directory directory;
    private final UsageLimiter limiter;
    private final JsonCodec json;

    UsageRoutes(Directory directory, UsageLimiter limiter, JsonCodec json) {
        this.directory = directory;
        this.limiter = limiter;
        this.json = json;
    }

    void register(RouteTable router, ClientAuth auth) {
        router.get("/messages/usage", auth.protect(ApiKeyScope.USAGE, this::usage));
    }

    private Response usage(Request request, Caller caller) {
        Client client = caller.client();
        return json.ok(UsageView.of(client, limiter.report(client, directory.numbersOf(client.id()))));
    }
}
