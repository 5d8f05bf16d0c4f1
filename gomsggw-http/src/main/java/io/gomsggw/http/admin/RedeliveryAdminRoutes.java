package io.gomsggw.http.admin;

import io.gomsggw.core.dispatch.Redelivery;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.store.MessageStore;
import io.gomsggw.http.HttpStatusException;
import io.gomsggw.http.JsonCodec;
import io.gomsggw.http.JsonFields;
import io.gomsggw.http.Request;
import io.gomsggw.http.Response;
import io.gomsggw.http.RouteTable;
import io.gomsggw.http.webclient.RedeliveryRoutes;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Redelivery for the operator (admin key):
 * <ul>
 *   <li>{@code POST /clients/{id}/messages/{message_id}/redeliver}: one message sent by or to the
 *       client, as the web client's own {@code POST /messages/{id}/redeliver} (202, 404, 409);
 *   <li>{@code POST /clients/{id}/redeliver} with {@code {"since": …, "until": …}} (ISO-8601,
 *       both optional: creation time in [since, until)): every {@code undelivered} message to the
 *       client, in one call; 200 {@code {"redelivered": n}}.
 * </ul>
 */
public final class RedeliveryAdminRoutes {
    private final AdminAuth auth;
    private final MessageStore messages;
    private final Redelivery redelivery;
    private final JsonCodec json;

    public RedeliveryAdminRoutes(AdminAuth auth, MessageStore messages, Redelivery redelivery, JsonCodec json) {
        this.auth = Objects.requireNonNull(auth, "auth");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.redelivery = Objects.requireNonNull(redelivery, "redelivery");
        this.json = Objects.requireNonNull(json, "json");
    }

    public void register(RouteTable router) {
        router.post("/clients/{id}/messages/{message_id}/redeliver", auth.protect(this::redeliverOne));
        router.post("/clients/{id}/redeliver", auth.protect(this::redeliverAll));
    }

    private Response redeliverOne(Request request) {
        long clientId = request.idParam("id");
        String id = request.pathParam("message_id");
        if (messages.find(id).filter(m -> belongsTo(m, clientId)).isEmpty()) {
            throw new HttpStatusException(HttpResponseStatus.NOT_FOUND, "message not found", null);
        }
        return RedeliveryRoutes.answer(json, redelivery.redeliver(id));
    }

    private Response redeliverAll(Request request) throws Exception {
        long clientId = request.idParam("id");
        JsonFields body = request.body().length == 0 ? null : json.readObject(request);
        Instant since = body == null ? null : instant(body, "since");
        Instant until = body == null ? null : instant(body, "until");
        if (since != null && until != null && !since.isBefore(until)) {
            throw HttpStatusException.invalidField("until", "must be after since");
        }
        return json.ok(new Redelivered(redelivery.redeliverAll(clientId, since, until)));
    }

    private static Instant instant(JsonFields body, String field) {
        String value = body.text(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw HttpStatusException.invalidField(field, "expected an ISO-8601 instant such as 2026-01-06T12:00:00Z");
        }
    }

    private static boolean belongsTo(Message message, long clientId) {
        return Objects.equals(message.clientId(), clientId) || Objects.equals(message.targetClientId(), clientId);
    }

    record Redelivered(long redelivered) {}
}
