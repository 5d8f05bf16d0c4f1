package io.gomsggw.http.webhook;

import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.dispatch.StatusListener;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.Direction;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.core.spi.RetryPolicy;
import io.gomsggw.core.spi.SendOutcome;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells web clients what became of the messages they sent: when such a message is {@code sent}
 * (handed to a carrier), {@code delivered} or {@code failed}, posts
 * {@code {"id", "type":"status", "status", "error"?, "timestamp"}} to the webhook of the sender's
 * {@code from} number, else to its {@code default_webhook} (no URL, no status webhook). Auth and
 * signature as for messages ({@link WebhookSender}); a failed post is retried per the client's
 * {@code webhook_retries} with backoff, then dropped with a log line. Statuses of one message are
 * posted independently, so a receiver orders them by {@code timestamp}.
 *
 * <p>Register with {@link io.gomsggw.core.dispatch.MessageJournal#addListener}. Threading:
 * {@link #onStatus} only starts an asynchronous post and returns; it never throws.
 */
public final class StatusWebhooks implements StatusListener {
    private static final Logger log = LoggerFactory.getLogger(StatusWebhooks.class);
    private static final Set<MessageStatus> REPORTED =
            Set.of(MessageStatus.SENT, MessageStatus.DELIVERED, MessageStatus.FAILED, MessageStatus.UNDELIVERED);

    private final Directory directory;
    private final WebhookSender sender;

    /**
     * @param directory the live clients and numbers
     * @param sender    posts the webhooks
     */
    public StatusWebhooks(Directory directory, WebhookSender sender) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    @Override
    public void onStatus(Message message, StatusChange change) {
        try {
            if (!REPORTED.contains(change.status())
                    || message.direction() != Direction.OUTBOUND
                    || message.clientId() == null) {
                return;
            }
            Optional<Client> client = directory.client(message.clientId()).filter(c -> c.type() == ClientType.WEB);
            if (client.isEmpty()) {
                return;
            }
            Optional<WebhookTarget> target = WebhookTarget.of(directory, client.get(), message.from());
            if (target.isEmpty()) {
                log.debug(
                        "no status webhook id={} client={}",
                        message.id(),
                        client.get().username());
                return;
            }
            post(
                    new Post(
                            client.get(),
                            target.get().url(),
                            WebhookBodies.status(message, change),
                            message.id(),
                            sender.retryPolicy(client.get())),
                    1);
        } catch (RuntimeException e) {
            log.warn("status webhook not started id={} error=\"{}\"", message.id(), e.toString());
        }
    }

    private void post(Post post, int attempt) {
        sender.post(post.client, post.url, post.body).whenComplete((outcome, error) -> {
            if (error != null) {
                log.warn(
                        "status webhook dropped id={} client={} attempts={} error=\"{}\"",
                        post.messageId,
                        post.client.username(),
                        attempt,
                        error.toString());
            } else if (outcome instanceof SendOutcome.Accepted) {
                log.debug("status webhook delivered id={} client={}", post.messageId, post.client.username());
            } else if (outcome instanceof SendOutcome.Retryable && post.policy.mayRetry(attempt)) {
                Duration delay = post.policy.delayAfter(attempt, ThreadLocalRandom.current()::nextDouble);
                CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS)
                        .execute(() -> post(post, attempt + 1));
            } else {
                log.warn(
                        "status webhook dropped id={} client={} attempts={} outcome=\"{}\"",
                        post.messageId,
                        post.client.username(),
                        attempt,
                        outcome);
            }
        });
    }

    /** One status webhook on its way. */
    private record Post(Client client, String url, Object body, String messageId, RetryPolicy policy) {}
}
