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
        Boolean limitBoth) {

    public ClientSettingsPatch {
        limits = limits == null ? LimitsPatch.NONE : limits;
    }

    ClientSettings applyTo(ClientSettings current) {
        return new ClientSettings(
                authMethod == null ? current.authMethod()
                        : Checks.wireEnum("auth_method", authMethod, AuthMethod.class, AuthMethod::fromWire),
                apiFormat == null ? current.apiFormat()
                        : Checks.wireEnum("api_format", apiFormat, ApiFormat.class, ApiFormat::fromWire),
                disableMessageSplitting == null ? current.disableMessageSplitting() : disableMessageSplitting,
                webhookRetries == null ? current.webhookRetries() : Checks.nonNegative("webhook_retries", webhookRetries),
                webhookTimeoutSecs == null ? current.webhookTimeoutSecs()
                        : Checks.nonNegative("webhook_timeout_secs", webhookTimeoutSecs),
                includeRawSegments == null ? current.includeRawSegments() : includeRawSegments,
                defaultWebhook == null ? current.defaultWebhook() : Checks.optionalHttpUrl("default_webhook", defaultWebhook),
                limits.applyTo(current.limits()),
                limitBoth == null ? current.limitBoth() : limitBoth);
    }
}
