package io.gomsggw.http.webclient;

import io.gomsggw.core.apikey.ApiKeyScope;
import io.gomsggw.core.dispatch.Redelivery;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.store.MessageStore;
import io.gomsggw.http.HttpStatusException;
import io.gomsggw.http.JsonCodec;
import io.gomsggw.http.Request;
import io.gomsggw.http.Response;
import io.gomsggw.http.RouteTable;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Objects;

/**
 * {@code POST /messages/{id}/redeliver} (scope {@code send}): sends one of the caller's messages
 * again, one it sent or one delivered to it, when it is {@code undelivered} or {@code failed} and
 * goes to a client (a webhook, SMPP or MM4): 202 {@code {"status":"queued","id":…}}; 409 with the
 * reason for a message that cannot be sent again; 404 for an id the caller cannot see.
 */
public final class RedeliveryRoutes {
    private final ClientAuth auth;
    private final MessageStore messages;
    private final Redelivery redelivery;
    private final JsonCodec json;

    public RedeliveryRoutes(ClientAuth auth, MessageStore messages, Redelivery redelivery, JsonCodec json) {
        this.auth = Objects.requireNonNull(auth, "auth");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.redelivery = Objects.requireNonNull(redelivery, "redelivery");
        this.json = Objects.requireNonNull(json, "json");
    }

    public void register(RouteTable router) {
        router.post("/messages/{id}/redeliver", auth.protect(ApiKeyScope.SEND, this::redeliver));
    }

    private Response redeliver(Request request, Caller caller) {
        String id = request.pathParam("id");
        if (messages.find(id).filter(m -> isOwnedBy(m, caller.client())).isEmpty()) {
            throw new HttpStatusException(HttpResponseStatus.NOT_FOUND, "message not found", null);
        }
        return answer(json, redelivery.redeliver(id));
    }

    /** The answer to a redelivery of one message, as both APIs give it. */
    public static Response answer(JsonCodec json, Redelivery.Outcome outcome) {
        if (outcome instanceof Redelivery.Outcome.Queued queued) {
            return json.respond(
                    HttpResponseStatus.ACCEPTED,
                    new Queued("queued", queued.message().id()));
        }
        if (outcome instanceof Redelivery.Outcome.NotRedeliverable refused) {
            throw new HttpStatusException(HttpResponseStatus.CONFLICT, refused.reason(), null);
        }
        throw new HttpStatusException(HttpResponseStatus.NOT_FOUND, "message not found", null);
    }

    private static boolean isOwnedBy(Message message, Client client) {
        return Objects.equals(message.clientId(), client.id()) || Objects.equals(message.targetClientId(), client.id());
    }

    record Queued(String status, String id) {}
}
