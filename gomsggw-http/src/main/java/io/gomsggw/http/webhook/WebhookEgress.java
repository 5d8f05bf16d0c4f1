package io.gomsggw.http.webhook;

import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.dispatch.MediaLinks;
import io.gomsggw.core.model.ApiFormat;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.spi.ClientEgress;
import io.gomsggw.core.spi.RetryPolicy;
import io.gomsggw.core.spi.SendOutcome;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers messages to web clients by webhook (channel {@code webhook}): an HTTP POST to the
 * recipient number's {@code webhook}, else the client's {@code default_webhook}, in the client's
 * {@code api_format} (see {@link WebhookSender} for authentication, signature and outcomes). A
 * client with neither URL gets {@link SendOutcome.Rejected}.
 *
 * <p>Media: the generic format carries it inline as base64. Bicom and telnyx carry links: those of
 * {@code mediaLinks} (hosted {@code /media/{token}} links when the gateway has a public address,
 * see {@link io.gomsggw.http.media.HostedMedia}), else {@code data:} URIs, as the Go gateway sends
 * them. Publishing links writes to the media store, so it runs on {@code blockingExecutor}; each
 * attempt publishes afresh (links expire with the media).
 *
 * <p>Threading: thread-safe; {@link #deliver} never blocks its caller.
 */
public final class WebhookEgress implements ClientEgress {
    private static final Logger log = LoggerFactory.getLogger(WebhookEgress.class);

    private final Directory directory;
    private final WebhookSender sender;
    private final MediaLinks mediaLinks;
    private final Executor blockingExecutor;
    private final Clock clock;

    /**
     * @param directory        the live clients and numbers (for the webhook URL, tag and group)
     * @param sender           posts the webhooks
     * @param mediaLinks       publishes media for bicom and telnyx bodies; {@link MediaLinks#NONE} sends
     *                         {@code data:} URIs instead
     * @param blockingExecutor runs the publication of media links
     * @param clock            the time of telnyx events
     */
    public WebhookEgress(
            Directory directory, WebhookSender sender, MediaLinks mediaLinks, Executor blockingExecutor, Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.mediaLinks = Objects.requireNonNull(mediaLinks, "mediaLinks");
        this.blockingExecutor = Objects.requireNonNull(blockingExecutor, "blockingExecutor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String channel() {
        return "webhook";
    }

    @Override
    public boolean accepts(Client client) {
        return client.type() == ClientType.WEB;
    }

    @Override
    public CompletionStage<SendOutcome> deliver(Client client, Message message) {
        Optional<WebhookTarget> target = WebhookTarget.of(directory, client, message.to());
        if (target.isEmpty()) {
            return CompletableFuture.completedFuture(new SendOutcome.Rejected(
                    "no webhook configured for client " + client.username() + " and number " + message.to()));
        }
        ApiFormat format = client.settings().apiFormat();
        CompletableFuture<Object> body =
                format != ApiFormat.GENERIC && !message.media().isEmpty()
                        ? CompletableFuture.supplyAsync(
                                () -> body(client, message, target.get(), mediaUrls(message)), blockingExecutor)
                        : CompletableFuture.completedFuture(body(client, message, target.get(), List.of()));
        return body.thenCompose(b -> sender.post(client, target.get().url(), b))
                .exceptionally(error -> new SendOutcome.Retryable("webhook not sent: " + describe(error)))
                .thenApply(outcome -> logged(client, message, outcome));
    }

    @Override
    public RetryPolicy retryPolicy(Client client) {
        return sender.retryPolicy(client);
    }

    private Object body(Client client, Message message, WebhookTarget target, List<String> mediaUrls) {
        return switch (client.settings().apiFormat()) {
            case GENERIC ->
                WebhookBodies.generic(
                        message, target.number(), client.settings().includeRawSegments());
            case BICOM -> WebhookBodies.bicom(message, mediaUrls);
            case TELNYX -> WebhookBodies.telnyx(message, mediaUrls, clock.instant());
        };
    }

    private List<String> mediaUrls(Message message) {
        List<String> links = mediaLinks.publish(message);
        return links.size() == message.media().size() ? links : WebhookBodies.dataUris(message);
    }

    private static SendOutcome logged(Client client, Message message, SendOutcome outcome) {
        if (outcome instanceof SendOutcome.Accepted) {
            log.debug("webhook delivered id={} client={}", message.id(), client.username());
        } else {
            log.warn(
                    "webhook not delivered id={} client={} outcome={} reason=\"{}\"",
                    message.id(),
                    client.username(),
                    outcome.getClass().getSimpleName().toLowerCase(Locale.ROOT),
                    reason(outcome));
        }
        return outcome;
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getMessage() != null
                ? cause.getMessage()
                : cause.getClass().getSimpleName();
    }

    private static String reason(SendOutcome outcome) {
        if (outcome instanceof SendOutcome.Retryable r) return r.reason();
        if (outcome instanceof SendOutcome.Rejected r) return r.reason();
        if (outcome instanceof SendOutcome.OptedOut r) return r.reason();
        return "";
    }
}
