package io.gomsggw.core.batch;

import java.time.Instant;
import java.util.Objects;

/**
 * A batch job as stored.
 *
 * @param id                a random UUID
 * @param clientId          the client that sent it
 * @param apiKeyId          the API key it was sent with; null for client credentials
 * @param status            its state
 * @param totalCount        rows in all (invalid ones included, which are failed from the start)
 * @param fromNumber        the sender number, E.164
 * @param webhookUrl        where the completion is posted; null for nowhere
 * @param throttlePerSecond most rows sent per second; 0 for as fast as the gateway takes them
 * @param maxRetryMins      how long rows refused by a full usage limit may wait, from the first refusal
 * @param retryUntil        when waiting rows give up (set at the first refusal by a limit); null before
 * @param webhookNotified   whether the completion webhook was delivered (or given up)
 * @param createdAt         when it was accepted
 * @param updatedAt         its last change of state
 * @param completedAt       when it ended; null while it runs
 */
public record BatchJob(
        String id,
        long clientId,
        Long apiKeyId,
        BatchStatus status,
        int totalCount,
        String fromNumber,
        String webhookUrl,
        int throttlePerSecond,
        int maxRetryMins,
        Instant retryUntil,
        boolean webhookNotified,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt) {
    public BatchJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(fromNumber, "fromNumber");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public BatchJob withState(BatchStatus newStatus, Instant newRetryUntil, Instant at, Instant newCompletedAt) {
        return new BatchJob(
                id,
                clientId,
                apiKeyId,
                newStatus,
                totalCount,
                fromNumber,
                webhookUrl,
                throttlePerSecond,
                maxRetryMins,
                newRetryUntil,
                webhookNotified,
                createdAt,
                at,
                newCompletedAt);
    }
}
