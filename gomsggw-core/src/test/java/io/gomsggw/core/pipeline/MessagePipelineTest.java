package io.gomsggw.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.core.dispatch.QueueFullException;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.Direction;
import io.gomsggw.core.model.Failover;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.NumberSettings;
import io.gomsggw.core.model.Protocol;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.core.model.UsageLimits;
import io.gomsggw.core.routing.AutoReplier;
import io.gomsggw.core.routing.AutoReplyPolicy;
import io.gomsggw.core.routing.InboundRoute;
import io.gomsggw.core.routing.Refusal;
import io.gomsggw.core.routing.Submission;
import io.gomsggw.core.spi.CarrierAdapter;
import io.gomsggw.core.spi.MediaTranscoder;
import io.gomsggw.core.spi.SendOutcome;
import io.gomsggw.core.spi.TranscodeException;
import io.gomsggw.core.spi.WebhookRequest;
import io.gomsggw.core.spi.WebhookResult;
import io.gomsggw.core.testing.Eventually;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessagePipelineTest {
    private final TestEgress egress = new TestEgress();
    private PipelineFixture fx;

    private PipelineFixture fixture(PipelineSettings settings, AutoReplier autoReplier) {
        fx = new PipelineFixture(List.of(egress), settings, autoReplier);
        return fx;
    }

    private PipelineFixture fixture() {
        return fixture(PipelineSettings.DEFAULTS, new AutoReplier(new AutoReplyPolicy(false, null), Clock.systemUTC()));
    }

    @AfterEach
    void close() {
        if (fx != null) fx.close();
    }

    private static Submission sms(String from, String to, String text) {
        return new Submission(from, to, text, List.of(), Protocol.HTTP, null);
    }

    /** A pipeline with {@code bounds} and no auto-reply; web clients alice (+12505550001) and bob (+12505550002). Returns alice. */
    private Client aliceAndBob(PipelineSettings bounds) {
        fixture(bounds, new AutoReplier(new AutoReplyPolicy(false, null), Clock.systemUTC()));
        Client alice = fx.client("alice", ClientType.WEB);
        fx.number(alice, "+12505550001", null);
        fx.number(fx.client("bob", ClientType.WEB), "+12505550002", null);
        return alice;
    }

    private SubmitResult submit(Client sender, Submission submission) throws Exception {
        return fx.pipeline.submit(sender, submission).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private Message accepted(SubmitResult result) {
        assertThat(result).isInstanceOf(SubmitResult.Accepted.class);
        return ((SubmitResult.Accepted) result).message();
    }

    /** A carrier that records what it is given and answers with its id. */
    static class RecordingCarrier implements CarrierAdapter {
        final List<Message> sent = new CopyOnWriteArrayList<>();
        final AtomicInteger failuresLeft = new AtomicInteger();

        @Override
        public String name() {
            return "carrier-a";
        }

        @Override
        public CompletionStage<SendOutcome> send(Message message, List<String> mediaUrls) {
            if (failuresLeft.getAndDecrement() > 0) {
                return CompletableFuture.completedFuture(new SendOutcome.Retryable("503 from carrier"));
            }
            sent.add(message);
            return CompletableFuture.completedFuture(new SendOutcome.Accepted("carrier-id-" + sent.size()));
        }

        @Override
        public WebhookResult handleWebhook(WebhookRequest request) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aReplayedIdThatIsStoredAlreadyIsNeitherCountedNorSentAgain() throws Exception {
        fixture();
        RecordingCarrier carrier = new RecordingCarrier();
        fx.carriers.put("carrier-a", carrier);
        fx.carrier("carrier-a");
        Client web = fx.client("web", ClientType.WEB);
        fx.number(web, "+12505550001", "carrier-a");
        String id = "019cadfd-8900-7000-8000-000000000001";
        Submission first = new Submission("+12505550001", "+16045550002", "once", List.of(), Protocol.HTTP, null, id);
        Submission replay =
                new Submission("+12505550001", "+16045550002", "once", List.of(), Protocol.HTTP, null, id, true);

        Message stored = accepted(submit(web, first));
        SubmitResult again = submit(web, replay);

        assertThat(again).isEqualTo(new SubmitResult.AlreadyStored(fx.stored(id)));
        assertThat(stored.id()).isEqualTo(id);
        Eventually.await("sent", () -> carrier.sent.size() == 1);
        assertThat(fx.limiter.report(web, List.of()).client().sms().daily().currentUsage())
                .isEqualTo(1);
        Submission fresh = new Submission(
                "+12505550001",
                "+16045550002",
                "new",
                List.of(),
                Protocol.HTTP,
                null,
                "019cadfd-8900-7000-8000-000000000002",
                true);
        assertThat(accepted(submit(web, fresh)).id()).isEqualTo(fresh.id());
        Eventually.await("the new one sent", () -> carrier.sent.size() == 2);
    }

    @Test
    void webToCarrierIsStoredSentAndThenDeliveredByTheCarriersReport() throws Exception {
        fixture();
        RecordingCarrier carrier = new RecordingCarrier();
        fx.carriers.put("carrier-a", carrier);
        fx.carrier("carrier-a");
        Client web = fx.client("web", ClientType.WEB);
        fx.number(web, "+12505550001", "carrier-a");

        Message message = accepted(submit(web, sms("250-555-0001", "+1 (604) 555-0002", "hello")));
        assertThat(fx.stores.messages().find(message.id())).isPresent(); // stored before the answer

        Eventually.await("sent", () -> fx.stored(message.id()).status() == MessageStatus.SENT);
        assertThat(carrier.sent).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo("+16045550002");
            assertThat(m.text()).isEqualTo("hello");
        });
        Eventually.await(
                "carrier id kept",
                () -> "carrier-id-1".equals(fx.stored(message.id()).carrierMessageId()));

        fx.pipeline
                .applyStatus("carrier-a", new WebhookResult.StatusUpdate("carrier-id-1", MessageStatus.DELIVERED, null))
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        Eventually.await("delivered", () -> fx.stored(message.id()).status() == MessageStatus.DELIVERED);
        assertThat(fx.stores.messages().history(message.id()))
                .extracting(StatusChange::status)
                .containsExactly(
                        MessageStatus.QUEUED, MessageStatus.DISPATCHING, MessageStatus.SENT, MessageStatus.DELIVERED);
        assertThat(fx.stored(message.id()).serverId()).isEqualTo("test-node");
    }

    @Test
    void aDeliveryReportThatOvertakesTheSendItselfIsStillApplied() throws Exception {
        fixture();
        // The carrier reports delivery before it answers the send: the report comes first.
        CompletableFuture<SendOutcome> answer = new CompletableFuture<>();
        List<CompletionStage<Optional<Message>>> reports = new CopyOnWriteArrayList<>();
        fx.carriers.put("carrier-a", new RecordingCarrier() {
            @Override
            public CompletionStage<SendOutcome> send(Message message, List<String> mediaUrls) {
                reports.add(fx.pipeline.applyStatus(
                        "carrier-a", new WebhookResult.StatusUpdate("early-id", MessageStatus.DELIVERED, null)));
                return answer;
            }
        });
        Client web = fx.client("web", ClientType.WEB);
        fx.number(web, "+12505550001", "carrier-a");

        Message message = accepted(submit(web, sms("+12505550001", "+16045550002", "fast carrier")));
        Eventually.await("the early report", () -> !reports.isEmpty());
        answer.complete(new SendOutcome.Accepted("early-id"));

        assertThat(reports.get(0).toCompletableFuture().get(30, TimeUnit.SECONDS))
                .isPresent();
        Eventually.await("delivered", () -> fx.stored(message.id()).status() == MessageStatus.DELIVERED);
        assertThat(fx.stores.messages().history(message.id()))
                .extracting(StatusChange::status)
                .endsWith(MessageStatus.SENT, MessageStatus.DELIVERED);
    }

    @Test
    void carrierFailuresAreRetriedWithBackoffThenSentOnce() throws Exception {
        fixture();
        RecordingCarrier carrier = new RecordingCarrier();
        carrier.failuresLeft.set(2);
        fx.carriers.put("carrier-a", carrier);
        Client web = fx.client("web", ClientType.WEB);
        fx.number(web, "+12505550001", "carrier-a");

        Message message = accepted(submit(web, sms("+12505550001", "+16045550002", "retry me")));
        Eventually.await("sent", () -> fx.stored(message.id()).status() == MessageStatus.SENT);
        assertThat(carrier.sent).hasSize(1);
        assertThat(fx.stored(message.id()).attempts()).isEqualTo(3);
        assertThat(fx.stores.messages().history(message.id()))
                .extracting(StatusChange::status)
                .containsExactly(
                        MessageStatus.QUEUED,
                        MessageStatus.DISPATCHING,
                        MessageStatus.QUEUED,
                        MessageStatus.DISPATCHING,
                        MessageStatus.QUEUED,
                        MessageStatus.DISPATCHING,
                        MessageStatus.SENT);
    }

    /** Deliveries to clients are retried until their window ends instead (DeliveryRetryTest). */
    @Test
    void aCarrierFailureThatNeverPassesEndsFailedWithTheReason() throws Exception {
        fixture();
        RecordingCarrier carrier = new RecordingCarrier();
        carrier.failuresLeft.set(Integer.MAX_VALUE);
        fx.carriers.put("carrier-a", carrier);
        Client sender = fx.client("sender", ClientType.WEB);
        fx.number(sender, "+12505550001", "carrier-a");

        Message message = accepted(submit(sender, sms("+12505550001", "+16045550002", "doomed")));
        Eventually.await("failed", () -> fx.stored(message.id()).status() == MessageStatus.FAILED);
        Message failed = fx.stored(message.id());
        assertThat(failed.lastError()).contains("503 from carrier").contains("after 3 attempts");
        assertThat(carrier.sent).isEmpty();
    }

    @Test
    void mmsMediaIsFittedToTheLimitAClientEgressDeclaresOrRefused() throws Exception {
        // a transcoder that halves every part, and refuses when even that does not fit
        MediaTranscoder halving = (parts, target) -> {
            List<MediaPart> halved = parts.stream()
                    .map(p -> new MediaPart(p.filename(), "image/jpeg", new byte[p.size() / 2]))
                    .toList();
            long total = halved.stream().mapToLong(MediaPart::size).sum();
            return total <= target.maxTotalBytes()
                    ? CompletableFuture.completedFuture(halved)
                    : CompletableFuture.failedFuture(new TranscodeException(
                            TranscodeException.MEDIA_TOO_LARGE,
                            "image/png of " + parts.get(0).size() + " bytes does not fit " + target.maxTotalBytes()));
        };
        TestEgress limited = new TestEgress() {
            @Override
            public OptionalLong maxMmsBytes(Client client) {
                return OptionalLong.of(600);
            }
        };
        fx = new PipelineFixture(
                List.of(limited),
                PipelineSettings.DEFAULTS,
                new AutoReplier(new AutoReplyPolicy(false, null), Clock.systemUTC()),
                halving);
        Client alice = fx.client("alice", ClientType.WEB);
        Client pbx = fx.client("pbx", ClientType.LEGACY);
        fx.number(alice, "+12505550001", null);
        fx.number(pbx, "+12505550002", null);

        Message fits = accepted(submit(alice, mms(1_000)));
        Eventually.await("delivered", () -> fx.stored(fits.id()).status() == MessageStatus.DELIVERED);
        assertThat(limited.deliveries)
                .singleElement()
                .satisfies(d -> assertThat(d.message().media()).singleElement().satisfies(part -> {
                    assertThat(part.size()).isEqualTo(500);
                    assertThat(part.contentType()).isEqualTo("image/jpeg");
                }));

        Message tooBig = accepted(submit(alice, mms(2_000)));
        Eventually.await("failed", () -> fx.stored(tooBig.id()).status() == MessageStatus.FAILED);
        assertThat(fx.stored(tooBig.id()).lastError()).startsWith("media_too_large: image/png of 2000 bytes");
        assertThat(limited.deliveries).hasSize(1);
    }

    private static Submission mms(int bytes) {
        return new Submission(
                "+12505550001",
                "+12505550002",
                "a picture",
                List.of(new MediaPart("photo.png", "image/png", new byte[bytes])),
                Protocol.HTTP,
                null);
    }

    @Test
    void aClientThatConfirmsLaterLeavesTheMessageSentUntilItsReport() throws Exception {
        Client alice = aliceAndBob(PipelineSettings.DEFAULTS);
        egress.answer = (c, m) -> CompletableFuture.completedFuture(new SendOutcome.Accepted(null, true));
        Message confirmed = accepted(submit(alice, sms("+12505550001", "+12505550002", "one")));
        Message refused = accepted(submit(alice, sms("+12505550001", "+12505550002", "two")));
        Eventually.await(
                "sent",
                () -> fx.stored(confirmed.id()).status() == MessageStatus.SENT
                        && fx.stored(refused.id()).status() == MessageStatus.SENT);

        long bob = fx.stored(confirmed.id()).targetClientId();
        assertThat(fx.pipeline
                        .applyClientStatus(
                                confirmed.id(), m -> m.targetClientId() == alice.id(), MessageStatus.DELIVERED, null)
                        .toCompletableFuture()
                        .get(30, TimeUnit.SECONDS))
                .as("alice was not handed the message: she may not confirm it")
                .isEmpty();
        assertThat(fx.stored(confirmed.id()).status()).isEqualTo(MessageStatus.SENT);

        assertThat(fx.pipeline
                        .applyClientStatus(
                                confirmed.id(), m -> m.targetClientId() == bob, MessageStatus.DELIVERED, null)
                        .toCompletableFuture()
                        .get(30, TimeUnit.SECONDS))
                .hasValueSatisfying(m -> assertThat(m.status()).isEqualTo(MessageStatus.DELIVERED));
        fx.pipeline
                .applyClientStatus(
                        refused.id(),
                        m -> m.targetClientId() == bob,
                        MessageStatus.FAILED,
                        "Error-content-not-accepted")
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        Eventually.await(
                "final",
                () -> fx.stored(confirmed.id()).status() == MessageStatus.DELIVERED
                        && fx.stored(refused.id()).status() == MessageStatus.FAILED);
        assertThat(fx.stored(refused.id()).lastError()).isEqualTo("Error-content-not-accepted");
        assertThat(fx.stored(confirmed.id()).status())
                .as("a later report changes nothing")
                .isEqualTo(MessageStatus.DELIVERED);
        assertThat(fx.pipeline
                        .applyClientStatus(confirmed.id(), m -> m.targetClientId() == bob, MessageStatus.FAILED, "late")
                        .toCompletableFuture()
                        .get(30, TimeUnit.SECONDS))
                .hasValueSatisfying(m -> assertThat(m.status()).isEqualTo(MessageStatus.DELIVERED));
    }

    @Test
    void aClientReportThatOvertakesTheSentStatusIsAppliedAfterIt() throws Exception {
        Client alice = aliceAndBob(PipelineSettings.DEFAULTS);
        CompletableFuture<SendOutcome> handedOver = new CompletableFuture<>();
        egress.answer = (c, m) -> handedOver;
        Message message = accepted(submit(alice, sms("+12505550001", "+12505550002", "quick")));
        Eventually.await("in flight", () -> egress.deliveries.size() == 1);

        CompletionStage<Optional<Message>> report =
                fx.pipeline.applyClientStatus(message.id(), m -> true, MessageStatus.DELIVERED, null);
        handedOver.complete(new SendOutcome.Accepted(null, true));
        assertThat(report.toCompletableFuture().get(30, TimeUnit.SECONDS))
                .hasValueSatisfying(m -> assertThat(m.status()).isEqualTo(MessageStatus.DELIVERED));
        Eventually.await("delivered", () -> fx.stored(message.id()).status() == MessageStatus.DELIVERED);
        assertThat(fx.stores.messages().history(message.id()))
                .extracting(StatusChange::status)
                .endsWith(MessageStatus.SENT, MessageStatus.DELIVERED);
    }

    @Test
    void internalDeliveryNeedsNoCarrierAndRefusesForeignNumbers() throws Exception {
        fixture();
        Client alice = fx.client("alice", ClientType.WEB);
        Client bob = fx.client("bob", ClientType.WEB);
        fx.number(alice, "+12505550001", null);
        fx.number(bob, "+12505550002", null);

        Message message = accepted(submit(alice, sms("+12505550001", "+12505550002", "hi bob")));
        Eventually.await("delivered", () -> fx.stored(message.id()).status() == MessageStatus.DELIVERED);
        assertThat(egress.deliveries)
                .singleElement()
                .satisfies(d -> assertThat(d.client().id()).isEqualTo(bob.id()));

        assertThat(submit(alice, sms("+12505550002", "+12505550001", "spoofed")))
                .isEqualTo(new SubmitResult.Refused(new Refusal.NotYourNumber("+12505550002")));
        assertThat(submit(alice, sms("12ab", "+12505550001", "x")))
                .isInstanceOfSatisfying(
                        SubmitResult.Refused.class,
                        r -> assertThat(r.refusal())
                                .isInstanceOfSatisfying(
                                        Refusal.InvalidNumber.class,
                                        i -> assertThat(i.field()).isEqualTo("from")));
        // An external recipient from a number without a carrier cannot be routed.
        assertThat(submit(alice, sms("+12505550001", "+16045550009", "x")))
                .isEqualTo(new SubmitResult.Refused(new Refusal.NoCarrier("+12505550001")));
    }

    @Test
    void partsOfAConversationToALegacyClientNeverOvertakeEachOther() throws Exception {
        fixture();
        Client web = fx.client("web", ClientType.WEB);
        Client pbx = fx.client("pbx", ClientType.LEGACY);
        fx.number(web, "+12505550001", null);
        fx.number(pbx, "+12505550002", null);
        CompletableFuture<SendOutcome> firstAnswer = new CompletableFuture<>();
        egress.answer = (c, m) -> m.text().equals("part 1")
                ? firstAnswer
                : CompletableFuture.completedFuture(new SendOutcome.Accepted(null));

        accepted(submit(web, sms("+12505550001", "+12505550002", "part 1")));
        Message second = accepted(submit(web, sms("+12505550001", "+12505550002", "part 2")));
        Eventually.await("first in flight", () -> egress.deliveries.size() == 1);
        assertThat(fx.stored(second.id()).status()).isEqualTo(MessageStatus.QUEUED);
        assertThat(egress.deliveries).hasSize(1); // the second waits for the first

        firstAnswer.complete(new SendOutcome.Accepted(null));
        Eventually.await("second delivered", () -> fx.stored(second.id()).status() == MessageStatus.DELIVERED);
        assertThat(egress.deliveries).extracting(d -> d.message().text()).containsExactly("part 1", "part 2");
    }

    @Test
    void anOfflineLegacyClientsMessagesGoToItsFailoverByPriority() throws Exception {
        fixture();
        Client web = fx.client("web", ClientType.WEB);
        Client primary = fx.client("primary", ClientType.LEGACY);
        Client second = fx.client("second", ClientType.LEGACY);
        Client first = fx.client("first", ClientType.LEGACY);
        Client disabled = fx.client("disabled", ClientType.LEGACY);
        fx.number(web, "+12505550001", null);
        fx.number(primary, "+12505550002", null);
        fx.stores.failovers().add(new Failover(0, primary.id(), second.id(), 20, true));
        fx.stores.failovers().add(new Failover(0, primary.id(), first.id(), 10, true));
        fx.stores.failovers().add(new Failover(0, primary.id(), disabled.id(), 1, false));
        egress.offline.add(primary.id());

        Message message = accepted(submit(web, sms("+12505550001", "+12505550002", "to the pbx")));
        Eventually.await("delivered", () -> fx.stored(message.id()).status() == MessageStatus.DELIVERED);
        assertThat(egress.deliveries)
                .singleElement()
                .satisfies(d -> assertThat(d.client().username()).isEqualTo("first"));

        // The first failover fails: the next one by priority takes it within the same attempt.
        egress.deliveries.clear();
        egress.answer = (c, m) -> CompletableFuture.completedFuture(
                c.username().equals("first")
                        ? new SendOutcome.Retryable("deliver_sm_resp timeout")
                        : new SendOutcome.Accepted(null));
        Message next = accepted(submit(web, sms("+12505550001", "+12505550002", "again")));
        Eventually.await("delivered", () -> fx.stored(next.id()).status() == MessageStatus.DELIVERED);
        assertThat(egress.deliveries).extracting(d -> d.client().username()).containsExactly("first", "second");
    }

    @Test
    void stopOptsOutStartOptsBackInAndIgnoreStopBypasses() throws Exception {
        fixture();
        RecordingCarrier carrier = new RecordingCarrier();
        fx.carriers.put("carrier-a", carrier);
        Client web = fx.client("web", ClientType.WEB);
        ClientNumber number = fx.number(web, "+12505550001", "carrier-a");

        InboundRoute stop = fx.pipeline
                .receive("carrier-a", "+16045550002", "+12505550001", " stop ", List.of(), "in-1")
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        assertThat(stop.inbound().targetClientId()).isEqualTo(web.id());
        assertThat(submit(web, sms("+12505550001", "+16045550002", "promo")))
                .isEqualTo(new SubmitResult.Refused(new Refusal.OptedOut("+12505550001", "+16045550002")));

        fx.stores
                .numbers()
                .update(new ClientNumber(
                        number.id(),
                        web.id(),
                        number.number(),
                        "carrier-a",
                        null,
                        null,
                        null,
                        true,
                        NumberSettings.DEFAULTS));
        accepted(submit(web, sms("+12505550001", "+16045550002", "the client handles STOP itself")));

        fx.stores.numbers().update(number);
        fx.pipeline
                .receive("carrier-a", "+16045550002", "+12505550001", "START", List.of(), "in-2")
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        accepted(submit(web, sms("+12505550001", "+16045550002", "welcome back")));
    }

    @Test
    void carrierMessagesReachTheOwnerOrAreRecordedAsNoRoute() throws Exception {
        fixture();
        Client web = fx.client("web", ClientType.WEB);
        fx.number(web, "+12505550001", "carrier-a");

        InboundRoute routed = fx.pipeline
                .receive("carrier-a", "+16045550002", "12505550001", "hi", List.of(), "in-1")
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        Eventually.await("delivered", () -> fx.stored(routed.inbound().id()).status() == MessageStatus.DELIVERED);
        assertThat(egress.deliveries).singleElement().satisfies(d -> {
            assertThat(d.client().id()).isEqualTo(web.id());
            assertThat(d.message().direction()).isEqualTo(Direction.INBOUND);
            assertThat(d.message().to()).isEqualTo("+12505550001");
        });

        InboundRoute lost = fx.pipeline
                .receive("carrier-a", "+16045550002", "+19995550000", "who?", List.of(), "in-2")
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        Message stored = fx.stored(lost.inbound().id());
        assertThat(stored.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(stored.lastError()).isEqualTo("no_route");
    }

    @Test
    void autoReplyAnswersOncePerCooldownAndIsNotDeliveredToTheClient() throws Exception {
        fixture(
                PipelineSettings.DEFAULTS,
                new AutoReplier(new AutoReplyPolicy(true, "We are closed"), Clock.systemUTC()));
        RecordingCarrier carrier = new RecordingCarrier();
        fx.carriers.put("carrier-a", carrier);
        Client web = fx.client("web", ClientType.WEB);
        ClientNumber number = fx.number(web, "+12505550001", "carrier-a");
        fx.stores.numbers().updateSettings(number.id(), new NumberSettings(UsageLimits.NONE, null, true, null, 3600));

        InboundRoute first = fx.pipeline
                .receive("carrier-a", "+16045550002", "+12505550001", "hello?", List.of(), "in-1")
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        assertThat(first.replies()).singleElement().satisfies(r -> {
            assertThat(r.text()).isEqualTo("We are closed");
            assertThat(r.to()).isEqualTo("+16045550002");
        });
        Eventually.await("reply sent", () -> carrier.sent.size() == 1);
        assertThat(fx.stored(first.inbound().id()).lastError()).isEqualTo("auto_replied");

        InboundRoute second = fx.pipeline
                .receive("carrier-a", "+16045550002", "+12505550001", "anyone?", List.of(), "in-2")
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        assertThat(second.replies()).isEmpty(); // within the cooldown: delivered to the client instead
        Eventually.await("delivered", () -> fx.stored(second.inbound().id()).status() == MessageStatus.DELIVERED);
        assertThat(egress.deliveries).extracting(d -> d.message().text()).containsExactly("anyone?");
    }

    @Test
    void aFullPipelinePushesBackAndStoresNothing() throws Exception {
        Client alice = aliceAndBob(new PipelineSettings(1));
        CompletableFuture<SendOutcome> hold = new CompletableFuture<>();
        egress.answer = (c, m) -> hold;

        accepted(submit(alice, sms("+12505550001", "+12505550002", "one")));
        assertThatThrownBy(() -> submit(alice, sms("+12505550001", "+12505550002", "two")))
                .hasCauseInstanceOf(QueueFullException.class);
        hold.complete(new SendOutcome.Accepted(null));
        Eventually.await("room again", () -> {
            try {
                return submit(alice, sms("+12505550001", "+12505550002", "three")) instanceof SubmitResult.Accepted;
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(fx.stores
                        .messages()
                        .search(new io.gomsggw.core.store.MessageQuery(
                                alice.id(), null, null, null, null, null, null, 1, 50))
                        .items())
                .extracting(Message::text)
                .containsExactlyInAnyOrder("one", "three");
    }

    @Test
    void aMessageBeyondTheBoundWaitsForRoomInsteadOfBeingRefused() throws Exception {
        Client alice = aliceAndBob(new PipelineSettings(1, 1, Duration.ofMinutes(5), 10));
        CompletableFuture<SendOutcome> hold = new CompletableFuture<>();
        egress.answer = (c, m) -> hold;
        accepted(submit(alice, sms("+12505550001", "+12505550002", "one")));

        CompletableFuture<SubmitResult> second = fx.pipeline
                .submit(alice, sms("+12505550001", "+12505550002", "two"))
                .toCompletableFuture();
        assertThat(second).as("waits while the first is on its way").isNotDone();
        egress.answer = (c, m) -> CompletableFuture.completedFuture(new SendOutcome.Accepted(null));
        hold.complete(new SendOutcome.Accepted(null));

        assertThat(accepted(second.get(30, TimeUnit.SECONDS)).text()).isEqualTo("two");
    }

    @Test
    void messagesToOneBusyClientFillOnlyItsShareOfTheBound() throws Exception {
        fixture(
                new PipelineSettings(10, 1, Duration.ZERO, 0),
                new AutoReplier(new AutoReplyPolicy(false, null), Clock.systemUTC()));
        Client alice = fx.client("alice", ClientType.WEB);
        Client bob = fx.client("bob", ClientType.WEB);
        Client carol = fx.client("carol", ClientType.WEB);
        fx.number(alice, "+12505550001", "carrier-a");
        fx.number(bob, "+12505550002", null);
        fx.number(carol, "+12505550003", null);
        egress.answer = (c, m) -> c.id() == bob.id()
                ? new CompletableFuture<>()
                : CompletableFuture.completedFuture(new SendOutcome.Accepted(null));
        accepted(submit(alice, sms("+12505550001", "+12505550002", "bob is slow")));

        assertThatThrownBy(() -> submit(alice, sms("+12505550001", "+12505550002", "bob again")))
                .hasCauseInstanceOf(QueueFullException.class);
        accepted(submit(alice, sms("+12505550001", "+12505550003", "carol is fine")));
        accepted(submit(alice, sms("+12505550001", "+16045550009", "so is the carrier")));
        assertThat(fx.stores
                        .messages()
                        .search(new io.gomsggw.core.store.MessageQuery(
                                alice.id(), null, null, null, null, null, null, 1, 50))
                        .items())
                .extracting(Message::text)
                .containsExactlyInAnyOrder("bob is slow", "carol is fine", "so is the carrier");
    }

    @Test
    void storedMessagesThatWereNotHandedOverAreResumed() throws Exception {
        fixture();
        Client alice = fx.client("alice", ClientType.WEB);
        Client bob = fx.client("bob", ClientType.WEB);
        fx.number(alice, "+12505550001", null);
        fx.number(bob, "+12505550002", null);
        Instant created = Instant.now().minusSeconds(5);
        List<Message> leftOver = new java.util.ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            leftOver.add(Message.builder()
                    .id("left-" + i)
                    .from("+12505550001")
                    .to("+12505550002")
                    .text("m" + i)
                    .clientId(alice.id())
                    .targetClientId(bob.id())
                    .status(i % 2 == 0 ? MessageStatus.QUEUED : MessageStatus.DISPATCHING)
                    .createdAt(created.plusMillis(i))
                    .build());
        }
        fx.stores.messages().insertAll(leftOver);

        assertThat(fx.pipeline.resume(Instant.now())).isEqualTo(1200);
        Eventually.await("all delivered", () -> egress.deliveries.size() == 1200);
        assertThat(egress.deliveries).extracting(d -> d.message().id()).doesNotHaveDuplicates();
    }

    @Test
    void aLegacySenderIsToldWhenItsMessageFinallyFails() throws Exception {
        fixture();
        fx.status.addListener(
                new FailureNotifier(fx.pipeline, id -> fx.stores.clients().find(id), Clock.systemUTC(), "test-node"));
        CarrierAdapter refusing = new RecordingCarrier() {
            @Override
            public CompletionStage<SendOutcome> send(Message message, List<String> mediaUrls) {
                return CompletableFuture.completedFuture(new SendOutcome.Rejected("21211 invalid 'To' number"));
            }
        };
        fx.carriers.put("carrier-a", refusing);
        Client pbx = fx.client("pbx", ClientType.LEGACY);
        fx.number(pbx, "+12505550001", "carrier-a");

        Message message = accepted(submit(pbx, sms("+12505550001", "+16045550002", "will fail")));
        Eventually.await("notice delivered", () -> egress.deliveries.size() == 1);
        assertThat(fx.stored(message.id()).status()).isEqualTo(MessageStatus.FAILED);
        assertThat(egress.deliveries).singleElement().satisfies(d -> {
            assertThat(d.client().id()).isEqualTo(pbx.id());
            assertThat(d.message().from()).isEqualTo("+16045550002");
            assertThat(d.message().to()).isEqualTo("+12505550001");
            assertThat(d.message().text()).isEqualTo("Message to +16045550002 failed: 21211 invalid 'To' number");
        });
    }

    @Test
    void aRoutingFailureGivesItsInFlightPlaceBack() throws Exception {
        Client alice = aliceAndBob(new PipelineSettings(1));

        fx.routingFailure = new io.gomsggw.core.store.StoreException("database unreachable");
        assertThatThrownBy(() -> submit(alice, sms("+12505550001", "+12505550002", "lost")))
                .hasRootCauseInstanceOf(io.gomsggw.core.store.StoreException.class);
        fx.routingFailure = null;

        // The only in-flight place was given back: the next message is accepted, not pushed back.
        accepted(submit(alice, sms("+12505550001", "+12505550002", "fine")));
    }

    @Test
    void aSaturatedGatewayRefusesACarriersMessageBeforeStoringIt() throws Exception {
        fixture(new PipelineSettings(1), new AutoReplier(new AutoReplyPolicy(false, null), Clock.systemUTC()));
        Client alice = fx.client("alice", ClientType.WEB);
        Client bob = fx.client("bob", ClientType.WEB);
        fx.number(alice, "+12505550001", "carrier-a");
        fx.number(bob, "+12505550002", null);
        CompletableFuture<SendOutcome> hold = new CompletableFuture<>();
        egress.answer = (c, m) -> hold;
        accepted(submit(alice, sms("+12505550001", "+12505550002", "holds the only place")));

        assertThatThrownBy(() -> fx.pipeline
                        .receive("carrier-a", "+16045550002", "+12505550001", "busy?", List.of(), "in-1")
                        .toCompletableFuture()
                        .get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(QueueFullException.class);
        assertThat(fx.stores
                        .messages()
                        .search(new io.gomsggw.core.store.MessageQuery(null, null, null, null, null, null, null, 1, 50))
                        .total())
                .isEqualTo(1);

        hold.complete(new SendOutcome.Accepted(null));
        Eventually.await("room again", () -> {
            try {
                fx.pipeline
                        .receive("carrier-a", "+16045550002", "+12505550001", "now?", List.of(), "in-2")
                        .toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
                return true;
            } catch (Exception e) {
                return false;
            }
        });
    }
}
