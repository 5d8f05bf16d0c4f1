package io.gomsggw.http.admin;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.gomsggw.core.admin.ClientDetails;
import io.gomsggw.core.admin.DirectorySnapshot;
import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.ClientSettings;
import io.gomsggw.core.model.NumberSettings;
import io.gomsggw.core.routing.AutoReplyPolicy;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the admin API, as records whose components the codec writes in snake_case.
 * Secrets (client and carrier passwords) have no component here, so no response can hold one.
 */
final class AdminViews {
    private AdminViews() {}

    record Status(String status) {}

    /** A deletion: Go's {@code {message, <thing>_id}} and our {@code status}, both the same text. */
    static Map<String, Object> deleted(String message, String idField, long id) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", message);
        answer.put("message", message);
        answer.put(idField, id);
        return answer;
    }

    /**
     * Go's {@code {message, number}} around an updated number (its fields cannot also be at the top:
     * the number's own {@code number} would collide with Go's).
     */
    record NumberUpdated(String message, NumberView number) {
        static NumberUpdated of(NumberView number) {
            return new NumberUpdated("Number updated", number);
        }
    }

    /** Go's {@code {message, failover}} around an updated failover, whose fields we also write at the top. */
    record FailoverUpdated(
            String message,
            FailoverView failover,
            @JsonUnwrapped FailoverView view) {
        static FailoverUpdated of(FailoverView failover) {
            return new FailoverUpdated("Failover updated", failover, failover);
        }
    }

    /** The Go gateway's answer to a new client: name and address as {@code ""} when there are none, as Go writes them. */
    record CreatedClient(long id, String username, String name, String type, String address, boolean logPrivacy) {
        static CreatedClient of(Client client) {
            return new CreatedClient(
                    client.id(),
                    client.username(),
                    client.name() == null ? "" : client.name(),
                    client.type().wireName(),
                    client.address() == null ? "" : client.address(),
                    client.logPrivacy());
        }
    }

    record ClientView(
            long id,
            String username,
            String name,
            String type,
            String address,
            String timezone,
            boolean logPrivacy,
            ClientSettingsView settings,
            List<NumberView> numbers) {
        static ClientView of(ClientDetails details) {
            Client c = details.client();
            return new ClientView(
                    c.id(),
                    c.username(),
                    c.name(),
                    c.type().wireName(),
                    c.address(),
                    c.timezone().getId(),
                    c.logPrivacy(),
                    ClientSettingsView.of(c.id(), c.settings()),
                    details.numbers().stream().map(NumberView::of).toList());
        }
    }

    record ClientSettingsView(
            long clientId,
            String authMethod,
            String apiFormat,
            boolean disableMessageSplitting,
            Integer webhookRetries,
            int webhookTimeoutSecs,
            boolean includeRawSegments,
            String defaultWebhook,
            long smsBurstLimit,
            long smsDailyLimit,
            long smsMonthlyLimit,
            long mmsBurstLimit,
            long mmsDailyLimit,
            long mmsMonthlyLimit,
            boolean limitBoth,
            Integer webhookRetryDelaySecs,
            Integer deliveryWindowHours,
            Integer webhookMaxConcurrency,
            Long mmsMaxBytes) {
        static ClientSettingsView of(long clientId, ClientSettings s) {
            return new ClientSettingsView(
                    clientId,
                    s.authMethod().wireName(),
                    s.apiFormat().wireName(),
                    s.disableMessageSplitting(),
                    s.webhookRetries(),
                    s.webhookTimeoutSecs(),
                    s.includeRawSegments(),
                    s.defaultWebhook(),
                    s.limits().smsBurst(),
                    s.limits().smsDaily(),
                    s.limits().smsMonthly(),
                    s.limits().mmsBurst(),
                    s.limits().mmsDaily(),
                    s.limits().mmsMonthly(),
                    s.limitBoth(),
                    s.webhookRetryDelaySecs(),
                    s.deliveryWindowHours(),
                    s.webhookMaxConcurrency(),
                    s.mmsMaxBytes());
        }
    }

    record SettingsUpdated(String message, Object settings) {}

    record NumberView(
            long id,
            long clientId,
            String number,
            String carrier,
            String tag,
            String group,
            String webhook,
            boolean ignoreStopCmdSending,
            NumberSettingsView settings) {
        static NumberView of(ClientNumber n) {
            return new NumberView(
                    n.id(),
                    n.clientId(),
                    n.number(),
                    n.carrier(),
                    n.tag(),
                    n.group(),
                    n.webhook(),
                    n.ignoreStopCmdSending(),
                    NumberSettingsView.of(n));
        }
    }

    /** {@code limit_both} is null when the number inherits the client's setting. */
    record NumberSettingsView(
            long numberId,
            String number,
            long smsBurstLimit,
            long smsDailyLimit,
            long smsMonthlyLimit,
            long mmsBurstLimit,
            long mmsDailyLimit,
            long mmsMonthlyLimit,
            Boolean limitBoth,
            boolean autoReplyEnabled,
            String autoReplyMessage,
            int autoReplyCooldownSecs) {
        static NumberSettingsView of(ClientNumber n) {
            NumberSettings s = n.settings();
            return new NumberSettingsView(
                    n.id(),
                    n.number(),
                    s.limits().smsBurst(),
                    s.limits().smsDaily(),
                    s.limits().smsMonthly(),
                    s.limits().mmsBurst(),
                    s.limits().mmsDaily(),
                    s.limits().mmsMonthly(),
                    s.limitBoth(),
                    s.autoReplyEnabled(),
                    s.autoReplyMessage(),
                    s.autoReplyCooldownSecs());
        }
    }

    /** The auto-reply of a number resolved against the gateway-wide policy. */
    record AutoReplyView(
            long numberId,
            String number,
            boolean masterEnabled,
            boolean enabled,
            boolean effectiveEnabled,
            String message,
            String effectiveMessage,
            int cooldownSecs,
            boolean suppressedByStop,
            String envDefaultFallback) {
        static AutoReplyView of(ClientNumber n, AutoReplyPolicy policy) {
            NumberSettings s = n.settings();
            return new AutoReplyView(
                    n.id(),
                    n.number(),
                    policy.masterEnabled(),
                    s.autoReplyEnabled(),
                    policy.effectiveEnabled(s) && !n.ignoreStopCmdSending(),
                    s.autoReplyMessage(),
                    policy.effectiveMessage(s),
                    s.autoReplyCooldownSecs(),
                    n.ignoreStopCmdSending(),
                    policy.defaultMessage());
        }
    }

    /** The answer to an auto-reply change, shaped as the Go gateway's. */
    record AutoReplyUpdated(String message, AutoReplySettings settings) {
        static AutoReplyUpdated of(ClientNumber n) {
            NumberSettings s = n.settings();
            return new AutoReplyUpdated(
                    "Auto-reply settings updated",
                    new AutoReplySettings(s.autoReplyEnabled(), s.autoReplyMessage(), s.autoReplyCooldownSecs()));
        }
    }

    record AutoReplySettings(boolean enabled, String message, int cooldownSecs) {}

    record CarrierView(
            long id,
            String name,
            String type,
            String username,
            String uuid,
            String profileId,
            String webhookPublicKey,
            String baseUrl) {
        static CarrierView of(Carrier c) {
            return new CarrierView(
                    c.id(),
                    c.name(),
                    c.type(),
                    c.username(),
                    c.uuid(),
                    c.profileId(),
                    c.webhookPublicKey(),
                    c.baseUrl());
        }
    }

    record FailoverView(
            long id,
            long primaryClientId,
            long fallbackClientId,
            String fallbackClientUsername,
            String fallbackClientName,
            int priority,
            boolean enabled,
            boolean fallbackOnline) {}

    record Reloaded(String status, int clients, int numbers, int carriers, int failovers, Instant loadedAt) {
        static Reloaded of(String status, DirectorySnapshot snapshot) {
            return new Reloaded(
                    status,
                    snapshot.clientCount(),
                    snapshot.numberCount(),
                    snapshot.carrierCount(),
                    snapshot.failoverCount(),
                    snapshot.loadedAt());
        }
    }
}
