package io.gomsggw.core.admin;

import io.gomsggw.core.model.ApiFormat;
import io.gomsggw.core.model.AuthMethod;
import io.gomsggw.core.model.ClientSettings;

/**
 * A partial update of a client's settings; null fields stay as they are, an empty
 * {@code defaultWebhook} clears it.
 *
 * @param authMethod              {@code basic} or {@code bearer}
 * @param apiFormat               {@code generic}, {@code bicom} or {@code telnyx}
 * @param disableMessageSplitting deliver long SMS whole
 * @param webhookRetries          not negative
 * @param webhookTimeoutSecs      not negative
 * @param includeRawSegments      add SMS segments to generic webhooks
 * @param defaultWebhook          http(s) URL
 * @param limits                  the six usage limits (0 = unlimited)
 * @param limitBoth               count inbound messages too
 * @param webhookRetryDelaySecs   not negative
 * @param deliveryWindowHours     at least 1
 * @param webhookMaxConcurrency   at least 1
 * @param mmsMaxBytes             at least {@link ClientSettings#MIN_MMS_MAX_BYTES}; 0 goes back to {@code MMS_MAX_SIZE}
 */
public record ClientSettingsPatch(
        String authMethod,
        String apiFormat,
        Boolean disableMessageSplitting,
        Integer webhookRetries,
        Integer webhookTimeoutSecs,
        Boolean includeRawSegments,
        String defaultWebhook,
        LimitsPatch limits,
        Boolean limitBoth,
        Integer webhookRetryDelaySecs,
        Integer deliveryWindowHours,
        Integer webhookMaxConcurrency,
        Long mmsMaxBytes) {

    /** A patch that leaves the delivery settings added in schema version 13 as they are. */
    public ClientSettingsPatch(
            String authMethod,
            String apiFormat,
            Boolean disableMessageSplitting,
            Integer webhookRetries,
            Integer webhookTimeoutSecs,
            Boolean includeRawSegments,
            String defaultWebhook,
            LimitsPatch limits,
            Boolean limitBoth) {
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

    public ClientSettingsPatch {
        limits = limits == null ? LimitsPatch.NONE : limits;
    }

    ClientSettings applyTo(ClientSettings current) {
        return new ClientSettings(
                authMethod == null
                        ? current.authMethod()
                        : Checks.wireEnum("auth_method", authMethod, AuthMethod.class, AuthMethod::fromWire),
                apiFormat == null
                        ? current.apiFormat()
                        : Checks.wireEnum("api_format", apiFormat, ApiFormat.class, ApiFormat::fromWire),
                disableMessageSplitting == null ? current.disableMessageSplitting() : disableMessageSplitting,
                webhookRetries == null
                        ? current.webhookRetries()
                        : Integer.valueOf(Checks.nonNegative("webhook_retries", webhookRetries)),
                webhookTimeoutSecs == null
                        ? current.webhookTimeoutSecs()
                        : Checks.nonNegative("webhook_timeout_secs", webhookTimeoutSecs),
                includeRawSegments == null ? current.includeRawSegments() : includeRawSegments,
                defaultWebhook == null
                        ? current.defaultWebhook()
                        : Checks.optionalHttpUrl("default_webhook", defaultWebhook),
                limits.applyTo(current.limits()),
                limitBoth == null ? current.limitBoth() : limitBoth,
                webhookRetryDelaySecs == null
                        ? current.webhookRetryDelaySecs()
                        : Integer.valueOf(Checks.nonNegative("webhook_retry_delay_secs", webhookRetryDelaySecs)),
                deliveryWindowHours == null
                        ? current.deliveryWindowHours()
                        : Integer.valueOf(Checks.atLeast("delivery_window_hours", deliveryWindowHours, 1)),
                webhookMaxConcurrency == null
                        ? current.webhookMaxConcurrency()
                        : Integer.valueOf(Checks.atLeast("webhook_max_concurrency", webhookMaxConcurrency, 1)),
                mmsMaxBytes == null ? current.mmsMaxBytes() : mmsMaxBytes(mmsMaxBytes));
    }

    private static Long mmsMaxBytes(long bytes) {
        if (bytes == 0) return null;
        if (bytes < ClientSettings.MIN_MMS_MAX_BYTES) {
            throw InvalidFieldException.invalid(
                    "mms_max_bytes", "must be 0 (MMS_MAX_SIZE) or at least " + ClientSettings.MIN_MMS_MAX_BYTES);
        }
        return bytes;
    }
}
