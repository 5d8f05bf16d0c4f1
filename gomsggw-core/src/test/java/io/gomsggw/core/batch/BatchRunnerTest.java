package io.gomsggw.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.Protocol;
import io.gomsggw.core.model.UsageLimits;
import io.gomsggw.core.pipeline.SubmitResult;
import io.gomsggw.core.routing.Submission;
import io.gomsggw.core.testing.Eventually;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The runner on a real pipeline, driven by a test clock: pace, limits, cancellation, replay after a crash. */
class BatchRunnerTest {
    private BatchFixture fx;

    @AfterEach
    void close() {
        if (fx != null) fx.close();
    }

    @Test
    void aThrottledBatchIsSentAtItsRate() {
        fx = new BatchFixture(UsageLimits.NONE);
        BatchJob job = fx.create(BatchFixture.batch(300, 10));

        BatchSummary done = fx.drive(job.id(), 2_000);

        assertThat(done.job().status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(done.counts().sent()).isEqualTo(300);
        List<BatchItem> items = fx.items(job.id());
        List<Instant> sentAt = items.stream().map(BatchItem::sentAt).toList();
        assertThat(sentAt).isSorted();
        Duration span = Duration.between(sentAt.get(0), sentAt.get(299));
        double rate = 299 / (span.toNanos() / 1e9);
        assertThat(rate).as("messages per second").isBetween(9.0, 11.0);
        for (int second = 0; second < 30; second++) {
            Instant from = sentAt.get(0).plusSeconds(second);
            long inWindow = sentAt.stream()
                    .filter(t -> !t.isBefore(from) && t.isBefore(from.plusSeconds(1)))
                    .count();
            assertThat(inWindow).as("sent in second %d", second).isLessThanOrEqualTo(11);
        }
        // The pipeline took each message when the runner says it sent it, under the reserved id.
        Map<String, Message> messages = fx.messages();
        for (BatchItem item : items) {
            assertThat(messages.get(item.messageId()).createdAt()).isEqualTo(item.sentAt());
        }
        Eventually.await("all at the carrier", () -> fx.carrier.sent.size() >= 300);
        assertThat(fx.carrier.sent)
                .extracting(Message::id)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(
                        items.stream().map(BatchItem::messageId).toList());
    }

    @Test
    void rowsRefusedByAFullLimitWaitUntilThePeriodTurns() {
        fx = new BatchFixture(new UsageLimits(5, 0, 0, 0, 0, 0));
        fx.clock.set(BatchFixture.START.plusSeconds(20));
        BatchJob job = fx.create(BatchFixture.batch(12, 0));

        fx.awaitQuiet();
        BatchSummary waiting = fx.stores.batches().find(job.id()).orElseThrow();
        assertThat(waiting.job().status()).isEqualTo(BatchStatus.PARTIALLY_QUEUED);
        assertThat(waiting.counts().sent()).isEqualTo(5);
        assertThat(waiting.counts().queued()).isEqualTo(7);
        assertThat(waiting.job().retryUntil())
                .isEqualTo(BatchFixture.START.plusSeconds(20).plus(Duration.ofMinutes(60)));
        assertThat(fx.scheduler.next()).contains(BatchFixture.START.plusSeconds(60));

        BatchSummary done = fx.drive(job.id(), 100);

        assertThat(done.job().status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(done.counts().sent()).isEqualTo(12);
        Map<Instant, Long> perMinute = fx.items(job.id()).stream()
                .collect(Collectors.groupingBy(
                        i -> i.sentAt().truncatedTo(ChronoUnit.MINUTES), TreeMap::new, Collectors.counting()));
        assertThat(perMinute.values()).containsExactly(5L, 5L, 2L);
        assertThat(perMinute.keySet())
                .containsExactly(
                        BatchFixture.START, BatchFixture.START.plusSeconds(60), BatchFixture.START.plusSeconds(120));
        assertThat(fx.items(job.id())).allSatisfy(i -> {
            assertThat(i.status()).isEqualTo(BatchItemStatus.SENT);
            assertThat(i.error()).isNull();
        });
        Eventually.await("twelve at the carrier", () -> fx.carrier.sent.size() >= 12);
        assertThat(fx.carrier.sent).hasSize(12).extracting(Message::id).doesNotHaveDuplicates();
    }

    @Test
    void rowsStillQueuedAfterMaxRetryMinsFail() {
        fx = new BatchFixture(new UsageLimits(0, 3, 0, 0, 0, 0));
        List<BatchRow> rows = BatchFixture.batch(5, 0).rows();
        BatchJob job = fx.create(new NewBatch(BatchFixture.FROM, null, rows, 0, 2, null));

        BatchSummary done = fx.drive(job.id(), 100);

        assertThat(done.job().status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(done.counts()).isEqualTo(new BatchCounts(0, 0, 3, 0, 2, 0));
        assertThat(fx.clock.instant()).isEqualTo(BatchFixture.START.plus(Duration.ofMinutes(2)));
        // Rows go to the pipeline together when unthrottled: which three the limit let through may vary.
        assertThat(fx.items(job.id()).stream().filter(i -> i.status() == BatchItemStatus.FAILED))
                .hasSize(2)
                .allSatisfy(i -> {
                    assertThat(i.status()).isEqualTo(BatchItemStatus.FAILED);
                    assertThat(i.error()).isEqualTo("retry deadline exceeded");
                    assertThat(i.errorCode()).isEqualTo(429);
                });
        Eventually.await("three at the carrier", () -> fx.carrier.sent.size() >= 3);
        assertThat(fx.carrier.sent).hasSize(3);
    }

    @Test
    void afterACrashRowsTakenBeforeAreRecognisedAndNothingIsSentTwice() throws Exception {
        fx = new BatchFixture(UsageLimits.NONE);
        // What a process killed mid-batch leaves: a stored job, six rows taken, three of them
        // already in the pipeline (stored and sent), their outcomes not written yet.
        NewBatch request = BatchFixture.batch(10, 0);
        BatchJob job = new BatchJob(
                "6f1c0c7e-1111-4222-8333-944455556666",
                fx.shop.id(),
                null,
                BatchStatus.PROCESSING,
                10,
                BatchFixture.FROM,
                null,
                0,
                60,
                null,
                false,
                BatchFixture.START,
                BatchFixture.START,
                null);
        List<BatchItem> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(new BatchItem(
                    job.id(),
                    i,
                    io.gomsggw.core.model.MessageIds.next(fx.clock),
                    "+1604555" + String.format("%04d", i),
                    request.rows().get(i).text(),
                    BatchItemStatus.PENDING,
                    null,
                    0,
                    null,
                    null,
                    BatchFixture.START));
        }
        fx.stores.batches().create(job, rows);
        List<BatchItem> taken = fx.stores.batches().claim(job.id(), 0, 6);
        for (BatchItem item : taken.subList(0, 3)) {
            SubmitResult result = fx.pipeline
                    .submit(
                            fx.shop,
                            new Submission(
                                    BatchFixture.FROM,
                                    item.to(),
                                    item.text(),
                                    List.of(),
                                    Protocol.HTTP,
                                    null,
                                    item.messageId()))
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            assertThat(result).isInstanceOf(SubmitResult.Accepted.class);
        }
        Eventually.await("first three sent", () -> fx.carrier.sent.size() == 3);

        assertThat(fx.runner.resume()).isEqualTo(1);
        BatchSummary done = fx.drive(job.id(), 100);

        assertThat(done.job().status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(done.counts().sent()).isEqualTo(10);
        Eventually.await("ten at the carrier", () -> fx.carrier.sent.size() >= 10);
        Map<String, Long> sends =
                fx.carrier.sent.stream().collect(Collectors.groupingBy(Message::id, Collectors.counting()));
        assertThat(sends)
                .hasSize(10)
                .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
        assertThat(sends.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        rows.stream().map(BatchItem::messageId).toList());
    }

    @Test
    void cancellingStopsTheRowsNotTakenYet() {
        fx = new BatchFixture(UsageLimits.NONE);
        BatchJob job = fx.create(BatchFixture.batch(20, 1));
        List<BatchItem> rows = fx.items(job.id());
        assertThat(fx.service.cancelItem(fx.shop.id(), job.id(), rows.get(10).messageId()))
                .isEqualTo(new CancelResult.Cancelled(1, 0));
        for (int i = 0; i < 3; i++) {
            fx.awaitQuiet();
            fx.scheduler.runNext();
        }
        fx.awaitQuiet();

        CancelResult result = fx.service.cancel(fx.shop.id(), job.id());
        BatchSummary done = fx.drive(job.id(), 100);

        assertThat(result).isInstanceOfSatisfying(CancelResult.Cancelled.class, c -> {
            assertThat(c.sent()).isEqualTo(4);
            assertThat(c.cancelled()).as("15 by this call, row 10 before").isEqualTo(15);
        });
        assertThat(done.job().status()).isEqualTo(BatchStatus.CANCELLED);
        assertThat(done.counts()).isEqualTo(new BatchCounts(0, 0, 4, 0, 0, 16));
        Eventually.await("four at the carrier", () -> fx.carrier.sent.size() == 4);
        assertThat(fx.service.cancel(fx.shop.id(), job.id())).isEqualTo(new CancelResult.TooLate("cancelled"));
        assertThat(fx.service.cancelItem(fx.shop.id(), job.id(), rows.get(0).messageId()))
                .isEqualTo(new CancelResult.TooLate("sent"));
    }

    @Test
    void rowsToPartiesThatOptedOutFailAndTheOthersAreSent() {
        fx = new BatchFixture(UsageLimits.NONE);
        fx.stores.optOuts().optOut(BatchFixture.FROM, "+16045550003", BatchFixture.START);
        fx.stores.optOuts().optOut(BatchFixture.FROM, "+16045550007", BatchFixture.START);
        fx.stores.optOuts().optOut("+12505550999", "+16045550004", BatchFixture.START);
        BatchJob job = fx.create(BatchFixture.batch(10, 0));

        BatchSummary done = fx.drive(job.id(), 100);

        assertThat(done.counts()).isEqualTo(new BatchCounts(0, 0, 8, 0, 2, 0));
        List<BatchItem> failed = fx.stores
                .batches()
                .items(job.id(), List.of(BatchItemStatus.FAILED), 1, 10)
                .items();
        assertThat(failed).extracting(BatchItem::index).containsExactly(3, 7);
        assertThat(failed.get(0).error()).isEqualTo("+16045550003 has opted out of messages from +12505550100 (STOP)");
        Eventually.await("eight at the carrier", () -> fx.carrier.sent.size() >= 8);
        assertThat(fx.carrier.sent)
                .extracting(Message::to)
                .as("an opt-out from another number does not count")
                .contains("+16045550004")
                .doesNotContain("+16045550003", "+16045550007");
    }

    @Test
    void invalidRowsAreFailedWithTheirIndexAndAWebhookHearsOfTheEnd() {
        fx = new BatchFixture(UsageLimits.NONE);
        List<BatchRow> rows = List.of(
                new BatchRow("+16045550001", null, Map.of("Name", "Ada")),
                new BatchRow("+16045550002", null, Map.of("nom", "Bob")),
                new BatchRow("not a number", null, Map.of("name", "Cy")),
                new BatchRow("604-555-0004", "Own text", null));
        BatchCreation creation = fx.service.create(
                fx.shop,
                9L,
                new NewBatch(BatchFixture.FROM, "Hi {{ name }}!", rows, 0, 60, "https://app.example.com/done"));

        assertThat(creation).isInstanceOf(BatchCreation.Created.class);
        BatchCreation.Created created = (BatchCreation.Created) creation;
        assertThat(created.invalidRows()).extracting(RowError::index).containsExactly(1, 2);
        assertThat(created.invalidRows().get(0).error()).isEqualTo("no value for template variable 'name'");
        assertThat(created.invalidRows()).allSatisfy(e -> assertThat(e.code()).isEqualTo(400));
        BatchSummary done = fx.drive(created.job().id(), 100);
        assertThat(done.counts()).isEqualTo(new BatchCounts(0, 0, 2, 0, 2, 0));
        Eventually.await("two at the carrier", () -> fx.carrier.sent.size() >= 2);
        assertThat(fx.carrier.sent).extracting(Message::text).containsExactlyInAnyOrder("Hi Ada!", "Own text");
        Eventually.await("webhook told", () -> fx.notified.size() == 1);
        assertThat(fx.notified.get(0).job().id()).isEqualTo(created.job().id());
        assertThat(fx.notified.get(0).job().apiKeyId()).isEqualTo(9L);
        Eventually.await(
                "webhook noted", () -> fx.stores.batches().awaitingWebhook().isEmpty());

        BatchCreation none = fx.service.create(
                fx.shop,
                null,
                new NewBatch(BatchFixture.FROM, null, List.of(new BatchRow("+16045550001", " ", null)), 0, 60, null));
        assertThat(none)
                .isInstanceOfSatisfying(
                        BatchCreation.Rejected.class,
                        r -> assertThat(r.errors()).extracting(RowError::index).containsExactly(0));
    }
}
