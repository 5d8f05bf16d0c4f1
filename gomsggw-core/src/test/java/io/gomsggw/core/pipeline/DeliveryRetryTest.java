package io.gomsggw.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.dispatch.DeliveryWindows;
import io.gomsggw.core.dispatch.Redelivery;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.Protocol;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.core.routing.AutoReplier;
import io.gomsggw.core.routing.AutoReplyPolicy;
import io.gomsggw.core.routing.Submission;
import io.gomsggw.core.spi.SendOutcome;
import io.gomsggw.core.testing.Eventually;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deliveries to clients during an outage: parked in the store, retried until the delivery window
 * is over, then {@code undelivered} and redeliverable; conversations keep their order across
 * retries. The test egress stands in for a webhook or an SMPP bind that is down.
 */
class DeliveryRetryTest {
    private final TestEgress egress = new TestEgress();
    /** Messages the egress accepted, by id, with how often. */
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    /** Every attempt in order: the message's text and whether it was accepted. */
    private final List<String> attempts = new CopyOnWriteArrayList<>();

    private volatile boolean down;
    private PipelineFixture fx;

    @AfterEach
    void close() {
        if (fx != null) fx.close();
    }

    private void fixture(Duration window) {
        fx = new PipelineFixture(
                List.of(egress),
                PipelineSettings.DEFAULTS,
                new AutoReplier(new AutoReplyPolicy(false, null), Clock.systemUTC()),
                null,
                window);
        egress.answer = (client, message) -> {
            if (down) {
                attempts.add(message.text() + ":refused");
                return CompletableFuture.completedFuture(new SendOutcome.Retryable("HTTP 503: down for maintenance"));
            }
            attempts.add(message.text() + ":accepted");
            accepted.computeIfAbsent(message.id(), id -> new AtomicInteger()).incrementAndGet();
            return CompletableFuture.completedFuture(new SendOutcome.Accepted(null));
        };
    }

    private Message send(Client sender, String from, String to, String text) throws Exception {
        SubmitResult result = fx.pipeline
                .submit(sender, new Submission(from, to, text, List.of(), Protocol.HTTP, null))
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        assertThat(result).isInstanceOf(SubmitResult.Accepted.class);
        return ((SubmitResult.Accepted) result).message();
    }

    @Test
    void aClientDownLongerThanTheOldRetryBudgetGetsEveryMessageOnceWhenItIsBack() throws Exception {
        fixture(DeliveryWindows.DEFAULT);
        Client alice = fx.client("alice", ClientType.WEB);
        Client bob = fx.client("bob", ClientType.WEB);
        fx.number(alice, "+12505550001", null);
        fx.number(bob, "+12505550002", null);
        down = true;

        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(send(alice, "+12505550001", "+12505550002", "m" + i));
        }
        // The old budget was retries + 1 = 3 attempts (then failed); wait for twice as many.
        Eventually.await(
                "every message tried 6 times while the client is down",
                () -> sent.stream().allMatch(m -> fx.stored(m.id()).attempts() >= 6));
        assertThat(sent).allSatisfy(m -> {
            Message stored = fx.stored(m.id());
            assertThat(stored.status()).isIn(MessageStatus.QUEUED, MessageStatus.DISPATCHING);
            assertThat(stored.lastError()).isEqualTo("HTTP 503: down for maintenance");
        });
        assertThat(accepted).isEmpty();

