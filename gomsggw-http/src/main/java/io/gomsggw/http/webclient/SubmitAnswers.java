package io.gomsggw.http.webclient;

import io.gomsggw.core.dispatch.QueueFullException;
import io.gomsggw.core.limits.LimitExceeded;
import io.gomsggw.core.model.ApiFormat;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.pipeline.SubmitResult;
import io.gomsggw.core.routing.Refusal;
import io.gomsggw.core.store.StoreException;
import io.gomsggw.http.JsonCodec;
import io.gomsggw.http.Response;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the pipeline's answer to a send into the HTTP answer of docs/web-clients.md, in the client's dialect as
 * the Go gateway answers ({@code sendMessageHandler} of its web_server.go): 202
 * {@code {"status":"queued","id":…}} once stored (bicom: 200 {@code {"status":"success","message":""}});
 * 400, 403 or 429 for a refusal; 503 with {@code Retry-After} when the gateway is saturated or its
 * database fails. Errors are {@code {"error":…}} (with {@code field} when one is at fault), for
 * bicom {@code {"status":"error","message":…}}. A refusal is the caller's business and is logged at
 * debug level; a database failure is logged once, without a stack trace.
 */
final class SubmitAnswers {
    private static final Logger log = LoggerFactory.getLogger(SubmitAnswers.class);

    record Queued(String status, String id) {}

    record RateLimited(
            String error,
            String message,
            String limitType,
            String period,
            String number,
            long currentUsage,
            long limit) {}

    record OptedOut(String error, String message) {}

    /** Bicom's answers: {@code success} with an empty message, or {@code error} with the reason. */
    record BicomAnswer(String status, String message) {}

    /** Go's text for a {@code from} number the client does not own. */
    static final String NOT_YOUR_NUMBER = "You do not own the 'from' number";

    private final JsonCodec json;
    private final Clock clock;

    SubmitAnswers(JsonCodec json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    Response answer(Client client, SubmitResult result) {
        if (result instanceof SubmitResult.Accepted accepted) {
            return isBicom(client)
                    ? json.ok(new BicomAnswer("success", ""))
                    : json.respond(
                            HttpResponseStatus.ACCEPTED,
                            new Queued("queued", accepted.message().id()));
        }
        Refusal refusal = ((SubmitResult.Refused) result).refusal();
        log.debug("message refused client={} reason=\"{}\"", client.username(), refusal.message());
        if (refusal instanceof Refusal.InvalidNumber invalid) {
            return error(client, HttpResponseStatus.BAD_REQUEST, refusal.message(), invalid.field());
        }
        if (refusal instanceof Refusal.NotYourNumber) {
            return error(client, HttpResponseStatus.FORBIDDEN, NOT_YOUR_NUMBER, "from");
        }
        if (refusal instanceof Refusal.OptedOut) {
            return isBicom(client)
                    ? error(client, HttpResponseStatus.BAD_REQUEST, refusal.message(), null)
                    : json.respond(
                            HttpResponseStatus.BAD_REQUEST, new OptedOut("recipient_opted_out", refusal.message()));
        }
        if (refusal instanceof Refusal.NoCarrier) {
            return error(client, HttpResponseStatus.BAD_REQUEST, refusal.message(), "from");
        }
        return rateLimited(client, ((Refusal.Limited) refusal).limit());
    }

    /** An error in the client's dialect; {@code field} (or null) is left out for bicom. */
    Response error(Client client, HttpResponseStatus status, String message, String field) {
        return isBicom(client)
                ? json.respond(status, new BicomAnswer("error", message))
                : Response.error(status, message, field);
    }

    private static boolean isBicom(Client client) {
        return client.settings().apiFormat() == ApiFormat.BICOM;
    }

    private Response rateLimited(Client client, LimitExceeded limit) {
        Instant now = clock.instant();
        String retryAfter = Long.toString(Math.max(
                1,
                Duration.between(now, limit.period().end(now, client.timezone()))
                        .toSeconds()));
        if (isBicom(client)) {
            return error(client, HttpResponseStatus.TOO_MANY_REQUESTS, limit.message(), null)
                    .withHeader("Retry-After", retryAfter);
        }
        return json.respond(
                        HttpResponseStatus.TOO_MANY_REQUESTS,
                        new RateLimited(
                                "rate_limit_exceeded",
                                limit.message(),
                                limit.limitType(),
                                limit.period().wireName(),
                                limit.number(),
                                limit.currentUsage(),
                                limit.limit()))
                .withHeader("Retry-After", retryAfter);
    }

    /** 503 for a failure of the pipeline that may pass; null for anything else (a fault: 500). */
    Response unavailable(Client client, Throwable failure) {
        if (failure instanceof QueueFullException) {
            log.warn("message refused, gateway saturated client={}", client.username());
            return busy(client, "gateway busy, retry later");
        }
        if (failure instanceof StoreException) {
            log.warn("message not stored client={} error=\"{}\"", client.username(), failure.getMessage());
            return busy(client, "message could not be stored, retry later");
        }
        return null;
    }

    /** 503 when the pipeline did not confirm the message in time; it may still be stored and sent. */
    Response notConfirmed(Client client, Duration waited) {
        log.warn("message not confirmed in time client={} waited_ms={}", client.username(), waited.toMillis());
        return busy(
                client,
                "message not confirmed within " + waited.toSeconds()
                        + " s; it may still be sent, check GET /messages/history before retrying");
    }

    private Response busy(Client client, String message) {
        return error(client, HttpResponseStatus.SERVICE_UNAVAILABLE, message, null)
                .withHeader("Retry-After", "1");
    }
}
