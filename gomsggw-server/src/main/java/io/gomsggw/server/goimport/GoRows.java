package io.gomsggw.server.goimport;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rows of a Go gateway's database as {@link GoDatabase} reads them, field for field as the Go
 * models define them ({@code clients.go}, {@code carrier.go}, {@code api_keys.go},
 * {@code msg_records.go}). Text is as stored (null where the column is NULL or missing in an
 * older Go schema); secrets are still encrypted.
 */
final class GoRows {
    private GoRows() {}

    /** A row of {@code carriers}; {@code password} encrypted, {@code username} in plain text. */
    record Carrier(long id, String name, String type, String username, String password, String uuid, String profileId) {
        String label() {
            return "carrier " + id + " '" + name + "'";
        }
    }

    /** The six usage limits of a settings row; 0 means none. */
    record Limits(long smsBurst, long smsDaily, long smsMonthly, long mmsBurst, long mmsDaily, long mmsMonthly) {
        boolean any() {
            return smsBurst > 0 || smsDaily > 0 || smsMonthly > 0 || mmsBurst > 0 || mmsDaily > 0 || mmsMonthly > 0;
        }
    }

    /** A row of {@code client_settings}. */
    record ClientSettings(
            String authMethod,
            String apiFormat,
            boolean disableMessageSplitting,
            long webhookRetries,
            long webhookTimeoutSecs,
            boolean includeRawSegments,
            String defaultWebhook,
            Limits limits,
            boolean limitBoth) {}

    /** A row of {@code clients} with its {@code client_settings} row, if it has one; {@code password} encrypted. */
    record Client(
            long id,
            String username,
            String password,
            String address,
            String name,
            String type,
            String timezone,
            boolean logPrivacy,
            Optional<ClientSettings> settings) {
        String label() {
            return "client " + id + " '" + username + "'";
        }
    }

    /** A row of {@code number_settings}; {@code autoReplyCooldownSecs} 0 means the Go default of 60. */
    record NumberSettings(
            Limits limits,
            boolean limitBoth,
            boolean autoReplyEnabled,
            String autoReplyMessage,
            long autoReplyCooldownSecs) {}

    /** A row of {@code client_numbers} with its {@code number_settings} row, if it has one. */
    // named after the Go table it reads; never used beside java.lang.Number
    @SuppressWarnings("JavaLangClash")
    record Number(
            long id,
            long clientId,
            String number,
            String carrier,
            String tag,
            String group,
            boolean ignoreStopCmdSending,
            String webhook,
            Optional<NumberSettings> settings) {
        String label() {
            return "number " + id + " '" + number + "'";
        }
    }

    /** A row of {@code client_failovers}. */
    record Failover(long id, long primaryClientId, long fallbackClientId, long priority, boolean enabled) {
        String label() {
            return "failover " + id + " (client " + primaryClientId + " to client " + fallbackClientId + ")";
        }
    }

    /**
     * A row of {@code tenant_api_keys} with the number ids of its {@code api_key_numbers} rows
     * (empty: every number of its client).
     */
    record ApiKey(
            long id,
            long clientId,
            String name,
            String keyHash,
            String keyPrefix,
            String scopes,
            long rateLimit,
            boolean active,
            Instant expiresAt,
            Instant lastUsedAt,
            Instant createdAt,
            List<Long> numberIds) {
        String label() {
            return "API key " + id + " '" + (name == null || name.isEmpty() ? keyPrefix : name) + "'";
        }
    }

    /** A row of {@code msg_record_db_items}: one message as one client saw it (Go keeps no message text). */
    record MessageRecord(
            long id,
            long clientId,
            String to,
            String from,
            Instant receivedAt,
            String type,
            String carrier,
            boolean internal,
            String logId,
            String serverId,
            String direction,
            String fromClientType,
            String toClientType,
            String deliveryMethod) {}

    /**
     * Message records of one client since some time, grouped: how many of {@code type} went out
     * from {@code number} (outbound) or came in to it (inbound).
     */
    record UsageCount(String type, boolean inbound, String number, long count) {}
}
