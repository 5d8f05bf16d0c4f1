package io.gomsggw.core.batch;

import io.gomsggw.core.model.Client;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Tells a client that its batch ended (the completion {@code webhook_url}). Called once per job
 * with a webhook, when it reaches a final state, and again after a restart if the earlier call did
 * not complete.
 *
 * <p>Must not block; the stage completes when the notice was delivered or given up after the
 * implementation's retries, and must not fail.
 */
@FunctionalInterface
public interface BatchNotifier {
    /**
     * @param client   the job's client
     * @param summary  the job in its final state with its counts
     * @param problems its failed and cancelled rows, in index order
     */
    CompletionStage<Void> completed(Client client, BatchSummary summary, List<BatchItem> problems);

    /** Tells nobody. */
    BatchNotifier NONE = (client, summary, problems) -> CompletableFuture.completedFuture(null);
}
