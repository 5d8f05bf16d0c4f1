package io.gomsggw.core.spi;

import io.gomsggw.core.model.Message;
import java.util.concurrent.CompletionStage;

/**
 * One configured carrier account, able to send messages and to read the carrier's webhooks.
 * Created by a {@link CarrierAdapterFactory} for a {@link io.gomsggw.core.model.Carrier} record.
 *
 * <p><b>Threading:</b> instances are shared by all dispatcher threads and must be thread-safe.
 * {@link #send} must not block the caller for network I/O: it returns a stage completed by the
 * adapter's own I/O (for example {@code java.net.http.HttpClient#sendAsync}).
 *
 * <p><b>Errors:</b> {@link #send} never completes exceptionally for a carrier's answer; it maps
 * timeouts, connection errors, 429 and 5xx to {@link SendOutcome.Retryable}, other refusals to
 * {@link SendOutcome.Rejected} with the carrier's text, and opt-out errors to
 * {@link SendOutcome.OptedOut}. An exceptional completion is treated as retryable.
 *
 * <p><b>Webhooks:</b> {@link #handleWebhook} runs on a blocking worker (never an event loop),
 * verifies the request's signature before it reads anything, and must be fast: media is listed in
 * the result as links and fetched by the gateway after the carrier has its answer.
 */
public interface CarrierAdapter extends AutoCloseable {
    /** The carrier record's name. */
    String name();

    /**
     * Largest total MMS size, in bytes, this carrier accepts; the transcoder aims below it. 0 (the
     * default) means the gateway's {@code MMS_MAX_SIZE}.
     */
    default long maxMmsBytes() {
        return 0;
    }

    /**
     * Sends one message. MMS media is reachable by the carrier at {@code mediaUrls} (public links
     * to the gateway's media store), in the order of {@link Message#media()}.
     */
    CompletionStage<SendOutcome> send(Message message, java.util.List<String> mediaUrls);

    /** Reads one webhook request from the carrier. */
    WebhookResult handleWebhook(WebhookRequest request);

    /**
     * Headers to send when the gateway downloads a medium this carrier linked to (e.g. Basic
     * credentials for Twilio's API). Only for the carrier's own origin: the gateway never sends
     * them on when a download is redirected elsewhere.
     */
    default java.util.Map<String, String> mediaFetchHeaders(WebhookResult.MediaRef ref) {
        return java.util.Map.of();
    }

    /** Releases the adapter's resources (connection pools, threads). Idempotent. */
    @Override
    default void close() {}
}
