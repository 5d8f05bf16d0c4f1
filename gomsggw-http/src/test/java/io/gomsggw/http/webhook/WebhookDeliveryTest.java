package io.gomsggw.http.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gomsggw.core.model.ApiFormat;
import io.gomsggw.core.model.AuthMethod;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientSettings;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.UsageLimits;
import io.gomsggw.core.testing.Eventually;
import io.gomsggw.http.testing.Json;
import io.gomsggw.http.testing.MessagingFixture;
import io.gomsggw.http.testing.WebhookReceiver;
import io.gomsggw.http.testing.WebhookReceiver.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Webhook delivery to a web client: retries, final failures and what the sender hears of them. */
class WebhookDeliveryTest {
    private final MessagingFixture fx = new MessagingFixture();
    private final WebhookReceiver receiver = new WebhookReceiver();
    private Client sender;

    @AfterEach
    void close() {
        receiver.close();
        fx.close();
    }

    /** Bob, of {@code format}, receives on +12505550200 at {@code /bob}; Alice sends from +12505550100. */
    private void clients(ApiFormat format, int retries, int timeoutSecs, String bobWebhook) {
        sender = fx.webClient("alice", MessagingFixture.settings(ApiFormat.GENERIC, receiver.url("/alice")));
        fx.number(sender, "+12505550100", null, null);
        Client bob = fx.webClient(
                "bob",
                new ClientSettings(
                        format == ApiFormat.BICOM ? AuthMethod.BEARER : AuthMethod.BASIC,
                        format,
                        false,
                        retries,
                        timeoutSecs,
                        false,
                        null,
                        UsageLimits.NONE,
                        false));
        fx.number(bob, "+12505550200", null, bobWebhook);
    }

    private String send(String text) {
        var response = fx.as(sender)
                .post("/messages/send", Json.write(Map.of("from", "+12505550100", "to", "+12505550200", "text", text)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return Json.parse(response.body()).get("id").asText();
    }

    private Message finished(String id) {
        Eventually.await(
                "message " + id + " final", () -> fx.stored(id).status().isFinal());
        return fx.stored(id);
    }

    private JsonNode statusWebhook(String id, String status) {
        Eventually.await(
                "status " + status + " for " + id,
                () -> receiver.receivedAt("/alice").stream()
                        .map(r -> Json.parse(r.body()))
                        .anyMatch(b -> b.get("id").asText().equals(id)
                                && b.get("status").asText().equals(status)));
        return receiver.receivedAt("/alice").stream()
                .map(r -> Json.parse(r.body()))
                .filter(b -> b.get("status").asText().equals(status))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheMessageExactlyOnceAfterTheFailures() {
        receiver.thenReply(Reply.json(500, "{\"error\":\"down\"}"), Reply.json(503, "busy"));
        clients(ApiFormat.GENERIC, 3, 2, receiver.url("/bob"));

        String id = send("third time lucky");

        assertThat(finished(id).status()).isEqualTo(MessageStatus.DELIVERED);
        List<WebhookReceiver.Received> attempts = receiver.receivedAt("/bob");
        assertThat(attempts).hasSize(3);
        assertThat(attempts)
                .allSatisfy(
                        r -> assertThat(Json.parse(r.body()).get("id").asText()).isEqualTo(id));
        assertThat(fx.stored(id).attempts()).isEqualTo(3);
        assertThat(fx.stores.messages().history(id))
                .extracting(c -> c.status().wireName())
                .containsSubsequence(
                        "queued", "dispatching", "queued", "dispatching", "queued", "dispatching", "delivered");
        statusWebhook(id, "delivered");
        assertThat(receiver.receivedAt("/bob")).hasSize(3);
    }

    @Test
    void aReceiverThatAlwaysFailsIsRetriedUntilItsWindowEndsThenUndeliveredAndTheSenderIsTold() {
        receiver.alwaysReply(Reply.json(500, "{\"error\":\"database on fire\"}"));
        clients(ApiFormat.GENERIC, 2, 2, receiver.url("/bob"));

        String id = send("doomed");
        Eventually.await(
                "tried more often than webhook_retries",
                () -> receiver.receivedAt("/bob").size() >= 5);
        assertThat(fx.stored(id).status().isFinal()).isFalse();
        fx.clock.advance(Duration.ofHours(25));

        Message undelivered = finished(id);
        assertThat(undelivered.status()).isEqualTo(MessageStatus.UNDELIVERED);
        assertThat(undelivered.lastError())
                .contains("HTTP 500")
                .contains("database on fire")
                .contains("delivery window of 24 h over");
        JsonNode status = statusWebhook(id, "undelivered");
        assertThat(status.get("error").asText()).contains("HTTP 500");
    }

    @Test
    void aClientErrorIsFinalAtOnce() {
        receiver.alwaysReply(Reply.json(404, "{\"error\":\"no such route\"}"));
        clients(ApiFormat.GENERIC, 3, 2, receiver.url("/bob"));

        String id = send("lost");

        Message failed = finished(id);
        assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(failed.lastError()).startsWith("HTTP 404").contains("no such route");
        assertThat(receiver.receivedAt("/bob")).hasSize(1);
    }

    @Test
    void aBicomErrorAnswerIsARefusal() {
        receiver.alwaysReply(Reply.json(200, "{\"status\":\"error\",\"message\":\"extension busy\"}"));
        clients(ApiFormat.BICOM, 3, 2, receiver.url("/bob"));

        String id = send("hello pbx");

        Message failed = finished(id);
        assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(failed.lastError()).contains("extension busy");
        assertThat(receiver.receivedAt("/bob")).hasSize(1);
    }

    @Test
    void aClientWithoutWebhookGetsNothingAndTheMessageFails() {
        clients(ApiFormat.GENERIC, 3, 2, null);

        String id = send("nowhere to go");

        Message failed = finished(id);
        assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(failed.lastError()).contains("no webhook configured");
    }

    @Test
    void aReceiverThatNeverAnswersTimesOutAndNothingHangs() throws IOException {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            clients(ApiFormat.GENERIC, 1, 1, "http://127.0.0.1:" + silent.getLocalPort() + "/bob");

            String id = send("anyone there?");
            Eventually.await("two attempts timed out", () -> fx.stored(id).attempts() >= 3);
            fx.clock.advance(Duration.ofHours(25));

            Message undelivered = finished(id);
            assertThat(undelivered.status()).isEqualTo(MessageStatus.UNDELIVERED);
            assertThat(undelivered.lastError()).contains("timed out").contains("delivery window of 24 h over");
            assertThat(accepted).hasSizeGreaterThanOrEqualTo(3);
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }
}
