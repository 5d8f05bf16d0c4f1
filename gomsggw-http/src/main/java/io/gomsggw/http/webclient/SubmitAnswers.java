package io.gomsggw.http.webclient;

import io.gomsggw.core.dispatch.QueueFullException;
import io.gomsggw.core.limits.LimitExceeded;
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
 * Turns the pipeline's answer to a send into the HTTP answer of API.md: 202 once stored; 400, 403
 * or 429 for a refusal; 503 with {@code Retry-After} when the gateway is saturated or its database
 * fails. A refusal is the caller's business and is logged at debug level; a database failure is
 * logged once, without a stack trace.
 */
final class SubmitAnswers {
    private static final Logger log = LoggerFactory.getLogger(SubmitAnswers.class);

    record Queued(String status, String id) {}

    record RateLimited(String error, String message, String limitType, String period, String number,
            long currentUsage, long limit) {}

    record OptedOut(String error, String message) {}

    private final JsonCodec json;
    private final Clock clock;

    SubmitAnswers(JsonCodec json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    Response answer(Client client, SubmitResult result) {
        if (result instanceof SubmitResult.Accepted accepted) {
            return json.respond(HttpResponseStatus.ACCEPTED, new Queued("queued", accepted.message().id()));
        }
        Refusal refusal = ((SubmitResult.Refused) result).refusal();
        log.debug("message refused client={} reason=\"{}\"", client.username(), refusal.message());
        if (refusal instanceof Refusal.InvalidNumber invalid) {
            return Response.error(HttpResponseStatus.BAD_REQUEST, refusal.message(), invalid.field());
        }
        if (refusal instanceof Refusal.NotYourNumber) {
            return Response.error(HttpResponseStatus.FORBIDDEN, refusal.message(), "from");
        }
        if (refusal instanceof Refusal.OptedOut) {
            return json.respond(HttpResponseStatus.BAD_REQUEST, new OptedOut("recipient_opted_out", refusal.message()));
        }
        if (refusal instanceof Refusal.NoCarrier) {
            return Response.error(HttpResponseStatus.BAD_REQUEST, refusal.message(), "from");
        }
        return rateLimited(client, ((Refusal.Limited) refusal).limit());
    }

    private Response rateLimited(Client client, LimitExceeded limit) {
        Instant now = clock.instant();
        long retryAfter = Math.max(1, Duration.between(now, limit.period().end(now, client.timezone())).toSeconds());
        return json.respond(HttpResponseStatus.TOO_MANY_REQUESTS, new RateLimited("rate_limit_exceeded",
                        limit.message(), limit.limitType(), limit.period().wireName(), limit.number(),
                        limit.currentUsage(), limit.limit()))
                .withHeader("Retry-After", Long.toString(retryAfter));
    }

    /** 503 for a failure of the pipeline that may pass; null for anything else (a fault: 500). */
    Response unavailable(Client client, Throwable failure) {
        if (failure instanceof QueueFullException) {
            log.warn("message refused, gateway saturated client={}", client.username());
            return busy("gateway busy, retry later");
        }
        if (failure instanceof StoreException) {
            log.warn("message not stored client={} error=\"{}\"", client.username(), failure.getMessage());
            return busy("message could not be stored, retry later");
        }
        return null;
    }

    /** 503 when the pipeline did not confirm the message in time; it may still be stored and sent. */
    Response notConfirmed(Client client, Duration waited) {
        log.warn("message not confirmed in time client={} waited_ms={}", client.username(), waited.toMillis());
        return busy("message not confirmed within " + waited.toSeconds()
                + " s; it may still be sent, check GET /messages/history before retrying");
    }

    private static Response busy(String message) {
        return Response.error(HttpResponseStatus.SERVICE_UNAVAILABLE, message).withHeader("Retry-After", "1");
    }
}
