package io.gomsggw.core.dispatch;

import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.spi.ClientEgress;
import io.gomsggw.core.spi.SendOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt to hand a message to its client: the client first, then its enabled failover clients
 * by priority while the outcome is retryable, each through the first egress that accepts it (an
 * offline one is skipped), with MMS media fitted to the limit the egress declares. Each egress call
 * is bounded by its retry policy's timeout. Thread-safe; never blocks.
 */
final class ClientDelivery {
    private static final Logger log = LoggerFactory.getLogger(ClientDelivery.class);

    private final DeliveryRoutes routes;
    private final List<ClientEgress> egresses;
    private final CarrierMedia media;

    ClientDelivery(DeliveryRoutes routes, List<ClientEgress> egresses, CarrierMedia media) {
        this.routes = routes;
        this.egresses = List.copyOf(egresses);
        this.media = media;
    }

    /** The first egress that accepts {@code message} for {@code client}, or null. */
    ClientEgress egressFor(Client client, Message message) {
        for (ClientEgress egress : egresses) {
            if (egress.accepts(client, message)) {
                return egress;
            }
        }
        return null;
    }

    /** The outcome of one attempt at {@code target} and its failovers; the stage never fails. */
    CompletionStage<SendOutcome> deliver(Message message, Client target) {
        List<Client> candidates = new ArrayList<>();
        candidates.add(target);
        candidates.addAll(routes.failovers(target.id()));
        return tryCandidates(message, candidates, 0, null);
    }

    private CompletionStage<SendOutcome> tryCandidates(
            Message message, List<Client> candidates, int index, String firstFailure) {
        for (int i = index; i < candidates.size(); i++) {
            Client candidate = candidates.get(i);
            ClientEgress egress = egressFor(candidate, message);
            if (egress == null) {
                firstFailure = firstFailure != null ? firstFailure : "no egress for client " + candidate.username();
                continue;
            }
            if (!egress.isOnline(candidate)) {
                firstFailure = firstFailure != null ? firstFailure : "client " + candidate.username() + " is offline";
                continue;
            }
            int next = i + 1;
            String failureSoFar = firstFailure;
            return fitFor(egress, candidate, message)
                    .thenCompose(fitted -> Outcomes.safely(
                            egress.deliver(candidate, fitted),
                            egress.retryPolicy(candidate).timeout()))
                    .exceptionally(Outcomes::mediaRefused)
                    .thenCompose(outcome -> {
                        if (outcome instanceof SendOutcome.Retryable retry && next < candidates.size()) {
                            log.info(
                                    "delivery failed, trying failover id={} client={} reason={}",
                                    message.id(),
                                    candidate.username(),
                                    retry.reason());
                            return tryCandidates(
                                    message, candidates, next, failureSoFar != null ? failureSoFar : retry.reason());
                        }
                        return CompletableFuture.completedFuture(outcome);
                    });
        }
        return CompletableFuture.completedFuture(
                new SendOutcome.Retryable(firstFailure != null ? firstFailure : "no delivery candidate"));
    }

    /** The message as the egress takes it: media fitted to the limit the egress declares for the client, if any. */
    private CompletionStage<Message> fitFor(ClientEgress egress, Client client, Message message) {
        OptionalLong limit = egress.maxMmsBytes(client);
        if (limit.isEmpty()) {
            return CompletableFuture.completedFuture(message);
        }
        return media.fit(message, limit.getAsLong()).thenApply(CarrierMedia.Fitted::message);
    }
}
