package io.gomsggw.core.model;

import java.util.Objects;

/**
 * Per-client settings (docs/admin-api.md, "Client settings").
 *
 * @param authMethod              how a web client authenticates
 * @param apiFormat               JSON dialect of sends and webhooks
 * @param disableMessageSplitting deliver long SMS whole instead of in segments
 * @param webhookRetries          webhook delivery retries for this client
 * @param webhookTimeoutSecs      webhook request timeout for this client
 * @param includeRawSegments      add the SMS segments to generic webhooks
 * @param defaultWebhook          webhook URL used when a number has none; may be null
 * @param limits                  usage limits (0 = unlimited)
 * @param limitBoth               count inbound messages against the limits too
 */
public record ClientSettings(
        AuthMethod authMethod,
        ApiFormat apiFormat,
        boolean disableMessageSplitting,
        int webhookRetries,
        int webhookTimeoutSecs,
        boolean includeRawSegments,
        String defaultWebhook,
        UsageLimits limits,
        boolean limitBoth) {

    public static final int DEFAULT_WEBHOOK_RETRIES = 3;
    public static final int DEFAULT_WEBHOOK_TIMEOUT_SECS = 10;

    public static final ClientSettings DEFAULTS = new ClientSettings(AuthMethod.BASIC, ApiFormat.GENERIC, false,
            DEFAULT_WEBHOOK_RETRIES, DEFAULT_WEBHOOK_TIMEOUT_SECS, false, null, UsageLimits.NONE, false);

    public ClientSettings {
        Objects.requireNonNull(authMethod, "authMethod");
        Objects.requireNonNull(apiFormat, "apiFormat");
        Objects.requireNonNull(limits, "limits");
        if (webhookRetries < 0) throw new IllegalArgumentException("webhookRetries must not be negative");
        if (webhookTimeoutSecs < 0) throw new IllegalArgumentException("webhookTimeoutSecs must not be negative");
    }
}