        down = false;
        Eventually.await(
                "every message delivered",
                () -> sent.stream().allMatch(m -> fx.stored(m.id()).status() == MessageStatus.DELIVERED));
        assertThat(accepted)
                .hasSize(20)
                .allSatisfy((id, times) -> assertThat(times.get()).isEqualTo(1));
        assertThat(fx.changes).extracting(StatusChange::status).doesNotContain(MessageStatus.FAILED);
        assertThat(fx.stored(sent.get(0).id()).retryAt()).isNull();
        assertThat(fx.stores.messages().nextDue(null)).isEmpty();
    }

    @Test
    void whileTheFenceIsShutNothingIsSentAndEverythingGoesOutOnceItOpens() throws Exception {
        fixture(DeliveryWindows.DEFAULT);
        AtomicBoolean mayWork = new AtomicBoolean(false);
        fx.dispatcher.fencedBy(mayWork::get);
        Client alice = fx.client("alice", ClientType.WEB);
        Client bob = fx.client("bob", ClientType.WEB);
        fx.number(alice, "+12505550001", null);
        fx.number(bob, "+12505550002", null);

        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(send(alice, "+12505550001", "+12505550002", "fenced " + i));
        }
        Eventually.await(
                "the fence held each attempt at least twice",
                () -> fx.metrics.counter("gomsggw_dispatch_fenced").getCount() >= 10);
        assertThat(attempts).isEmpty();
        assertThat(sent).allSatisfy(m -> {
            Message stored = fx.stored(m.id());
            assertThat(stored.status()).isEqualTo(MessageStatus.QUEUED);
            assertThat(stored.attempts()).isZero();
        });

        mayWork.set(true);
        Eventually.await(
                "every message delivered",
                () -> sent.stream().allMatch(m -> fx.stored(m.id()).status() == MessageStatus.DELIVERED));
        assertThat(accepted)
                .hasSize(5)
                .allSatisfy((id, times) -> assertThat(times.get()).isEqualTo(1));
        assertThat(attempts)
                .containsExactlyInAnyOrder(
                        "fenced 0:accepted",
                        "fenced 1:accepted",
                        "fenced 2:accepted",
                        "fenced 3:accepted",
                        "fenced 4:accepted");
    }

    @Test
    void aMessagePastItsWindowIsUndeliveredKeptAndRedeliverSendsIt() throws Exception {
        fixture(Duration.ofMillis(300));
        Client alice = fx.client("alice", ClientType.WEB);
        Client bob = fx.client("bob", ClientType.WEB);
        fx.number(alice, "+12505550001", null);
        fx.number(bob, "+12505550002", null);
        down = true;

        Message message = send(alice, "+12505550001", "+12505550002", "too late");
        Eventually.await("undelivered", () -> fx.stored(message.id()).status() == MessageStatus.UNDELIVERED);
        Message given = fx.stored(message.id());
        assertThat(given.lastError()).startsWith("HTTP 503: down for maintenance (given up after ");
        assertThat(given.retryAt()).isNull();
        List<StatusChange> history = fx.stores.messages().history(message.id());
        assertThat(history).last().satisfies(last -> {
            assertThat(last.status()).isEqualTo(MessageStatus.UNDELIVERED);
            assertThat(last.reason())
                    .startsWith("HTTP 503: down for maintenance (given up after ")
                    .endsWith("attempts: delivery window of 300 ms over)");
        });
        assertThat(history)
                .filteredOn(change -> change.status() == MessageStatus.QUEUED)
                .extracting(StatusChange::reason)
                .contains("HTTP 503: down for maintenance");
        assertThat(accepted).isEmpty();

        down = false;
        Redelivery.Outcome outcome = fx.redelivery.redeliver(message.id());
        assertThat(outcome).isInstanceOf(Redelivery.Outcome.Queued.class);
        Eventually.await(
                "delivered after the redelivery", () -> fx.stored(message.id()).status() == MessageStatus.DELIVERED);
        assertThat(accepted.get(message.id()).get()).isEqualTo(1);
        assertThat(fx.stored(message.id()).windowFrom()).isNotNull();
        assertThat(fx.stores.messages().history(message.id()))
                .extracting(StatusChange::reason)
                .contains("redelivery requested");
        assertThat(fx.redelivery.redeliver(message.id())).isInstanceOf(Redelivery.Outcome.NotRedeliverable.class);
    }

    @Test
    void aBulkRedeliverySendsAgainTheUndeliveredMessagesOfAClientInATimeRange() throws Exception {
        fixture(Duration.ofMillis(200));
        Client alice = fx.client("alice", ClientType.WEB);
        Client bob = fx.client("bob", ClientType.WEB);
        Client carol = fx.client("carol", ClientType.WEB);
        fx.number(alice, "+12505550001", null);
        fx.number(bob, "+12505550002", null);
        fx.number(carol, "+12505550003", null);
        down = true;
        List<Message> toBob = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            toBob.add(send(alice, "+12505550001", "+12505550002", "bob " + i));
        }
        Message toCarol = send(alice, "+12505550001", "+12505550003", "carol");
        Eventually.await(
                "all undelivered",
                () -> toBob.stream().allMatch(m -> fx.stored(m.id()).status() == MessageStatus.UNDELIVERED)
                        && fx.stored(toCarol.id()).status() == MessageStatus.UNDELIVERED);
        down = false;

        Instant since = toBob.get(1).createdAt();
        Instant until = toBob.get(4).createdAt();
        assertThat(fx.redelivery.redeliverAll(bob.id(), since, until)).isEqualTo(3);

        Eventually.await("the three in range delivered", () -> accepted.size() == 3);
        assertThat(accepted.keySet())
                .containsExactlyInAnyOrder(
                        toBob.get(1).id(), toBob.get(2).id(), toBob.get(3).id());
        assertThat(fx.stored(toBob.get(0).id()).status()).isEqualTo(MessageStatus.UNDELIVERED);
        assertThat(fx.stored(toBob.get(4).id()).status()).isEqualTo(MessageStatus.UNDELIVERED);
        assertThat(fx.stored(toCarol.id()).status()).isEqualTo(MessageStatus.UNDELIVERED);
    }

    @Test
    void aParkedMessageHoldsItsConversationToALegacyClient() throws Exception {
        fixture(DeliveryWindows.DEFAULT);
        Client web = fx.client("web", ClientType.WEB);
        Client pbx = fx.client("pbx", ClientType.LEGACY);
        fx.number(web, "+12505550001", null);
        fx.number(pbx, "+12505550002", null);
        fx.number(web, "+12505550003", null);
        down = true;

        Message first = send(web, "+12505550001", "+12505550002", "part 1");
        Eventually.await("the first parked", () -> fx.stored(first.id()).retryAt() != null);
        Message second = send(web, "+12505550001", "+12505550002", "part 2");
        Message third = send(web, "+12505550001", "+12505550002", "part 3");
        Eventually.await(
                "the later parts parked behind it",
                () -> fx.stored(second.id()).retryAt() != null
                        && fx.stored(third.id()).retryAt() != null);
        assertThat(fx.stores.messages().history(second.id()))
                .extracting(StatusChange::reason)
                .contains("waiting behind " + first.id());
        Eventually.await(
                "the first tried again while parked",
                () -> fx.stored(first.id()).attempts() >= 3);
        assertThat(attempts).allSatisfy(a -> assertThat(a).isEqualTo("part 1:refused"));

        down = false;
        Eventually.await(
                "all delivered",
                () -> List.of(first, second, third).stream()
                        .allMatch(m -> fx.stored(m.id()).status() == MessageStatus.DELIVERED));
        assertThat(attempts.stream().filter(a -> a.endsWith(":accepted")))
                .containsExactly("part 1:accepted", "part 2:accepted", "part 3:accepted");
        assertThat(attempts.stream().filter(a -> !a.startsWith("part 1"))).allMatch(a -> a.endsWith(":accepted"));
        assertThat(fx.stored(second.id()).attempts()).isEqualTo(1);
    }

    @Test
    void parkedDeliveriesLeftByAPreviousRunAreTakenUpWhenDueAndKeepTheirOrder() throws Exception {
        fixture(DeliveryWindows.DEFAULT);
        Client web = fx.client("web", ClientType.WEB);
        Client pbx = fx.client("pbx", ClientType.LEGACY);
        fx.number(web, "+12505550001", null);
        fx.number(pbx, "+12505550002", null);
        Instant created = Instant.now().minusSeconds(60);
        Instant due = Instant.now().plusMillis(300);
        // What a killed node left: a parked head, one parked behind it, one that was still waiting in memory.
        fx.stores
                .messages()
                .insertAll(List.of(
                        leftOver("left-1", web, pbx, created, "part 1", 4, due),
                        leftOver("left-2", web, pbx, created.plusMillis(1), "part 2", 0, due),
                        leftOver("left-3", web, pbx, created.plusMillis(2), "part 3", 0, null)));

        assertThat(fx.pipeline.resume(Instant.now())).isEqualTo(1);
        Eventually.await(
                "all delivered",
                () -> List.of("left-1", "left-2", "left-3").stream()
                        .allMatch(id -> fx.stored(id).status() == MessageStatus.DELIVERED));
        assertThat(attempts).containsExactly("part 1:accepted", "part 2:accepted", "part 3:accepted");
        assertThat(fx.stored("left-1").attempts()).isEqualTo(5);
        assertThat(fx.stores.messages().history("left-3"))
                .extracting(StatusChange::reason)
                .contains("waiting behind left-1");
    }

    private static Message leftOver(
            String id, Client from, Client to, Instant created, String text, int attempts, Instant retryAt) {
        return Message.builder()
                .id(id)
                .from("+12505550001")
                .to("+12505550002")
                .text(text)
                .clientId(from.id())
                .targetClientId(to.id())
                .status(MessageStatus.QUEUED)
                .attempts(attempts)
                .createdAt(created)
                .retryAt(retryAt)
                .build();
    }
}
