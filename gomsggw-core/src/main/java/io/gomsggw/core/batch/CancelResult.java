package io.gomsggw.core.batch;

/** The answer to cancelling a job or one of its rows. */
public sealed interface CancelResult {
    /** Cancelled: {@code cancelled} rows will not be sent; {@code sent} were sent before. */
    record Cancelled(int cancelled, int sent) implements CancelResult {}

    /** Nothing to cancel any more: the job, or the row, is already {@code status} (HTTP 409). */
    record TooLate(String status) implements CancelResult {}
}
