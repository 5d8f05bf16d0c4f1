package io.gomsggw.core.dispatch;

import io.gomsggw.core.spi.SendOutcome;
import io.gomsggw.core.spi.TranscodeException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** How the dispatcher turns what a peer did (or failed to do) into a {@link SendOutcome}. */
final class Outcomes {
    private Outcomes() {}

    /** The stage bounded by {@code timeout}; a timeout or an exception becomes a retryable outcome. */
    static CompletionStage<SendOutcome> safely(CompletionStage<SendOutcome> stage, Duration timeout) {
        return stage.toCompletableFuture()
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((outcome, error) -> error == null ? outcome : new SendOutcome.Retryable(describe(error)));
    }

    /** Media that cannot be made to fit is a refusal; any other error may pass. */
    static SendOutcome mediaRefused(Throwable error) {
        Throwable cause = unwrap(error);
        return cause instanceof TranscodeException refused
                ? new SendOutcome.Rejected(refused.code() + ": " + refused.getMessage())
                : new SendOutcome.Retryable(describe(cause));
    }

    static String describe(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof TimeoutException) {
            return "timed out";
        }
        return cause.getMessage() != null
                ? cause.getMessage()
                : cause.getClass().getSimpleName();
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
