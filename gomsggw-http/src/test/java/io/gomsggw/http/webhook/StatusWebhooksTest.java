package io.gomsggw.http.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gomsggw.core.model.ApiFormat;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.Protocol;
import io.gomsggw.core.pipeline.SubmitResult;
import io.gomsggw.core.routing.Submission;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.SendOutcome;
import io.gomsggw.core.spi.WebhookRequest;
import io.gomsggw.core.spi.WebhookResult;
import io.gomsggw.core.testing.Eventually;
import io.gomsggw.http.testing.Json;
import io.gomsggw.http.testing.MessagingFixture;
import io.gomsggw.http.testing.WebhookReceiver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Web clients hear of their outbound messages: sent to the carrier, then delivered or failed. */
class StatusWebhooksTest {
    private final MessagingFixture fx = new MessagingFixture();
    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void close() {
        receiver.close();
        fx.close();
    }

    /** A carrier that takes every message and calls it {@code carrier-<id>}. */
    private static final class AcceptingCarrier implements CarrierAdapter {
        @Override
        public String name() {
            return "carrier-a";
        }

        @Override
        public CompletionStage<SendOutcome> send(Message message, List<String> mediaUrls) {
            return CompletableFuture.completedFuture(new SendOutcome.Accepted("carrier-" + message.id()));
        }

        @Override
        public WebhookResult handleWebhook(WebhookRequest request) {
            throw new UnsupportedOperationException();
        }
    }

    /** Waits until the carrier's id is recorded, so its delivery report finds the message. */
    private void awaitCarrierId(String id) {
        Eventually.await(
                "carrier id of " + id,
                () -> fx.stores
                        .messages()
                        .findAwaitingReport("carrier-a", "carrier-" + id)
                        .isPresent());
    }

    private List<JsonNode> statuses(String path) {
        return receiver.receivedAt(path).stream().map(r -> Json.parse(r.body())).toList();
    }

    @Test
    void aMessageToTheNetworkIsReportedSentThenDeliveredToTheFromNumbersWebhook() throws Exception {
        fx.carrier("carrier-a", new AcceptingCarrier());
        Client alice = fx.webClient("alice", MessagingFixture.settings(ApiFormat.TELNYX, receiver.url("/default")));
        fx.number(alice, "+12505550100", "carrier-a", receiver.url("/number"));

        var response = fx.as(alice)
                .post(
                        "/messages/send",
                        Json.write(Map.of("from", "+12505550100", "to", "+14155550123", "text", "to the world")));
        assertThat(response.statusCode()).isEqualTo(202);
        String id = Json.parse(response.body()).get("id").asText();
        Eventually.await(
                "sent",
                () -> statuses("/number").stream()
                        .anyMatch(s -> s.get("status").asText().equals("sent")));
        awaitCarrierId(id);

        fx.pipeline
                .applyStatus(
                        "carrier-a", new WebhookResult.StatusUpdate("carrier-" + id, MessageStatus.DELIVERED, null))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        Eventually.await("delivered", () -> statuses("/number").size() == 2);
        assertThat(statuses("/number"))
                .extracting(s -> s.get("status").asText())
                .containsExactlyInAnyOrder("sent", "delivered");
        assertThat(statuses("/number")).allSatisfy(s -> {
            assertThat(s.get("id").asText()).isEqualTo(id);
            assertThat(s.get("type").asText()).isEqualTo("status");
        });
        assertThat(receiver.receivedAt("/default")).isEmpty();
    }

    @Test
    void aFailedMessageIsReportedWithItsError() throws Exception {
        fx.carrier("carrier-a", new AcceptingCarrier());
        Client alice = fx.webClient("alice", MessagingFixture.settings(ApiFormat.GENERIC, receiver.url("/default")));
        fx.number(alice, "+12505550100", "carrier-a", null);

        var response = fx.as(alice)
                .post(
                        "/messages/send",
                        Json.write(Map.of("from", "+12505550100", "to", "+14155550123", "text", "to the world")));
        String id = Json.parse(response.body()).get("id").asText();
        awaitCarrierId(id);
        fx.pipeline
                .applyStatus(
                        "carrier-a",
                        new WebhookResult.StatusUpdate("carrier-" + id, MessageStatus.FAILED, "handset unreachable"))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        Eventually.await(
                "failed",
                () -> statuses("/default").stream()
                        .anyMatch(s -> s.get("status").asText().equals("failed")));
        JsonNode failed = statuses("/default").stream()
                .filter(s -> s.get("status").asText().equals("failed"))
                .findFirst()
                .orElseThrow();
        assertThat(failed.get("error").asText()).isEqualTo("handset unreachable");
        assertThat(failed.get("timestamp").asText()).isNotBlank();
    }

    @Test
    void legacySendersAndRecipientsGetNoStatusWebhook() throws Exception {
        Client pbx =
                fx.client("pbx", ClientType.LEGACY, MessagingFixture.settings(ApiFormat.GENERIC, receiver.url("/pbx")));
        fx.number(pbx, "+12505550100", null, receiver.url("/pbx-number"));
        Client bob = fx.webClient("bob", MessagingFixture.settings(ApiFormat.GENERIC, receiver.url("/bob")));
        fx.number(bob, "+12505550200", null, null);

        var accepted = fx.pipeline
                .submit(
                        pbx,
                        new Submission("+12505550100", "+12505550200", "from a PBX", List.of(), Protocol.SMPP, null))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        String id = ((SubmitResult.Accepted) accepted).message().id();
        Eventually.await("delivered", () -> fx.stored(id).status() == MessageStatus.DELIVERED);
        assertThat(receiver.receivedAt("/bob")).hasSize(1);
        assertThat(receiver.receivedAt("/pbx")).isEmpty();
        assertThat(receiver.receivedAt("/pbx-number")).isEmpty();
    }
}
