package io.gomsggw.core.store.jdbi;

import static io.gomsggw.core.store.jdbi.Fixtures.webClient;
import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.batch.BatchCounts;
import io.gomsggw.core.batch.BatchItem;
import io.gomsggw.core.batch.BatchItemStatus;
import io.gomsggw.core.batch.BatchJob;
import io.gomsggw.core.batch.BatchQuery;
import io.gomsggw.core.batch.BatchStatus;
import io.gomsggw.core.batch.BatchStore;
import io.gomsggw.core.batch.BatchSummary;
import io.gomsggw.core.batch.ItemOutcome;
import io.gomsggw.core.store.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The {@link BatchStore} contract. */
interface BatchStoreContract extends StoreFixture {
    Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static BatchJob job(String id, long clientId, String from, Instant createdAt) {
        return new BatchJob(
                id,
                clientId,
                null,
                BatchStatus.PENDING,
                0,
                from,
                null,
                10,
                60,
                null,
                false,
                createdAt,
                createdAt,
                null);
    }

    private static List<BatchItem> rows(String batchId, int count) {
        List<BatchItem> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(new BatchItem(
                    batchId,
                    i,
                    UUID.randomUUID().toString(),
                    "+1604555" + String.format("%04d", i),
                    "hello " + i,
                    BatchItemStatus.PENDING,
                    null,
                    0,
                    null,
                    null,
                    T0));
        }
        return items;
    }

    private BatchStore batches() {
        return stores().batches();
    }

    private BatchJob stored(long clientId, int rows) {
        String id = UUID.randomUUID().toString();
        BatchJob job = new BatchJob(
                id,
                clientId,
                7L,
                BatchStatus.PENDING,
                rows,
                "+12505550100",
                "https://app.example.com/done",
                10,
                60,
                null,
                false,
                T0,
                T0,
                null);
        batches().create(job, rows(id, rows));
        return job;
    }

    @Test
    default void storesAJobWithItsRowsAndCountsThem() {
        long client = stores().clients().create(webClient("shop")).id();
        String id = UUID.randomUUID().toString();
        BatchJob job = new BatchJob(
                id,
                client,
                7L,
                BatchStatus.PENDING,
                3,
                "+12505550100",
                "https://app.example.com/done",
                10,
                60,
                null,
                false,
                T0,
                T0,
                null);
        List<BatchItem> items = new ArrayList<>(rows(id, 2));
        items.add(new BatchItem(
                id,
                2,
                UUID.randomUUID().toString(),
                "12ab",
                "x",
                BatchItemStatus.FAILED,
                "invalid 'to'",
                400,
                null,
                null,
                T0));

        batches().create(job, items);

        assertThat(batches().find(id)).contains(new BatchSummary(job, new BatchCounts(2, 0, 0, 0, 1, 0)));
        assertThat(batches().find(UUID.randomUUID().toString())).isEmpty();
        Page<BatchItem> page = batches().items(id, List.of(), 1, 2);
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.items()).containsExactlyElementsOf(items.subList(0, 2));
        assertThat(batches().items(id, List.of(), 2, 2).items()).containsExactly(items.get(2));
        assertThat(batches().items(id, List.of(BatchItemStatus.FAILED), 1, 10).items())
                .containsExactly(items.get(2));
        assertThat(batches().findItem(id, items.get(1).messageId())).contains(items.get(1));
        assertThat(batches().findItem(id, "nope")).isEmpty();
    }

    @Test
    default void storesTenThousandRowsInOneCall() {
        long client = stores().clients().create(webClient("shop")).id();
        BatchJob job = stored(client, 10_000);

        assertThat(batches().find(job.id()).orElseThrow().counts().pending()).isEqualTo(10_000);
        assertThat(batches()
                        .items(job.id(), List.of(), 50, 200)
                        .items()
                        .get(199)
                        .index())
                .isEqualTo(9_999);
    }

    @Test
    default void claimsWaitingRowsInOrderAndRecordsTheirOutcomesOnlyWhileTaken() {
        long client = stores().clients().create(webClient("shop")).id();
        BatchJob job = stored(client, 5);
        List<BatchItem> all = batches().items(job.id(), List.of(), 1, 10).items();
        assertThat(batches().cancelItem(job.id(), all.get(1).messageId(), "cancelled by user"))
                .isTrue();

        List<BatchItem> claimed = batches().claim(job.id(), 0, 2);

        assertThat(claimed).extracting(BatchItem::index).containsExactly(0, 2);
        assertThat(claimed).allSatisfy(i -> assertThat(i.status()).isEqualTo(BatchItemStatus.SENDING));
        assertThat(batches().sending(job.id())).isEqualTo(claimed);
        assertThat(batches().cancelItem(job.id(), all.get(0).messageId(), "too late"))
                .isFalse();
        Instant sentAt = T0.plusSeconds(1);
        Instant queuedAt = T0.plusSeconds(2);
        batches()
                .record(List.of(
                        new ItemOutcome(job.id(), 0, BatchItemStatus.SENT, null, 0, sentAt),
                        new ItemOutcome(
                                job.id(), 2, BatchItemStatus.QUEUED, "SMS burst limit exceeded (5/5)", 429, queuedAt),
                        new ItemOutcome(job.id(), 3, BatchItemStatus.SENT, null, 0, sentAt)));

        BatchItem sent = batches().findItem(job.id(), all.get(0).messageId()).orElseThrow();
        assertThat(sent.status()).isEqualTo(BatchItemStatus.SENT);
        assertThat(sent.sentAt()).isEqualTo(sentAt);
        BatchItem queued = batches().findItem(job.id(), all.get(2).messageId()).orElseThrow();
        assertThat(queued.status()).isEqualTo(BatchItemStatus.QUEUED);
        assertThat(queued.queuedAt()).isEqualTo(queuedAt);
        assertThat(queued.errorCode()).isEqualTo(429);
        assertThat(batches()
                        .findItem(job.id(), all.get(3).messageId())
                        .orElseThrow()
                        .status())
                .as("row 3 was never taken")
                .isEqualTo(BatchItemStatus.PENDING);
        assertThat(batches().find(job.id()).orElseThrow().counts()).isEqualTo(new BatchCounts(2, 0, 1, 1, 0, 1));

        assertThat(batches().claim(job.id(), 0, 10))
                .extracting(BatchItem::index)
                .containsExactly(2, 3, 4);
        assertThat(batches().claim(job.id(), 0, 10)).isEmpty();
    }

    @Test
    default void claimsFromAnIndexAndNeverReturnsARowTakenBefore() {
        long client = stores().clients().create(webClient("shop")).id();
        BatchJob job = stored(client, 4);

        assertThat(batches().claim(job.id(), 1, 1)).extracting(BatchItem::index).containsExactly(1);
        assertThat(batches().claim(job.id(), 0, 10))
                .as("row 1 is sending already")
                .extracting(BatchItem::index)
                .containsExactly(0, 2, 3);
        assertThat(batches().sending(job.id())).extracting(BatchItem::index).containsExactly(0, 1, 2, 3);
    }

    @Test
    default void rowsTakenInOrderReadAsSendingUntilTheirOutcomeAndAQueuedRowTakenAgainToo() {
        long client = stores().clients().create(webClient("shop")).id();
        BatchJob job = stored(client, 6);
        List<BatchItem> all = batches().items(job.id(), List.of(), 1, 10).items();

        assertThat(batches().claim(job.id(), 0, 3)).extracting(BatchItem::index).containsExactly(0, 1, 2);

        assertThat(batches()
                        .items(job.id(), List.of(BatchItemStatus.SENDING), 1, 10)
                        .items())
                .extracting(BatchItem::index)
                .containsExactly(0, 1, 2);
        assertThat(batches()
                        .items(job.id(), List.of(BatchItemStatus.PENDING), 1, 10)
                        .total())
                .isEqualTo(3);
        assertThat(batches()
                        .findItem(job.id(), all.get(2).messageId())
                        .orElseThrow()
                        .status())
                .isEqualTo(BatchItemStatus.SENDING);
        assertThat(batches().cancelItem(job.id(), all.get(1).messageId(), "too late"))
                .isFalse();
        assertThat(batches().queueWaiting(job.id(), "limit", 429, T0))
                .as("only the rows not taken")
                .isEqualTo(3);
        batches()
                .record(List.of(
                        new ItemOutcome(job.id(), 0, BatchItemStatus.SENT, null, 0, T0),
                        new ItemOutcome(job.id(), 1, BatchItemStatus.QUEUED, "limit", 429, T0),
                        new ItemOutcome(job.id(), 4, BatchItemStatus.SENT, null, 0, T0)));
        assertThat(batches().find(job.id()).orElseThrow().counts())
                .as("row 4 was never taken: its outcome is not applied")
                .isEqualTo(new BatchCounts(0, 1, 1, 4, 0, 0));

        assertThat(batches().claim(job.id(), 0, 2))
                .as("the queued rows, lowest first")
                .extracting(BatchItem::index)
                .containsExactly(1, 3);
        assertThat(batches().cancelItem(job.id(), all.get(3).messageId(), "too late"))
                .isFalse();
        assertThat(batches().cancelWaiting(job.id(), "cancelled")).isEqualTo(2);
        assertThat(batches().sending(job.id())).extracting(BatchItem::index).containsExactly(1, 2, 3);
        assertThat(batches().find(job.id()).orElseThrow().counts()).isEqualTo(new BatchCounts(0, 3, 1, 0, 0, 2));
        assertThat(batches()
                        .search(new BatchQuery(client, null, null, null, null, 1, 10))
                        .items())
                .as("a search counts by its own query, the same")
                .extracting(BatchSummary::counts)
                .containsExactly(new BatchCounts(0, 3, 1, 0, 0, 2));
    }

    @Test
    default void claimsSkipRowsThatDoNotWaitAndTakeUpToTheLimit() {
        long client = stores().clients().create(webClient("shop")).id();
        BatchJob job = stored(client, 600);
        List<BatchItem> all = batches().items(job.id(), List.of(), 1, 600).items();
        for (int i = 0; i < 500; i++) {
            batches().cancelItem(job.id(), all.get(i).messageId(), "cancelled by user");
        }

        assertThat(batches().claim(job.id(), 0, 50))
                .extracting(BatchItem::index)
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.range(500, 550).boxed().toList());
        assertThat(batches().claim(job.id(), 550, 100)).hasSize(50);
        assertThat(batches().claim(job.id(), 600, 100)).isEmpty();
        assertThat(batches().find(job.id()).orElseThrow().counts()).isEqualTo(new BatchCounts(0, 100, 0, 0, 0, 500));
    }

    @Test
    default void queuesFailsAndCancelsWaitingRows() {
        long client = stores().clients().create(webClient("shop")).id();
        BatchJob job = stored(client, 4);
        batches().claim(job.id(), 0, 1);

        assertThat(batches().queueWaiting(job.id(), "limit", 429, T0)).isEqualTo(3);
        assertThat(batches().failWaiting(job.id(), "retry deadline exceeded", 429))
                .isEqualTo(3);
        assertThat(batches().cancelWaiting(job.id(), "cancelled")).isZero();
        assertThat(batches().find(job.id()).orElseThrow().counts()).isEqualTo(new BatchCounts(0, 1, 0, 0, 3, 0));

        BatchJob other = stored(client, 2);
        assertThat(batches().cancelWaiting(other.id(), "batch job cancelled by user"))
                .isEqualTo(2);
        assertThat(batches().items(other.id(), List.of(), 1, 5).items())
                .allSatisfy(i -> assertThat(i.error()).isEqualTo("batch job cancelled by user"));
    }

    @Test
    default void updatesStateAndListsUnfinishedJobsAndUndeliveredWebhooks() {
        long client = stores().clients().create(webClient("shop")).id();
        BatchJob running = stored(client, 1);
        BatchJob done = stored(client, 1);
        Instant now = T0.plusSeconds(30);
        BatchJob queued = running.withState(BatchStatus.PARTIALLY_QUEUED, now.plusSeconds(3600), now, null);
        batches().updateState(queued);
        BatchJob completed = done.withState(BatchStatus.COMPLETED, null, now, now);
        batches().updateState(completed);

        assertThat(batches().unfinished()).containsExactly(queued);
        assertThat(batches().awaitingWebhook()).containsExactly(completed);
        batches().markNotified(done.id());
        assertThat(batches().awaitingWebhook()).isEmpty();
        assertThat(batches().find(done.id()).orElseThrow().job().webhookNotified())
                .isTrue();
    }

    @Test
    default void searchesAClientsJobsNewestFirst() {
        long shop = stores().clients().create(webClient("shop")).id();
        long other = stores().clients().create(webClient("other")).id();
        BatchJob first = job(UUID.randomUUID().toString(), shop, "+12505550100", T0);
        BatchJob second = job(UUID.randomUUID().toString(), shop, "+12505550199", T0.plusSeconds(60));
        BatchJob third = job(UUID.randomUUID().toString(), shop, "+12505550100", T0.plusSeconds(120));
        for (BatchJob job : List.of(first, second, third, job(UUID.randomUUID().toString(), other, "+1", T0))) {
            batches().create(job, rows(job.id(), 1));
        }
        batches().updateState(third.withState(BatchStatus.COMPLETED, null, third.createdAt(), third.createdAt()));

        Page<BatchSummary> all = batches().search(new BatchQuery(shop, null, null, null, null, 1, 2));
        assertThat(all.total()).isEqualTo(3);
        assertThat(all.items()).extracting(s -> s.job().id()).containsExactly(third.id(), second.id());
        assertThat(all.items().get(1).counts().pending()).isEqualTo(1);
        assertThat(batches()
                        .search(new BatchQuery(shop, BatchStatus.PENDING, "+12505550100", null, null, 1, 10))
                        .items())
                .extracting(s -> s.job().id())
                .containsExactly(first.id());
        assertThat(batches()
                        .search(new BatchQuery(shop, null, null, T0.plusSeconds(60), T0.plusSeconds(60), 1, 10))
                        .items())
                .extracting(s -> s.job().id())
                .containsExactly(second.id());
    }

    @Test
    default void jobsGoWithTheirClient() {
        long client = stores().clients().create(webClient("shop")).id();
        BatchJob job = stored(client, 2);

        stores().clients().delete(client);

        assertThat(batches().find(job.id())).isEmpty();
        assertThat(batches().items(job.id(), Set.of(), 1, 10).total()).isZero();
    }
}
