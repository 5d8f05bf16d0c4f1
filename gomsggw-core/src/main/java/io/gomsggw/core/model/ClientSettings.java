package io.gomsggw.core.model;

import java.util.Objects;

/**
 * Per-client settings (docs/admin-api.md, "Client settings").
 *
 * @param authMethod              how a web client authenticates
 * @param apiFormat               JSON dialect of sends and webhooks
 * @param disableMessageSplitting deliver long SMS whole instead of in segments
 * @param webhookRetries          retries of a delivery to this client at the first retry delay before the
 *                                delay starts to double; null: {@code WEBHOOK_RETRIES}
 * @param webhookTimeoutSecs      webhook request timeout for this client
 * @param includeRawSegments      add the SMS segments to generic webhooks
 * @param defaultWebhook          webhook URL used when a number has none; may be null
 * @param limits                  usage limits (0 = unlimited)
 * @param limitBoth               count inbound messages against the limits too
 * @param webhookRetryDelaySecs   the first retry delay of a delivery to this client; null: {@code WEBHOOK_RETRY_DELAY_SECS}
 * @param deliveryWindowHours     how long deliveries to this client are retried before the message is
 *                                {@code undelivered}; null: {@code DELIVERY_WINDOW_HOURS}
 * @param webhookMaxConcurrency   most webhook requests to one endpoint of this client at a time; null:
 *                                {@code WEBHOOK_MAX_CONCURRENCY}
 * @param mmsMaxBytes             the most an MMS sent to this client may weigh, all media together (MM4);
 *                                null: {@code MMS_MAX_SIZE}
 */
public record ClientSettings(
        AuthMethod authMethod,
        ApiFormat apiFormat,
        boolean disableMessageSplitting,
        Integer webhookRetries,
        int webhookTimeoutSecs,
        boolean includeRawSegments,
        String defaultWebhook,
        UsageLimits limits,
        boolean limitBoth,
        Integer webhookRetryDelaySecs,
        Integer deliveryWindowHours,
        Integer webhookMaxConcurrency,
        Long mmsMaxBytes) {

    /** The least {@link #mmsMaxBytes} may be: room for a small photo and the message around it. */
    public static final long MIN_MMS_MAX_BYTES = 10 * 1024;

    public static final int DEFAULT_WEBHOOK_TIMEOUT_SECS = 10;

    /** The settings of a new client: every delivery setting left to the environment's defaults. */
    public static final ClientSettings DEFAULTS = new ClientSettings(
            AuthMethod.BASIC,
            ApiFormat.GENERIC,
            false,
            null,
            DEFAULT_WEBHOOK_TIMEOUT_SECS,
            false,
            null,
            UsageLimits.NONE,
            false);

    /** Settings without their own retry delay, delivery window, webhook concurrency and MMS size. */
    public ClientSettings(
            AuthMethod authMethod,
            ApiFormat apiFormat,
            boolean disableMessageSplitting,
            Integer webhookRetries,
            int webhookTimeoutSecs,
            boolean includeRawSegments,
            String defaultWebhook,
            UsageLimits limits,
            boolean limitBoth) {
        this(
                authMethod,
                apiFormat,
                disableMessageSplitting,
                webhookRetries,
                webhookTimeoutSecs,
                includeRawSegments,
                defaultWebhook,
                limits,
                limitBoth,
                null,
                null,
                null,
                null);
    }

    public ClientSettings {
        Objects.requireNonNull(authMethod, "authMethod");
        Objects.requireNonNull(apiFormat, "apiFormat");
        Objects.requireNonNull(limits, "limits");
        if (webhookRetries != null && webhookRetries < 0) {
            throw new IllegalArgumentException("webhookRetries must not be negative");
        }
        if (webhookTimeoutSecs < 0) throw new IllegalArgumentException("webhookTimeoutSecs must not be negative");
        if (webhookRetryDelaySecs != null && webhookRetryDelaySecs < 0) {
            throw new IllegalArgumentException("webhookRetryDelaySecs must not be negative");
        }
        if (deliveryWindowHours != null && deliveryWindowHours < 1) {
            throw new IllegalArgumentException("deliveryWindowHours must be at least 1");
        }
        if (webhookMaxConcurrency != null && webhookMaxConcurrency < 1) {
            throw new IllegalArgumentException("webhookMaxConcurrency must be at least 1");
        }
        if (mmsMaxBytes != null && mmsMaxBytes < MIN_MMS_MAX_BYTES) {
            throw new IllegalArgumentException("mmsMaxBytes must be at least " + MIN_MMS_MAX_BYTES);
        }
    }
}
