package io.gomsggw.http.inbound;

import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.dispatch.QueueFullException;
import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.pipeline.MessagePipeline;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.WebhookRequest;
import io.gomsggw.core.spi.WebhookResult;
import io.gomsggw.http.Request;
import io.gomsggw.http.RequestUrls;
import io.gomsggw.http.Response;
import io.gomsggw.http.RouteTable;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /inbound/{carrier}}: messages and delivery reports from carriers, in each carrier's
 * own format. {@code {carrier}} is the carrier's uuid (as in the Go gateway) or its name.
 *
 * <p>The carrier's adapter verifies the signature first: a request that fails gets 401 and
 * changes nothing. A text message is stored before the 2xx, so a carrier that got its answer never
 * loses one. A message with media is answered at once (carriers want a fast answer) and stored
 * after its media is downloaded; a crash in between loses that message, which is logged. While
 * the {@link CarrierMediaDownloader} has no room for a webhook's messages with media, the webhook
 * is answered 503 with {@code Retry-After} before anything is stored, and the carrier sends it again.
 */
public final class InboundRoutes {
    private static final Logger log = LoggerFactory.getLogger(InboundRoutes.class);
    private static final long STORE_WAIT_SECONDS = 30;

    private final Directory directory;
    private final Function<String, Optional<CarrierAdapter>> adapters;
    private final MessagePipeline pipeline;
    private final CarrierMediaDownloader media;

    /** @param adapters the live adapter of a carrier, by carrier name */
    public InboundRoutes(
            Directory directory,
            Function<String, Optional<CarrierAdapter>> adapters,
            MessagePipeline pipeline,
            CarrierMediaDownloader media) {
        this.directory = directory;
        this.adapters = adapters;
        this.pipeline = pipeline;
        this.media = media;
    }

    public void register(RouteTable router) {
        router.post("/inbound/{carrier}", this::inbound);
    }

    private Response inbound(Request request) throws Exception {
        String key = request.pathParam("carrier");
        Optional<Carrier> carrier = directory.carrierByUuid(key).or(() -> directory.carrierByName(key));
        Optional<CarrierAdapter> adapter = carrier.flatMap(c -> adapters.apply(c.name()));
        if (adapter.isEmpty()) {
            return Response.error(HttpResponseStatus.NOT_FOUND, "unknown carrier '" + key + "'");
        }
        WebhookRequest webhook = new WebhookRequest(
                request.method().name(),
                request.path(),
                request.rawQuery(),
                request.headers(),
                request.body(),
                request.remoteAddress(),
                RequestUrls.of(request));
        WebhookResult result = adapter.get().handleWebhook(webhook);
        if (result instanceof WebhookResult.Unauthorized unauthorized) {
            log.warn(
                    "carrier webhook refused carrier={} remote={} reason={}",
                    carrier.get().name(),
                    request.remoteAddress(),
                    unauthorized.reason());
            return Response.error(HttpResponseStatus.UNAUTHORIZED, "invalid signature");
        }
        if (result instanceof WebhookResult.Malformed malformed) {
            return Response.error(HttpResponseStatus.BAD_REQUEST, malformed.reason());
        }
        WebhookResult.Accepted accepted = (WebhookResult.Accepted) result;
        int withMedia = (int) accepted.inbound().stream()
                .filter(message -> !message.media().isEmpty())
                .count();
        if (!media.tryReserve(withMedia)) {
            log.warn(
                    "carrier webhook deferred, media downloads full carrier={} messages={}",
                    carrier.get().name(),
                    withMedia);
            return busy();
        }
        int downloading = 0;
        try {
            for (WebhookResult.InboundMessage message : accepted.inbound()) {
                if (receive(carrier.get(), adapter.get(), message)) {
                    downloading++;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof QueueFullException) {
                return busy();
            }
            throw e;
        } finally {
            media.release(withMedia - downloading);
        }
        for (WebhookResult.StatusUpdate status : accepted.statuses()) {
            pipeline.applyStatus(carrier.get().name(), status);
        }
        String type = accepted.responseType() == null ? "application/json" : accepted.responseType();
        String body = accepted.responseBody() == null ? "" : accepted.responseBody();
        return Response.binary(HttpResponseStatus.OK, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static Response busy() {
        return Response.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "the gateway is busy; send again")
                .withHeader("Retry-After", "1");
    }

    /** Stores a text message, or starts downloading a message's media (true then). */
    private boolean receive(Carrier carrier, CarrierAdapter adapter, WebhookResult.InboundMessage message)
            throws Exception {
        if (message.media().isEmpty()) {
            pipeline.receive(
                            carrier.name(),
                            message.from(),
                            message.to(),
                            message.text(),
                            List.of(),
                            message.carrierMessageId())
                    .toCompletableFuture()
                    .get(STORE_WAIT_SECONDS, TimeUnit.SECONDS);
            return false;
        }
        media.download(carrier.name(), adapter, message.media())
                .thenCompose(parts -> pipeline.receive(
                        carrier.name(),
                        message.from(),
                        message.to(),
                        message.text(),
                        parts,
                        message.carrierMessageId()))
                .whenComplete((route, error) -> {
                    if (error != null) {
                        log.error(
                                "carrier MMS lost after its answer carrier={} carrier_message_id={} error={}",
                                carrier.name(),
                                message.carrierMessageId(),
                                error.toString());
                    }
                });
        return true;
    }
}
