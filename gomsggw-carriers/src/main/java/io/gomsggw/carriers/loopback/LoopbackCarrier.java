package io.gomsggw.carriers.loopback;

import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.CarrierEvents;
import io.gomsggw.core.spi.SendOutcome;
import io.gomsggw.core.spi.WebhookRequest;
import io.gomsggw.core.spi.WebhookResult;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A carrier that accepts every message at once and reports it delivered (or, for
 * {@code fail_percent} of them, failed) after {@code delay_ms}. No network, no account: for trying
 * the gateway and for benchmarks.
 */
final class LoopbackCarrier implements CarrierAdapter {
    private final String name;
    private final LoopbackOptions options;
    private final CarrierEvents events;
    private final ScheduledExecutorService timer;

    LoopbackCarrier(String name, LoopbackOptions options, CarrierEvents events) {
        this.name = name;
        this.options = options;
        this.events = events;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gomsggw-loopback-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletionStage<SendOutcome> send(Message message, List<String> mediaUrls) {
        String id = "loopback-" + UUID.randomUUID();
        boolean fail = options.failPercent() > 0 && ThreadLocalRandom.current().nextInt(100) < options.failPercent();
        WebhookResult.StatusUpdate report = fail
                ? new WebhookResult.StatusUpdate(id, MessageStatus.FAILED, "loopback: simulated delivery failure")
                : new WebhookResult.StatusUpdate(id, MessageStatus.DELIVERED, null);
        timer.schedule(
                () -> events.status(name, report), Math.max(1, options.delay().toMillis()), TimeUnit.MILLISECONDS);
        return CompletableFuture.completedFuture(new SendOutcome.Accepted(id));
    }

    @Override
    public WebhookResult handleWebhook(WebhookRequest request) {
        return new WebhookResult.Malformed("the loopback carrier takes no webhooks");
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
