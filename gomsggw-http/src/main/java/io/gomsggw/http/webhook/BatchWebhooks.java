package io.gomsggw.http.webhook;

import io.gomsggw.core.batch.BatchItem;
import io.gomsggw.core.batch.BatchNotifier;
import io.gomsggw.core.batch.BatchSummary;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.spi.RetryPolicy;
import io.gomsggw.core.spi.SendOutcome;
import io.gomsggw.http.webclient.BatchViews.StatusView;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a finished batch to its {@code webhook_url}: the body is the job as
 * {@code GET /messages/batch/{id}} shows it (with {@code errors}), sent by the {@link WebhookSender}
 * like every webhook, so with the client's credentials and the {@link WebhookSignature} header. A
 * failure that may pass is retried per the client's {@code webhook_retries}; then the notice is
 * given up and logged.
 */
public final class BatchWebhooks implements BatchNotifier {
    private static final Logger log = LoggerFactory.getLogger(BatchWebhooks.class);

    private final WebhookSender sender;

    public BatchWebhooks(WebhookSender sender) {
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    @Override
    public CompletionStage<Void> completed(Client client, BatchSummary summary, List<BatchItem> problems) {
        String url = summary.job().webhookUrl();
        if (url == null) {
            return CompletableFuture.completedFuture(null);
        }
        return attempt(client, url, StatusView.of(summary, problems), sender.retryPolicy(client), 1);
    }

    private CompletionStage<Void> attempt(Client client, String url, StatusView body, RetryPolicy policy, int attempt) {
        return sender.post(client, url, body).thenCompose(outcome -> {
            String batch = body.job().id();
            if (outcome instanceof SendOutcome.Accepted) {
                log.info("batch webhook delivered batch={} client={} attempts={}", batch, client.username(), attempt);
                return CompletableFuture.completedFuture(null);
            }
            if (outcome instanceof SendOutcome.Retryable retryable && policy.mayRetry(attempt)) {
                long delay = policy.delayAfter(attempt, ThreadLocalRandom.current()::nextDouble)
                        .toMillis();
                log.info(
                        "batch webhook failed, retrying batch={} attempt={} delay_ms={} reason=\"{}\"",
                        batch,
                        attempt,
                        delay,
                        retryable.reason());
                return CompletableFuture.supplyAsync(
                                () -> null, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS))
                        .thenCompose(ignored -> attempt(client, url, body, policy, attempt + 1));
            }
            log.warn(
                    "batch webhook given up batch={} client={} attempts={} outcome={}",
                    batch,
                    client.username(),
                    attempt,
                    outcome);
            return CompletableFuture.completedFuture(null);
        });
    }
}
