package io.gomsggw.http.webclient;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.gomsggw.core.batch.BatchCounts;
import io.gomsggw.core.batch.BatchItem;
import io.gomsggw.core.batch.BatchJob;
import io.gomsggw.core.batch.BatchSummary;
import io.gomsggw.core.batch.RowError;
import java.time.Instant;
import java.util.List;

/**
 * The JSON shapes of batch sending, with the Go gateway's field names. Additions:
 * {@code pending_count} (rows not sent yet, taken or not), {@code cancelled_count} (of the
 * {@code failed_count}, those cancelled), and {@code errors} on the 202 for rows refused at once.
 */
public final class BatchViews {
    private BatchViews() {}

    /** {@code 202} to a new batch. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Accepted(String id, String status, int totalCount, int invalidCount, List<ErrorView> errors) {}

    /** {@code 400} when no row of a batch can be sent. */
    record Rejected(String error, List<ErrorView> errors) {}

    /** A row that failed: its index in the request, recipient, reason and HTTP-style code. */
    public record ErrorView(int index, String to, String error, int code) {
        static ErrorView of(RowError error) {
            return new ErrorView(error.index(), error.to(), error.error(), error.code());
        }

        static ErrorView of(BatchItem item) {
            return new ErrorView(item.index(), item.to(), item.error(), item.errorCode());
        }
    }

    /**
     * A job in {@code GET /messages/batch}: {@code failed_count} counts failed and cancelled rows,
     * as the Go gateway reports them.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JobView(
            String id,
            long clientId,
            Long apiKeyId,
            String status,
            int totalCount,
            int sentCount,
            int failedCount,
            int queuedCount,
            int pendingCount,
            int cancelledCount,
            String fromNumber,
            String webhookUrl,
            int throttlePerSecond,
            int maxRetryMins,
            Instant createdAt,
            Instant updatedAt,
            Instant completedAt) {
        public static JobView of(BatchSummary summary) {
            BatchJob job = summary.job();
            BatchCounts counts = summary.counts();
            return new JobView(
                    job.id(),
                    job.clientId(),
                    job.apiKeyId(),
                    job.status().wireName(),
                    job.totalCount(),
                    counts.sent(),
                    counts.failed() + counts.cancelled(),
                    counts.queued(),
                    counts.pending() + counts.sending(),
                    counts.cancelled(),
                    job.fromNumber(),
                    job.webhookUrl(),
                    job.throttlePerSecond(),
                    job.maxRetryMins(),
                    job.createdAt(),
                    job.updatedAt(),
                    job.completedAt());
        }
    }

    /**
     * One job with its failed and cancelled rows ({@code GET /messages/batch/{id}} and the
     * completion webhook's body); {@code errors} is left out when there are none, as in Go.
     */
    public record StatusView(
            @JsonUnwrapped JobView job,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ErrorView> errors) {
        public static StatusView of(BatchSummary summary, List<BatchItem> problems) {
            return new StatusView(
                    JobView.of(summary), problems.stream().map(ErrorView::of).toList());
        }
    }

    /** A row in {@code GET /messages/batch/{id}/messages}; {@code id} is its gateway message id. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ItemView(
            String id,
            String batchJobId,
            int index,
            String to,
            String text,
            String status,
            String error,
            Integer errorCode,
            Instant queuedAt,
            Instant sentAt,
            Instant createdAt) {
        static ItemView of(BatchItem item) {
            return new ItemView(
                    item.messageId(),
                    item.batchId(),
                    item.index(),
                    item.to(),
                    item.text(),
                    item.status().wireName(),
                    item.error(),
                    item.errorCode() == 0 ? null : item.errorCode(),
                    item.queuedAt(),
                    item.sentAt(),
                    item.createdAt());
        }
    }

    record JobCancelled(String message, String jobId, String status, int cancelledCount, int sentCount) {}

    record MessageCancelled(String message, String messageId, String status) {}

    record NotCancellable(String error, String status, String detail) {}
}
