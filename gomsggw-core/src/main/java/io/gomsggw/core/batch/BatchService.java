package io.gomsggw.core.batch;

import io.gomsggw.core.admin.NotFoundException;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.MessageIds;
import io.gomsggw.core.phone.InvalidPhoneNumberException;
import io.gomsggw.core.phone.PhoneNumbers;
import io.gomsggw.core.store.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batch sending for web clients: validates and stores a batch, then hands it to the
 * {@link BatchRunner}; reads jobs and rows; cancels.
 *
 * <p><b>Creation</b> checks every row: the recipient must be a phone number (normalized to
 * E.164), the text present (its own, or the template filled with its variables, every placeholder
 * having a value) and at most {@value #MAX_TEXT_CHARS} characters. Invalid rows are stored as
 * {@code failed} with their reason and returned with their index; when no row is valid nothing is
 * stored. Every row gets its gateway message id now, so the id a client sees in
 * {@code /messages/batch/{id}/messages} is the id of the message once sent. The job and its rows
 * are written in one transaction before {@link #create} returns (so before the client's 202).
 *
 * <p>A job is visible to its own client only: another client's job is "not found".
 *
 * <p>Threading: thread-safe; every method blocks on the store.
 */
public final class BatchService {
    /** The most rows a batch may have. */
    public static final int MAX_ROWS = 10_000;
    /** The longest text of a row (ten segments, as for single sends). */
    public static final int MAX_TEXT_CHARS = 1600;

    private static final Logger log = LoggerFactory.getLogger(BatchService.class);

    private final BatchStore store;
    private final BatchRunner runner;
    private final PhoneNumbers phones;
    private final Clock clock;

    public BatchService(BatchStore store, BatchRunner runner, PhoneNumbers phones, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.phones = Objects.requireNonNull(phones, "phones");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Validates, stores and starts a batch.
     *
     * @param apiKeyId the API key it came with; null for client credentials
     * @throws IllegalArgumentException with more than {@link #MAX_ROWS} rows or none (callers check first)
     */
    public BatchCreation create(Client client, Long apiKeyId, NewBatch request) {
        int count = request.rows().size();
        if (count == 0 || count > MAX_ROWS) {
            throw new IllegalArgumentException("a batch has 1 to " + MAX_ROWS + " rows, not " + count);
        }
        String batchId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        List<BatchItem> items = new ArrayList<>(count);
        List<RowError> errors = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            BatchRow row = request.rows().get(index);
            String messageId = MessageIds.next(clock);
            String to;
            String text;
            try {
                to = phones.normalize(row.to());
                text = text(row, request.textTemplate());
            } catch (InvalidRowException e) {
                errors.add(new RowError(index, row.to(), e.getMessage(), 400));
                items.add(new BatchItem(
                        batchId,
                        index,
                        messageId,
                        row.to(),
                        textOrEmpty(row),
                        BatchItemStatus.FAILED,
                        e.getMessage(),
                        400,
                        null,
                        null,
                        now));
                continue;
            } catch (InvalidPhoneNumberException e) {
                String error = "invalid 'to': " + e.getMessage();
                errors.add(new RowError(index, row.to(), error, 400));
                items.add(new BatchItem(
                        batchId,
                        index,
                        messageId,
                        row.to(),
                        textOrEmpty(row),
                        BatchItemStatus.FAILED,
                        error,
                        400,
                        null,
                        null,
                        now));
                continue;
            }
            items.add(new BatchItem(
                    batchId, index, messageId, to, text, BatchItemStatus.PENDING, null, 0, null, null, now));
        }
        if (errors.size() == count) {
            return new BatchCreation.Rejected(errors);
        }
        BatchJob job = new BatchJob(
                batchId,
                client.id(),
                apiKeyId,
                BatchStatus.PENDING,
                count,
                request.fromNumber(),
                request.webhookUrl(),
                request.throttlePerSecond(),
                request.maxRetryMins(),
                null,
                false,
                now,
                now,
                null);
        store.create(job, items);
        log.info(
                "batch created batch={} client={} api_key={} rows={} invalid={} from={} throttle_per_second={}",
                batchId,
                client.username(),
                apiKeyId,
                count,
                errors.size(),
                request.fromNumber(),
                request.throttlePerSecond());
        runner.start(job);
        return new BatchCreation.Created(job, errors);
    }

    private static String text(BatchRow row, String template) {
        String text;
        if (row.text() != null && !row.text().isBlank()) {
            text = row.text();
        } else if (template != null && !template.isBlank()) {
            Template.Filled filled = Template.fill(template, row.variables());
            if (filled instanceof Template.Filled.MissingVariable missing) {
                throw new InvalidRowException("no value for template variable '" + missing.name() + "'");
            }
            text = ((Template.Filled.Text) filled).text();
        } else {
            throw new InvalidRowException("no message text (no 'text' and no 'text_template')");
        }
        if (text.isBlank()) {
            throw new InvalidRowException("the message text is empty");
        }
        if (text.length() > MAX_TEXT_CHARS) {
            throw new InvalidRowException("the message text is longer than " + MAX_TEXT_CHARS + " characters");
        }
        return text;
    }

    private static String textOrEmpty(BatchRow row) {
        return row.text() == null ? "" : row.text();
    }

    /** A row that cannot be sent; the message is for the client. */
    private static final class InvalidRowException extends RuntimeException {
        InvalidRowException(String message) {
            super(message, null, false, false);
        }
    }

    /** A job of {@code clientId}, with its counts. */
    public Optional<BatchSummary> find(long clientId, String batchId) {
        return store.find(batchId).filter(s -> s.job().clientId() == clientId);
    }

    /** A page of a client's jobs, newest first. */
    public Page<BatchSummary> search(BatchQuery query) {
        return store.search(query);
    }

    /**
     * A page of a job's rows in index order, only those in {@code statuses} unless empty.
     *
     * @throws NotFoundException when the client has no such job
     */
    public Page<BatchItem> items(long clientId, String batchId, Set<BatchItemStatus> statuses, int page, int perPage) {
        requireJob(clientId, batchId);
        return store.items(batchId, statuses, page, perPage);
    }

    /**
     * The failed and cancelled rows of a job, in index order (at most {@link #MAX_ROWS}); none
     * read when its counts have none (a job being polled while it sends).
     */
    public List<BatchItem> problems(BatchSummary summary) {
        if (summary.counts().failed() + summary.counts().cancelled() == 0) {
            return List.of();
        }
        return store.items(summary.job().id(), Set.of(BatchItemStatus.FAILED, BatchItemStatus.CANCELLED), 1, MAX_ROWS)
                .items();
    }

    /**
     * Cancels the rows of a job not taken yet; rows already taken are still sent.
     *
     * @throws NotFoundException when the client has no such job
     */
    public CancelResult cancel(long clientId, String batchId) {
        BatchJob job = requireJob(clientId, batchId).job();
        if (job.status().isFinal()) {
            return new CancelResult.TooLate(job.status().wireName());
        }
        return runner.cancel(job);
    }

    /**
     * Cancels one row while it waits (pending or queued).
     *
     * @throws NotFoundException when the client has no such job, or the job no such row
     */
    public CancelResult cancelItem(long clientId, String batchId, String messageId) {
        requireJob(clientId, batchId);
        BatchItem item =
                store.findItem(batchId, messageId).orElseThrow(() -> new NotFoundException("Message not found"));
        if (store.cancelItem(batchId, messageId, "cancelled by user")) {
            log.info("batch message cancelled batch={} message={} index={}", batchId, messageId, item.index());
            return new CancelResult.Cancelled(1, 0);
        }
        BatchItem now = store.findItem(batchId, messageId).orElse(item);
        return new CancelResult.TooLate(now.status().wireName());
    }

    private BatchSummary requireJob(long clientId, String batchId) {
        return find(clientId, batchId).orElseThrow(() -> new NotFoundException("Batch job not found"));
    }
}
