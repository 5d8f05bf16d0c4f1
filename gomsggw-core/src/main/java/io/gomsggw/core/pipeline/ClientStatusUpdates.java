package io.gomsggw.core.pipeline;

import io.gomsggw.core.dispatch.MessageJournal;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.core.store.MessageStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a status a client reports about a message it was handed ({@code sent}) by the message's
 * own id: MM4's {@code MM4_forward.RES} and {@code MM4_delivery_report.REQ} name our id. Only a
 * {@code sent} message changes; a report that overtakes the dispatcher (the client answered before
 * the {@code sent} status was recorded) is looked at again a few times, as carriers' reports are.
 */
final class ClientStatusUpdates {
    private static final Logger log = LoggerFactory.getLogger(ClientStatusUpdates.class);

    private final MessageStore store;
    private final MessageJournal journal;
    private final Executor executor;
    private final Clock clock;
    private final List<Duration> lookAgain;
    private final BooleanSupplier closed;

    ClientStatusUpdates(
            MessageStore store,
            MessageJournal journal,
            Executor executor,
            Clock clock,
            List<Duration> lookAgain,
            BooleanSupplier closed) {
        this.store = store;
        this.journal = journal;
        this.executor = executor;
        this.clock = clock;
        this.lookAgain = List.copyOf(lookAgain);
        this.closed = closed;
    }

    CompletionStage<Optional<Message>> apply(
            String messageId, Predicate<Message> reporterMay, MessageStatus status, String reason) {
        if (status != MessageStatus.DELIVERED && status != MessageStatus.FAILED) {
            throw new IllegalArgumentException("a client reports delivered or failed, not " + status);
        }
        return apply(messageId, reporterMay, status, reason, 0);
    }

    private CompletionStage<Optional<Message>> apply(
            String messageId, Predicate<Message> reporterMay, MessageStatus status, String reason, int lookups) {
        Executor on = lookups == 0
                ? executor
                : CompletableFuture.delayedExecutor(
                        lookAgain.get(lookups - 1).toMillis(), TimeUnit.MILLISECONDS, executor);
        return CompletableFuture.supplyAsync(() -> lookup(messageId, reporterMay, status, reason), on)
                .thenCompose(result -> {
                    if (result.done() || closed.getAsBoolean()) {
                        return CompletableFuture.completedFuture(result.message());
                    }
                    if (lookups < lookAgain.size()) {
                        return apply(messageId, reporterMay, status, reason, lookups + 1);
                    }
                    log.info(
                            "client status for a message unknown or never sent id={} status={}",
                            messageId,
                            status.wireName());
                    return CompletableFuture.completedFuture(
                            result.message().filter(m -> m.status().isFinal()));
                });
    }

    /** {@code done}: nothing more to wait for; {@code message}: the message after the change, if known. */
    private record Lookup(boolean done, Optional<Message> message) {}

    private Lookup lookup(String messageId, Predicate<Message> reporterMay, MessageStatus status, String reason) {
        Optional<Message> found = store.find(messageId).filter(reporterMay);
        if (found.isEmpty()) {
            return new Lookup(false, Optional.empty());
        }
        Message current = found.get();
        if (current.status().isFinal()) {
            return new Lookup(true, found);
        }
        if (current.status() != MessageStatus.SENT) {
            return new Lookup(false, found); // queued or dispatching: the report overtook the dispatcher
        }
        Instant now = clock.instant();
        Message next = current.toBuilder()
                .status(status)
                .updatedAt(now)
                .lastError(status == MessageStatus.FAILED ? reason : current.lastError())
                .build();
        journal.record(next, new StatusChange(status, now, reason));
        return new Lookup(true, Optional.of(next));
    }
}
