package io.gomsggw.core.batch;

import io.gomsggw.core.store.Page;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The stored batch jobs and their rows.
 *
 * <p>{@link #create} writes a job and all its rows in one transaction with batched inserts (a
 * 10,000-row batch is one round trip per few hundred rows, never one per row): when it returns,
 * the batch survives a restart. The runner moves rows from waiting ({@code pending},
 * {@code queued}) to {@code sending} with {@link #claim} and records what became of them with
 * {@link #record}; cancellations change waiting rows only, so a row the runner has taken can no
 * longer be cancelled, and a cancelled row is never taken.
 *
 * <p>Threading: thread-safe; every method blocks on I/O and throws
 * {@link io.gomsggw.core.store.StoreException} when the database fails.
 */
public interface BatchStore {
    /** Stores a job and its rows in one transaction. */
    void create(BatchJob job, List<BatchItem> items);

    /** A job with its counts. */
    Optional<BatchSummary> find(String batchId);

    /** A page of a client's jobs, newest first, with their counts. */
    Page<BatchSummary> search(BatchQuery query);

    /** A page of a job's rows in index order, only those in {@code statuses} unless it is empty. */
    Page<BatchItem> items(String batchId, Collection<BatchItemStatus> statuses, int page, int perPage);

    /** The row of a job whose reserved message id is {@code messageId}. */
    Optional<BatchItem> findItem(String batchId, String messageId);

    /**
     * Jobs not final yet (pending, processing, partially queued), oldest first: the runner resumes
     * them at start. A store of a node that shares its database with others returns only the jobs
     * that node owns (it stored them, or took them over from a dead node), after making it the
     * owner of jobs that have none (stored before owners were recorded): each job is run by one
     * node at a time (docs/scale-out.md).
     */
    List<BatchJob> unfinished();

    /** Final jobs with a webhook that was not delivered yet, oldest first; owned as {@link #unfinished}. */
    List<BatchJob> awaitingWebhook();

    /**
     * Moves up to {@code limit} waiting rows of a job with an index of at least {@code fromIndex},
     * lowest index first, to {@code sending}, and returns them (with their new status). A runner
     * going through a job passes the index after its last claim, so the rows it already went
     * through are not read again.
     */
    List<BatchItem> claim(String batchId, int fromIndex, int limit);

    /** The rows of a job in {@code sending}: at start, those a previous run may have submitted. */
    List<BatchItem> sending(String batchId);

    /**
     * Applies outcomes to rows that are still {@code sending}, in one transaction; the others
     * are left as they are. {@code sent_at} is set for {@code SENT}, {@code queued_at} for
     * {@code QUEUED}.
     */
    void record(List<ItemOutcome> outcomes);

    /** Moves a job's {@code pending} rows to {@code queued} with a reason; returns how many. */
    int queueWaiting(String batchId, String error, int errorCode, Instant at);

    /** Moves a job's waiting rows to {@code failed} with a reason; returns how many. */
    int failWaiting(String batchId, String error, int errorCode);

    /** Moves a job's waiting rows to {@code cancelled} with a reason; returns how many. */
    int cancelWaiting(String batchId, String reason);

    /** Cancels one waiting row; false when it is not waiting (or does not exist). */
    boolean cancelItem(String batchId, String messageId, String reason);

    /** Stores a job's state: status, retry deadline, update and completion times. */
    void updateState(BatchJob job);

    /** Notes that a job's completion webhook was delivered or given up. */
    void markNotified(String batchId);
}
