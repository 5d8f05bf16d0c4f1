package io.gomsggw.core.pipeline;

import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.spi.ClientEgress;
import io.gomsggw.core.spi.RetryPolicy;
import io.gomsggw.core.spi.SendOutcome;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/** A client egress for tests: records deliveries and answers with a scripted function. */
class TestEgress implements ClientEgress {
    record Delivery(Client client, Message message) {}

    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    final Set<Long> offline = ConcurrentHashMap.newKeySet();
    volatile BiFunction<Client, Message, CompletionStage<SendOutcome>> answer =
            (c, m) -> CompletableFuture.completedFuture(new SendOutcome.Accepted(null));

    @Override
    public String channel() {
        return "test";
    }

    @Override
    public boolean accepts(Client client) {
        return true;
    }

    @Override
    public boolean isOnline(Client client) {
        return !offline.contains(client.id());
    }

    @Override
    public CompletionStage<SendOutcome> deliver(Client client, Message message) {
        deliveries.add(new Delivery(client, message));
        return answer.apply(client, message);
    }

    @Override
    public RetryPolicy retryPolicy(Client client) {
        return PipelineFixture.fastRetries(2);
    }
}
