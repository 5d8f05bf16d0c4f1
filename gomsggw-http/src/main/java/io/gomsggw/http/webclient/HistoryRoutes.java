package io.gomsggw.http.webclient;

import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.apikey.ApiKeyScope;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.store.MessageStore;
import io.gomsggw.core.store.Page;
import io.gomsggw.http.HttpStatusException;
import io.gomsggw.http.JsonCodec;
import io.gomsggw.http.Request;
import io.gomsggw.http.Response;
import io.gomsggw.http.RouteTable;
import io.gomsggw.http.webclient.HistoryViews.HistoryPage;
import io.gomsggw.http.webclient.HistoryViews.HistoryRecord;
import io.gomsggw.http.webclient.MessageViews.MessageView;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Objects;

/**
 * {@code GET /messages/history} (a page of the caller's messages, newest first, in the Go gateway's
 * shape of {@link HistoryViews}, with {@code X-Total-Count}, {@code X-Page} and {@code X-Per-Page}) and {@code GET /messages/{id}} (one
 * message with its status history). A client sees the messages it sent and those delivered to it;
 * any other id is 404, exactly like an id that does not exist.
 */
final class HistoryRoutes {
    private final MessageStore messages;
    private final HistoryQueries queries;
    private final JsonCodec json;
    private final Directory directory;

    HistoryRoutes(MessageStore messages, HistoryQueries queries, JsonCodec json, Directory directory) {
        this.directory = directory;
        this.messages = messages;
        this.queries = queries;
        this.json = json;
    }

    void register(RouteTable router, ClientAuth auth) {
        router.get("/messages/history", auth.protect(ApiKeyScope.USAGE, this::history));
        router.get("/messages/{id}", auth.protect(ApiKeyScope.USAGE, this::message));
    }

    private Response history(Request request, Caller caller) {
        Client client = caller.client();
        Page<Message> page = messages.search(queries.read(request, client));
        return json.ok(new HistoryPage(
                        page.items().stream()
                                .map(m -> HistoryRecord.of(m, client, directory))
                                .toList(),
                        page.total(),
                        page.page(),
                        page.perPage()))
                .withHeader("X-Total-Count", Long.toString(page.total()))
                .withHeader("X-Page", Integer.toString(page.page()))
                .withHeader("X-Per-Page", Integer.toString(page.perPage()));
    }

    private Response message(Request request, Caller caller) {
        Message message = messages.find(request.pathParam("id"))
                .filter(m -> isOwnedBy(m, caller.client()))
                .orElseThrow(() -> new HttpStatusException(HttpResponseStatus.NOT_FOUND, "message not found", null));
        return json.ok(MessageView.of(message, messages.history(message.id())));
    }

    private static boolean isOwnedBy(Message message, Client client) {
        return Objects.equals(message.clientId(), client.id()) || Objects.equals(message.targetClientId(), client.id());
    }
}
